/**
 * The inbox's safety problems seen by a new user (issue 14), each reproduced against a real
 * server: keyboard reject must never approve (seen 1), the selection is a task and the key acts
 * on what is on screen (seen 2), bulk approve shows what goes out first (seen 3), a task that
 * cannot run cannot be approved (seen 5).
 */
import { expect, test } from './support/test';
import { shoot } from './support/shots';
import { startServe, type ServeHandle } from './support/serve';

let server: ServeHandle;
test.beforeAll(async () => {
  // Live mode (dry run off) with auto execution off: approvals are real, nothing executes.
  server = await startServe({ env: { AGENT_DRY_RUN: 'false', ENABLE_AUTO_EXECUTION: 'false' } });
});
test.afterAll(async () => {
  expect(await server?.stop()).toBe(0);
});

async function waiting(title: string, metadata: Record<string, unknown> = { platform: 'x', content: title }, priority: 'urgent' | 'high' | 'medium' | 'low' = 'medium', agent = 'Social Media Agent') {
  return server.rpc('tasks:create', { title, assignedAgent: agent, priority, requiresApproval: true, metadata });
}
const state = async (id: string) => (await server.rpc('tasks:get', { id })).task;

async function clearInbox() {
  const { items } = await server.rpc('approvals:list', {});
  if (items.length) await server.rpc('approvals:bulk', { ids: items.map((item) => item.task.id), decision: 'reject', reason: 'cleanup between tests' });
}
test.beforeEach(clearInbox);

test('seen 1: r opens the reject dialog with the reason focused; typing, Space and Ctrl+Enter go to it; no shortcut acts behind it', async ({ page }) => {
  const task = await waiting('Thank the reviewer');
  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/approvals`);
  await expect(page.locator(`.approval-card[data-task-id="${task.id}"]`)).toBeVisible();

  await page.keyboard.press('r');
  const dialog = page.getByRole('dialog', { name: 'Reject task' });
  await expect(dialog).toBeVisible();
  const reason = dialog.getByRole('textbox');
  await expect(reason).toBeFocused();
  await page.keyboard.type('Not now a');
  await page.keyboard.press('Space');
  await expect(reason).toHaveValue('Not now a ');
  await expect(dialog).toBeVisible();
  expect((await state(task.id)).approvedAt).toBeNull();
  // Focus stays inside the dialog whatever Tab does.
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Tab');
    expect(await page.evaluate("!!document.activeElement?.closest('dialog')")).toBe(true);
  }
  await shoot(page, 'reject-dialog', ['light', 'dark']);
  // Closing with Escape and pressing `a` straight away acts on nothing.
  await page.keyboard.press('Escape');
  await page.keyboard.press('a');
  await expect(dialog).toHaveCount(0);
  await page.waitForTimeout(300);
  expect((await state(task.id)).approvedAt).toBeNull();

  // Ctrl+Enter submits the reason.
  await page.waitForTimeout(500);
  await page.keyboard.press('r');
  await expect(dialog.getByRole('textbox')).toBeFocused();
  await page.keyboard.type('Duplicate of yesterday');
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('Inbox zero')).toBeVisible();
  const decided = await state(task.id);
  expect(decided).toMatchObject({ status: 'rejected', rejectionReason: 'Duplicate of yesterday', approvedAt: null });
});

test('seen 2: the selection follows the task when a new one arrives; `a` acts only on the task on screen', async ({ page }) => {
  const first = await waiting('First post', undefined, 'low');
  const second = await waiting('Second post', undefined, 'low');
  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/approvals`);
  await page.locator(`[data-row-id="${second.id}"]`).click();
  await expect(page.locator(`[data-row-id="${second.id}"]`)).toHaveAttribute('aria-current', 'true');

  // An urgent task arrives at the top of the list while Kenny looks at the second one.
  const urgent = await waiting('Urgent newcomer', undefined, 'urgent');
  await expect(page.locator(`[data-row-id="${urgent.id}"]`)).toBeVisible();
  await expect(page.locator(`[data-row-id="${second.id}"]`)).toHaveAttribute('aria-current', 'true');
  const shown = page.locator('.approval-card');
  await expect(shown).toHaveAttribute('data-task-id', second.id);
  await expect(shown).toBeInViewport();
  await page.keyboard.press('a');
  await expect(page.locator(`[data-row-id="${second.id}"]`)).toHaveCount(0);
  expect((await state(second.id)).approvedAt).not.toBeNull();
  expect((await state(first.id)).approvedAt).toBeNull();
  expect((await state(urgent.id)).approvedAt).toBeNull();
  // After the decision the next task is selected (the one that followed, else the one before).
  await expect(page.locator('.approval-card')).toHaveAttribute('data-task-id', first.id);
  await expect(page.getByTestId('inbox-announce')).toHaveText('Approved “Second post”.');

  // With the page scrolled as far as it goes, the task `a` acts on is still the one on screen.
  for (let i = 0; i < 14; i++) await waiting(`Filler ${i}`, undefined, 'low');
  await expect(page.getByTestId('approvals-total')).toHaveText('16 waiting');
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.locator('.content').evaluate((element) => element.scrollTo(0, element.scrollHeight));
  await page.locator('.inbox-list').evaluate((element) => element.scrollTo(0, element.scrollHeight));
  const target = await page.locator('.approval-card').getAttribute('data-task-id');
  await expect(page.locator('.approval-card')).toBeInViewport();
  await page.keyboard.press('a');
  await expect.poll(async () => (await state(target!)).approvedAt).not.toBeNull();
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('seen 3: bulk approve shows what will go out, grouped by channel, before acting', async ({ page }) => {
  const a = await waiting('Bulk post A');
  const b = await waiting('Bulk post B');
  // A Google Ads change the rules hold (over 10 %) that names its ad group, within the impact caps.
  const bid = await waiting('Raise the Summer bid 20%', { action: 'adjust_bid', ad_group_id: '555', bid_change_percent: 20 }, 'medium', 'Google Ads Agent');
  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/approvals`);
  for (const id of [a.id, b.id, bid.id]) await page.locator(`[data-row-id="${id}"]`).getByRole('checkbox').check();
  await page.getByRole('button', { name: /Approve selected/ }).click();

  const dialog = page.getByRole('dialog', { name: 'Approve 3 tasks?' });
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('region', { name: 'x: 2' })).toContainText('Bulk post A');
  await expect(dialog.getByRole('region', { name: 'x: 2' })).toContainText('Bulk post B');
  await expect(dialog.getByRole('region', { name: /google-ads: 1/ })).toContainText('Summer');
  await shoot(page, 'bulk-approve-summary', ['light', 'dark']);
  // Nothing approved yet.
  for (const id of [a.id, b.id, bid.id]) expect((await state(id)).approvedAt).toBeNull();
  await dialog.getByRole('button', { name: 'Approve 3' }).click();
  await expect(page.getByText('Inbox zero')).toBeVisible();
  for (const id of [a.id, b.id, bid.id]) expect((await state(id)).approvedAt).not.toBeNull();
});

test('seen 5: a task that cannot run shows what is wrong, Approve is disabled, Fix… opens the editor; the engine refuses too', async ({ page }) => {
  const long = await waiting('Over-long post', { platform: 'x', content: 'Big sale! '.repeat(30) });
  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/approvals`);
  const card = page.locator(`.approval-card[data-task-id="${long.id}"]`);
  await expect(page.locator(`[data-row-id="${long.id}"]`)).toContainText('Cannot run');
  await expect(card.getByTestId('blockers')).toContainText("metadata.content");
  await expect(card.getByTestId('blockers')).toContainText("over X's limit of 280");
  await expect(card.getByRole('button', { name: 'Approve', exact: true })).toBeDisabled();
  await shoot(page, 'approvals-blocked', ['light', 'dark']);
  await page.keyboard.press('a');
  await expect(page.getByTestId('inbox-notice')).toContainText('cannot be approved until it is fixed');
  expect((await state(long.id)).approvedAt).toBeNull();
  await expect(server.rpc('approvals:approve', { id: long.id })).rejects.toThrow(/conflict: Cannot approve "Over-long post": .*metadata\.content: the post counts 299 on X .*over X.s limit of 280/);

  // Fix… opens the post's editor with the focus in the text it named (seen 7).
  await card.getByRole('button', { name: 'Fix…' }).click();
  const editor = page.getByRole('dialog').getByLabel('Post text');
  await expect(editor).toBeFocused();
  await expect(page.getByTestId('fix-field')).toContainText('metadata.content');
  await editor.fill('Big sale this weekend!');
  await expect(page.getByRole('dialog').getByRole('button', { name: 'Save and approve' })).toBeEnabled();
  await page.keyboard.press('Control+Enter');
  await expect(page.getByText('Inbox zero')).toBeVisible();
  expect(await state(long.id)).toMatchObject({ metadata: { content: 'Big sale this weekend!' } });
  expect((await state(long.id)).approvedAt).not.toBeNull();
});

