/**
 * Issue 15 in the dashboard against a real server: the suggested rule on Today and in Settings
 * (accept creates an ordinary rule, dismiss is remembered), and the duplicate guard on the inbox
 * card and the task page (links both ways, "Approve anyway (not a duplicate)" recorded).
 * Screenshots at 1280x800 and 1024x640, light and dark; axe-core on every view shown.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { shoot } from './support/shots';
import { openApproval } from './support/seed';
import { startServe, type ServeHandle } from './support/serve';

let server: ServeHandle;
// Eight screenshots and four axe runs per test on a shared machine.
test.describe.configure({ timeout: 300_000 });

test.beforeAll(async () => {
  // Live mode with auto execution off: approvals are real, nothing executes.
  server = await startServe({ env: { AGENT_DRY_RUN: 'false', ENABLE_AUTO_EXECUTION: 'false' } });
  await server.rpc('settings:update', { trustThreshold: 3 });
});
test.afterAll(async () => {
  expect(await server?.stop()).toBe(0);
});

/** Kenny approves `count` e-mail replies of a category without changing them. */
async function approveReplies(category: string, count: number): Promise<string[]> {
  const ids: string[] = [];
  for (let n = 1; n <= count; n++) {
    const task = await server.rpc('tasks:create', {
      title: `${category} reply to customer ${n}`,
      assignedAgent: 'Email Agent',
      metadata: { email_category: category, to: `${category}${n}@example.com`, subject: `Your ${category} #${n}`, body_text: `Hello, about your ${category} number ${n}: item ${n * 13} is R${n * 450}.` },
    });
    await server.rpc('approvals:approve', { id: task.id, by: 'Kenny' });
    ids.push(task.id);
  }
  return ids;
}

/** Both sizes, both schemes; axe-core on the whole page in each scheme. */
async function shootAndCheck(page: Page, name: string, ready: () => Promise<void>) {
  for (const [width, height] of [[1280, 800], [1024, 640]] as const) {
    await page.setViewportSize({ width, height });
    await ready();
    await shoot(page, `${name}-${width}x${height}`, ['light', 'dark']);
  }
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    // Preview frames are script-less sandboxes axe cannot enter (it would wait forever): left out.
    const results = await new AxeBuilder({ page }).options({ iframes: false }).exclude("iframe").analyze();
    const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
    expect(serious, `${name} ${scheme}: ${JSON.stringify(serious.map((v) => [v.id, v.nodes.map((n) => n.target)]))}`).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('Today suggests a rule after 3 unchanged approvals, with the evidence; accepting creates an editable rule', async ({ page }) => {
  const ids = await approveReplies('quote', 3);
  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/today`);
  const card = page.getByRole('region', { name: 'Suggested rules' });
  await expect(card.locator('.suggestion-message')).toHaveText('You approved 3 Email Agent · email_category quote tasks without changes. Let them run by themselves?', { timeout: 30_000 });
  await expect(card.getByRole('link', { name: 'quote reply to customer 3' })).toHaveAttribute('href', `/task/${ids[2]}`);
  await shootAndCheck(page, 'trust-today', () => card.scrollIntoViewIfNeeded());

  await card.getByRole('button', { name: 'Let them run by themselves' }).click();
  await expect(card).toHaveCount(0);
  const rules = (await server.rpc('rules:list', {})).items.filter((rule) => rule.name.startsWith('Learned:'));
  expect(rules).toMatchObject([{ effect: 'auto_execute', agent: 'Email Agent', enabled: true, builtin: false }]);
  // the next quote reply runs by itself under the new rule
  const next = await server.rpc('tasks:create', { title: 'quote reply 4', assignedAgent: 'Email Agent', metadata: { email_category: 'quote', to: 'q4@example.com', subject: 'Quote', body_text: 'Here it is.' } });
  expect(next).toMatchObject({ policyDecision: 'auto_execute', policyRuleId: rules[0]!.id });
  await page.goto(`${server.url}#/settings`);
  await expect(page.getByRole('region', { name: 'Approval rules' }).getByText('Learned: Email Agent · email_category quote runs by itself')).toBeVisible();
});

test('Settings → Rules lists the suggestion; "Keep asking" dismisses it for good', async ({ page }) => {
  await approveReplies('warranty', 3);
  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/settings`);
  const card = page.getByRole('region', { name: 'Suggested rules' });
  const item = card.locator('.suggestion');
  await expect(item.getByText(/^You approved 3 Email Agent · email_category warranty tasks/)).toBeVisible();
  await shootAndCheck(page, 'trust-settings', () => card.scrollIntoViewIfNeeded());
  await item.getByRole('button', { name: 'Keep asking' }).click();
  await expect(card.getByText(/When you approve enough tasks of one kind/)).toBeVisible();
  expect((await server.rpc('suggestions:list', {})).items).toEqual([]);
  await page.reload();
  await expect(page.getByRole('region', { name: 'Suggested rules' }).getByText(/When you approve enough tasks of one kind/)).toBeVisible();
});

test('a repeated post waits in the inbox linked to the first; the task page links back; approve anyway is recorded', async ({ page }) => {
  const post = (title: string, content: string) => server.rpc('tasks:create', { title, assignedAgent: 'Social Media Agent', metadata: { platform: 'x', content } });
  const first = await post('Black Friday post', 'Black Friday: 20% off all Denon receivers! https://www.audico.co.za/denon?utm_source=x');
  const again = await post('Black Friday post (agent retry)', 'Black Friday:  20% off all Denon receivers!\nhttps://audico.co.za/denon');
  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/approvals`);
  const card = await openApproval(page, again.id);
  const banner = card.getByTestId('duplicate-of');
  await expect(banner).toContainText('Possible duplicate of Black Friday post (waiting): the same post text.');
  await expect(banner.getByRole('link', { name: 'Black Friday post' })).toHaveAttribute('href', `/task/${first.id}`);
  await shootAndCheck(page, 'duplicate-inbox', () => openApproval(page, again.id).then(() => undefined));

  await banner.getByRole('link', { name: 'Black Friday post' }).click();
  const back = page.getByTestId('duplicated-by');
  await expect(back).toContainText('Held as a possible repeat of this task: Black Friday post (agent retry) (waiting)');
  await shootAndCheck(page, 'duplicate-task-page', () => back.waitFor());

  await page.goto(`${server.url}#/approvals`);
  const held = await openApproval(page, again.id);
  await held.getByRole('button', { name: 'Approve anyway (not a duplicate)' }).click();
  await expect(page.locator(`.approval-card[data-task-id="${again.id}"]`)).toHaveCount(0);
  const detail = await server.rpc('tasks:get', { id: again.id });
  expect(detail.decisions.map((d) => d.kind)).toEqual(['policy', 'not_duplicate', 'approved']);
  await page.goto(`${server.url}#/task/${again.id}`);
  await expect(page.getByTestId('duplicate-of')).toContainText('Approved anyway as not a duplicate by Kenny.');
});
