/**
 * A newsletter through Brevo, seen by Kenny: a real `mission-control serve` whose Brevo channel
 * talks to the local fake Brevo server (which checks every request against Brevo's OpenAPI
 * description). The approval shows the rendered e-mail, the sender and the lists with their live
 * counts; "Send me a test" sends one; after approval and Brevo's delivery the task shows the
 * campaign's statistics. Screenshots at 1280x800 and 1024x640, light and dark; axe-core clean.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { FakeBrevoServer } from '../electron/engine/channels/brevo/test-support/fake-brevo-server';
import { expect, test } from './support/test';
import { shoot } from './support/shots';
import { openApproval } from './support/seed';
import { startServe, type ServeHandle } from './support/serve';

let fake: FakeBrevoServer;
let server: ServeHandle;

// axe-core tries to run inside the e-mail's frame too; the frame is sandboxed without scripts, as it must be.
test.use({ allowConsole: [/Blocked script execution in 'about:srcdoc'/] });

const html = `<div style="font-family:Arial,sans-serif;max-width:560px;margin:auto;color:#222">
<h1 style="color:#0b5cad">Audico: May deals</h1>
<p>The <strong>Sonos Era 300</strong> is back in stock, and the Denon AVR-X1800H is 15% off until Friday.</p>
<p><a href="https://audico.example/deals" style="background:#0b5cad;color:#fff;padding:8px 14px;border-radius:4px;text-decoration:none">See the deals</a></p>
<p style="font-size:12px;color:#666">You get this because you subscribed at audico.example.</p></div>`;

test.beforeAll(async () => {
  fake = await FakeBrevoServer.start();
  server = await startServe({
    env: {
      BREVO_API_KEY: fake.apiKey,
      BREVO_API_BASE_URL: fake.apiBaseUrl,
      BREVO_SENDER_EMAIL: 'news@audico.example',
      BREVO_SENDER_NAME: 'Audico',
      BREVO_LIST_ID: '7',
      ALERT_EMAIL: 'kenny@audico.example',
      ENABLE_AUTO_EXECUTION: 'true',
      AGENT_DRY_RUN: 'false',
      SUPABASE_DB_URL: '',
    },
  });
});
test.afterAll(async () => {
  expect(await server?.stop()).toBe(0);
  expect(fake.violations).toEqual([]);
  await fake?.close();
});

async function axeClean(page: Page) {
  // The e-mail's own frame is the sender's content in a script-less sandbox: axe cannot run there
  // (asked to, it waits for a frame that never answers), so the frames are left out.
  const results = await new AxeBuilder({ page }).options({ iframes: false }).exclude('iframe').analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function shootBoth(page: Page, name: string) {
  await shoot(page, name, ['light', 'dark']);
  await page.setViewportSize({ width: 1024, height: 640 });
  await shoot(page, `${name}-1024x640`, ['light', 'dark']);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('newsletter approval: rendered e-mail, lists with counts, a test send; then its statistics', async ({ page }) => {
  test.setTimeout(90_000);
  const task = await server.rpc('tasks:create', {
    title: 'May newsletter',
    assignedAgent: 'Marketing Agent',
    metadata: { action: 'send_newsletter', subject: 'May deals: Sonos Era 300 is back', preview_text: 'Plus 15% off Denon receivers', html_content: html, list_ids: [7, 9] },
  });
  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/approvals`);
  const card = await openApproval(page, task.id);
  await expect(card).toContainText('May deals: Sonos Era 300 is back');
  await expect(card).toContainText('Audico <news@audico.example>');
  const lists = card.getByRole('table', { name: 'Brevo lists' });
  await expect(lists).toContainText('Newsletter subscribers');
  await expect(lists.getByRole('row', { name: /Newsletter subscribers/ })).toContainText('1,7761,78913');
  await expect(lists.getByRole('row', { name: /VIP customers/ })).toContainText('1201182');
  await expect(card).toContainText('1,907 (unique subscribers of the lists)');
  const frame = card.frameLocator('iframe[title^="Newsletter"]');
  await expect(frame.getByRole('heading', { name: 'Audico: May deals' })).toBeVisible();
  await shootBoth(page, 'brevo-newsletter-approval');
  await axeClean(page);

  await card.getByRole('button', { name: 'Send me a test' }).click();
  await expect(card.getByRole('status')).toHaveText('Test sent to kenny@audico.example');
  expect(fake.tests).toEqual([{ campaignId: 100, emailTo: ['kenny@audico.example'] }]);

  await server.rpc('approvals:approve', { id: task.id });
  await server.rpc('executor:runNow', {});
  await expect.poll(() => fake.sentCampaigns().length).toBe(1);
  expect(fake.campaigns.size).toBe(1);
  // Brevo delivers; the task page (loaded previews are reused for 60 s) then reads the statistics.
  fake.deliver(100, { sent: 1895, delivered: 1873, uniqueViews: 768, uniqueClicks: 203, unsubscriptions: 4 });
  await expect.poll(async () => (await server.rpc('tasks:get', { id: task.id })).task.status).toBe('completed');

  await page.goto(`${server.url}#/task/${encodeURIComponent(task.id)}`);
  const stats = page.getByRole('region', { name: 'Campaign statistics' });
  await expect(stats).toContainText('Brevo campaign 100: sent');
  await expect(stats).toContainText('1,873');
  await expect(stats).toContainText('Opens (41%)');
  await expect(stats).toContainText('Clicks (10.84%)');
  await expect(page.getByRole('button', { name: 'Send me a test' })).toHaveCount(0);
  await stats.scrollIntoViewIfNeeded();
  await shootBoth(page, 'brevo-newsletter-statistics');
  await axeClean(page);
});
