/**
 * The Google Ads approval card against a real server whose Google Ads channel talks to a local
 * fake of the Google Ads REST API (GOOGLE_ADS_* variables): names, money before/after, the change
 * in money and percent, the impact caps (one over its cap), a shared budget's campaigns, and the
 * note that spent money cannot be undone. Screenshots in both schemes and sizes; axe-core clean.
 */
import AxeBuilder from '@axe-core/playwright';
import { FakeGoogleAdsServer } from '../electron/engine/channels/google-ads/test-support/fake-google-ads-server';
import { expect, test } from './support/test';
import { shoot } from './support/shots';
import { openApproval } from './support/seed';
import { startServe, type ServeHandle } from './support/serve';

let fake: FakeGoogleAdsServer;
let server: ServeHandle;

test.beforeAll(async () => {
  fake = await FakeGoogleAdsServer.start();
  server = await startServe({
    env: {
      GOOGLE_ADS_CLIENT_ID: fake.clientId,
      GOOGLE_ADS_CLIENT_SECRET: fake.clientSecret,
      GOOGLE_ADS_REFRESH_TOKEN: fake.issueRefreshToken(),
      GOOGLE_ADS_CUSTOMER_ID: '123-456-7890',
      GOOGLE_ADS_API_BASE_URL: fake.baseUrl,
      GOOGLE_OAUTH_TOKEN_URL: fake.tokenUrl,
      GOOGLE_ADS_API_VERSION: '',
      GOOGLE_ADS_CAPS: '',
      SUPABASE_DB_URL: '',
    },
  });
});
test.afterAll(async () => {
  expect(await server?.stop()).toBe(0);
  await fake?.close();
});

const waiting = (title: string, metadata: Record<string, unknown>) =>
  server.rpc('tasks:create', { title, assignedAgent: 'Google Ads Agent', priority: 'medium', requiresApproval: true, metadata, description: `${title} (e2e)` });

test('Google Ads approval cards: names, money, percent, caps, shared budget', async ({ page }) => {
  const over = await waiting('Raise the Denon AVR bid by 30 %', { action: 'adjust_bid', ad_group_id: '555', bid_change_percent: 30 });
  const shared = await waiting('Raise the speakers budget to R 550', { action: 'set_budget', budget_id: '9001', new_amount: 550 });
  const keyword = await waiting('Raise the X3800H keyword bid', { action: 'adjust_bid', ad_group_id: '555', criterion_id: '777', bid_change_percent: 8 });

  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/approvals`);
  const card = (id: string) => page.locator(`.approval-card[data-task-id="${id}"]`);

  const overCard = (await openApproval(page, over.id)).getByTestId('ads-change');
  await expect(overCard).toContainText('Home Theatre');
  await expect(overCard).toContainText('Denon AVR');
  await expect(overCard.getByTestId('ads-values')).toContainText('R 4.00');
  await expect(overCard.getByTestId('ads-values')).toContainText('R 5.20');
  await expect(overCard.getByTestId('ads-delta')).toHaveText('+R 1.20 (+30 %)');
  await expect(overCard.getByRole('alert')).toContainText('Beyond the impact cap maxChangePercent');
  await expect(overCard.locator('tr.cap-over')).toContainText('largest single change');
  await expect(overCard).toContainText('money already spent');

  await shoot(page, 'google-ads-approvals', ['light', 'dark']);
  const sharedCard = (await openApproval(page, shared.id)).getByTestId('ads-change');
  await expect(sharedCard).toContainText('Shared budget');
  await expect(sharedCard).toContainText('Speakers Brand (222), Speakers Generic (333)');
  await expect(sharedCard.getByTestId('ads-delta')).toHaveText('+R 50.00 (+10 %)');

  await shoot(page, 'google-ads-approvals-shared', ['light', 'dark']);
  await expect((await openApproval(page, keyword.id)).getByTestId('ads-change')).toContainText('denon avr x3800h (exact)');
  await expect(card(keyword.id).getByTestId('ads-delta')).toHaveText('+R 0.36 (+8 %)');

  await page.setViewportSize({ width: 1024, height: 640 });
  await openApproval(page, over.id);
  await shoot(page, 'google-ads-approvals-1024x640', ['light', 'dark']);
  await page.setViewportSize({ width: 1280, height: 800 });

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page }).include('[data-testid="ads-change"]').analyze();
    const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious, `${scheme}: ${JSON.stringify(serious.map((v) => [v.id, v.nodes.map((n) => n.target)]))}`).toEqual([]);
  }
  // Nothing was changed at Google by showing the cards.
  expect(fake.mutations()).toHaveLength(0);
});

test('Settings shows the Google Ads impact caps with their defaults', async ({ page }) => {
  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/settings`);
  const caps = page.getByRole('group', { name: 'Google Ads impact caps' });
  await expect(caps.getByLabel('Largest single change')).toHaveValue('25');
  await expect(caps.getByLabel('Largest total change per 24 h')).toHaveValue('50');
  await expect(caps.getByLabel('Highest daily budget')).toHaveValue('5000');
  await caps.scrollIntoViewIfNeeded();
  await shoot(page, 'google-ads-settings-caps', ['light', 'dark']);
  const results = await new AxeBuilder({ page }).include('fieldset').analyze();
  expect(results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')).toEqual([]);
});

test('an applied bid change is rolled back from the task page, the page saying spent money stays spent', async ({ page }) => {
  await server.rpc('settings:update', { dryRun: false, autoExecution: true });
  try {
    const task = await waiting('Lower the Denon AVR bid by 10 %', { action: 'adjust_bid', ad_group_id: '555', bid_change_percent: -10 });
    await server.rpc('approvals:approve', { id: task.id });
    await expect.poll(async () => (await server.rpc('tasks:get', { id: task.id })).task.status, { timeout: 20_000 }).toBe('completed');

    await page.goto(server.authUrl);
    await page.goto(`${server.url}#/task/${encodeURIComponent(task.id)}`);
    await page.getByRole('button', { name: 'Roll back…' }).click();
    await expect(page.getByRole('dialog', { name: 'Roll back this task?' })).toBeVisible();
    await page.getByRole('dialog').getByRole('button', { name: 'Roll back', exact: true }).click();
    const result = page.getByTestId('rollback-result');
    await expect(result).toContainText('Restored');
    await expect(page.locator('[data-kind="rolled_back"]')).toBeVisible();
    await expect(page.getByText('Money already spent cannot be undone').first()).toBeVisible();
    // Google's value is back where it was before the task: the live read on the page says R 4.00.
    await expect(page.getByText('Max CPC now')).toBeVisible();
    await expect(page.locator('.ads-values').first()).toContainText('R 4.00');
    await result.scrollIntoViewIfNeeded();
    await shoot(page, 'google-ads-rolled-back', ['light', 'dark']);
    await page.setViewportSize({ width: 1024, height: 640 });
    await shoot(page, 'google-ads-rolled-back-1024x640', ['light', 'dark']);
    await page.setViewportSize({ width: 1280, height: 800 });
  } finally {
    await server.rpc('settings:update', { dryRun: true, autoExecution: false });
  }
});