test('accessibility: the inbox, its dialogs and Today have no serious or critical axe-core violation in either theme', async ({ page }) => {
  test.setTimeout(300_000); // axe-core over a full page takes a while on this shared machine
  const { default: AxeBuilder } = await import('@axe-core/playwright');
  await waiting('Post for the axe check');
  await waiting('Over-long post for the axe check', { platform: 'x', content: 'Sale! '.repeat(60) });
  await page.goto(server.authUrl);
  const check = async (where: string) => {
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      const result = await new AxeBuilder({ page }).analyze();
      const bad = result.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
      expect(bad.map((violation) => `${where} (${scheme}): ${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).slice(0, 3).join(', ')}`)).toEqual([]);
    }
    await page.emulateMedia({ colorScheme: 'light' });
  };
  await page.goto(`${server.url}#/approvals`);
  await expect(page.locator('.approval-card')).toBeVisible();
  await check('approvals');
  await page.keyboard.press('r');
  await expect(page.getByRole('dialog')).toBeVisible();
  await check('reject dialog');
  await page.keyboard.press('Escape');
  await page.goto(`${server.url}#/today`);
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  await check('today');
});

test('seen 10: a customer reply of a category no rule covers waits for approval, saying why', async ({ page }) => {
  const quote = await server.rpc('tasks:create', {
    title: 'Quote for the cinema room',
    assignedAgent: 'Email Agent',
    requiresApproval: false,
    metadata: { email_category: 'quote', to: 'thabo@example.com', subject: 'Your quote', body_text: 'We can do the full cinema room for R45 000.' },
  });
  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/approvals/${quote.id}`);
  await expect(page.locator('.approval-card')).toHaveAttribute('data-task-id', quote.id);
  await expect(page.getByTestId('approval-why')).toContainText('category "quote"');
  await expect(page.getByTestId('approval-why')).toContainText('customer-facing');
  expect((await state(quote.id)).requiresApproval).toBe(true);
});
