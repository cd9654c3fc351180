/**
 * OpenCart against a real server and a real MariaDB loaded with the OpenCart 3.0.5.0 demo shop:
 * the approval card shows the before/after table read live from the shop (with a value over
 * OpenCart's limit blocking a second task), then the approved change is applied and rolled back
 * from the task page (confirmation, restored / left alone). Screenshots at 1280x800 and
 * 1024x640, light and dark; axe-core finds no serious or critical violations.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { startMariadb, type TestMariadb } from '../electron/engine/channels/opencart/test-support/mariadb';
import { expect, test } from './support/test';
import { shoot } from './support/shots';
import { openApproval } from './support/seed';
import { startServe, type ServeHandle } from './support/serve';

let maria: TestMariadb;
let database: string;
let server: ServeHandle;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  maria = await startMariadb();
  database = await maria.createOpencart('3.0.5.0');
  server = await startServe({
    env: { OPENCART_DB_URL: maria.urlFor(database), OPENCART_STORE_URL: 'https://shop.audico.example/', ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'false', SUPABASE_DB_URL: '' },
  });
});
test.afterAll(async () => {
  expect(await server?.stop()).toBe(0);
  await maria?.destroy();
});

async function axeClean(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function shootBoth(page: Page, name: string) {
  await shoot(page, name, ['light', 'dark']);
  await page.setViewportSize({ width: 1024, height: 640 });
  await shoot(page, `${name}-1024x640`, ['light', 'dark']);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('approval card shows the live before/after table; the applied change is rolled back from the task page', async ({ page }) => {
  test.setTimeout(300_000); // eight screenshots and two axe runs on a busy machine
  const rewrite = await server.rpc('tasks:create', {
    title: 'SEO keywords for Apple products',
    assignedAgent: 'SEO Agent',
    priority: 'medium',
    requiresApproval: false,
    metadata: { change_type: 'url_rewrite', affected_products: 2, changes: [{ product_id: 40, after: 'apple-iphone' }, { product_id: 43, before: 'the agent guesses', after: 'apple-macbook' }] },
  });
  const tooLong = await server.rpc('tasks:create', {
    title: 'Meta title for the iPod',
    assignedAgent: 'SEO Agent',
    priority: 'low',
    requiresApproval: true,
    metadata: { change_type: 'meta_title', affected_products: 1, changes: [{ product_id: 48, after: `iPod Classic & more ${'x'.repeat(240)}` }] },
  });

  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/approvals`);
  await expect(await openApproval(page, tooLong.id)).toContainText('the limit is 255');
  const card = await openApproval(page, rewrite.id);
  await expect(card.locator('.seo-product')).toHaveCount(2);
  await expect(card.getByRole('cell', { name: 'iphone', exact: true })).toBeVisible();
  await expect(card.getByRole('cell', { name: 'apple-iphone', exact: true })).toBeVisible();
  await expect(card).toContainText('OpenCart 3.x (seo_url.query, MyISAM)');
  await axeClean(page);
  await shootBoth(page, 'opencart-approval');

  // The undo window after approving has its own test (triage.spec.ts); here the change runs at once.
  await server.rpc('settings:update', { approvalUndoSeconds: 0 });
  await card.getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(card).toBeHidden();
  await server.rpc('executor:runNow', {});
  await page.goto(`${server.url}#/task/${rewrite.id}`);
  await expect(page.getByRole('button', { name: 'Roll back…' })).toBeVisible();
  // Someone fixes one keyword by hand in the shop before the rollback: it is left alone.
  await maria.query(database, "UPDATE oc_seo_url SET keyword = 'macbook-2026' WHERE `query` = 'product_id=43'");
  await page.getByRole('button', { name: 'Roll back…' }).click();
  await expect(page.getByRole('dialog', { name: 'Roll back this task?' })).toBeVisible();
  await page.getByRole('dialog').getByRole('button', { name: 'Roll back', exact: true }).click();
  const result = page.getByTestId('rollback-result');
  await expect(result).toContainText('Restored');
  await expect(result).toContainText('product 40 English url_rewrite (store 0)');
  await expect(result).toContainText('Left alone');
  await expect(result).toContainText('macbook-2026');
  await expect(page.locator('[data-kind="rolled_back"]')).toBeVisible();
  const rows = await maria.query<{ query: string; keyword: string }[]>(database, "SELECT `query`, keyword FROM oc_seo_url WHERE `query` IN ('product_id=40', 'product_id=43') ORDER BY `query`");
  expect(rows).toEqual([{ query: 'product_id=40', keyword: 'iphone' }, { query: 'product_id=43', keyword: 'macbook-2026' }]);
  await axeClean(page);
  await shootBoth(page, 'opencart-rolled-back');
});
