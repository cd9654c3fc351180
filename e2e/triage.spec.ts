/**
 * Issue 14, the triage part, against a real server: manual tasks marked done (seen 8), approval
 * alerts that link and clear, logs by the task's agent (seen 9), the smaller problems (seen 11),
 * and the rebuilt inbox: Enter opens, `?` sheet, Ctrl+K palette, the undo toast, Done tab, snooze.
 * Live mode with auto execution off: decisions are real and nothing executes.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { startServe, type ServeHandle } from './support/serve';
import { checkAxe, shootSizes } from './support/triage-shots';

let server: ServeHandle;
test.beforeAll(async () => {
  server = await startServe({ env: { AGENT_DRY_RUN: 'false', ENABLE_AUTO_EXECUTION: 'false' } });
});
test.afterAll(async () => {
  expect(await server?.stop()).toBe(0);
});

const post = (title: string, priority: 'urgent' | 'high' | 'medium' | 'low' = 'medium') =>
  server.rpc('tasks:create', { title, assignedAgent: 'Social Media Agent', priority, requiresApproval: true, metadata: { platform: 'x', content: title } });
const manual = (title: string, requiresApproval = true) => server.rpc('tasks:create', { title, assignedAgent: 'Jarvis', requiresApproval, priority: 'high' });
const state = async (id: string) => (await server.rpc('tasks:get', { id })).task;

async function clearInbox() {
  const { items } = await server.rpc('approvals:list', {});
  if (items.length) await server.rpc('approvals:bulk', { ids: items.map((item) => item.task.id), decision: 'reject', reason: 'cleanup between tests' });
  const todo = await server.rpc('tasks:list', { manual: true, status: ['new'] });
  for (const task of todo.items) await server.rpc('tasks:cancel', { id: task.id });
  await server.rpc('alerts:acknowledgeAll', {});
}
test.beforeEach(clearInbox);

async function open(page: Page, hash: string) {
  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/${hash}`);
}

test('seen 8: a manual task is marked done with a note (completed, not rejected), never approved; Today lists manual tasks to do', async ({ page }) => {
  const call = await manual('Call the Denon supplier about stock');
  const later = await manual('Sign the courier contract', false);
  await open(page, 'approvals');
  const card = page.locator(`.approval-card[data-task-id="${call.id}"]`);
  await expect(card.getByTestId('manual-note')).toContainText('manual task');
  await expect(card.getByRole('button', { name: 'Approve', exact: true })).toHaveCount(0);
  await page.keyboard.press('a');
  await expect(page.getByTestId('inbox-notice')).toContainText('is a manual task');
  expect((await state(call.id)).approvedAt).toBeNull();
  await expect(server.rpc('approvals:approve', { id: call.id })).rejects.toThrow(/manual task/);

  await page.keyboard.press('d');
  const dialog = page.getByRole('dialog', { name: 'Mark done' });
  const note = dialog.getByRole('textbox');
  await expect(note).toBeFocused();
  // The dialog is announced inside itself (the page behind a modal is silent).
  await expect(dialog.locator('[aria-live]')).toHaveText('Mark done dialog. Escape closes it.');
  await page.keyboard.type('Called: 12 units arrive Friday');
  await shootSizes(page, 'mark-done-dialog');
  await page.keyboard.press('Control+Enter');
  await expect(dialog).toHaveCount(0);
  const done = await server.rpc('tasks:get', { id: call.id });
  expect(done.task).toMatchObject({ status: 'completed', rejectedAt: null, rejectionReason: null });
  expect(done.decisions.at(-1)).toMatchObject({ kind: 'done', reason: 'Called: 12 units arrive Friday' });
  await expect(page.getByTestId('inbox-announce')).toHaveText('Marked “Call the Denon supplier about stock” done.');

  // The task page says Completed, not Rejected, and the one that never asked is on Today's to-do list.
  await page.goto(`${server.url}#/task/${call.id}`);
  await expect(page.locator('.view-head .badge')).toHaveText('Completed');
  await page.goto(`${server.url}#/today`);
  const todo = page.getByRole('region', { name: 'Your to-do list' });
  await expect(todo).toContainText('Sign the courier contract');
  await expect(todo).not.toContainText('Call the Denon supplier');
  await shootSizes(page, 'today-todo', { scrollTo: '.todo-card' });
  await todo.getByRole('button', { name: 'Mark done “Sign the courier contract”' }).click();
  await page.getByRole('dialog', { name: 'Mark done' }).getByRole('textbox').fill('Signed and filed');
  await page.getByRole('dialog', { name: 'Mark done' }).getByRole('button', { name: 'Mark done' }).click();
  await expect(todo).toContainText('Nothing to do by hand.');
  expect((await state(later.id)).status).toBe('completed');
});

test('seen 9: approval alerts link to their task, clear when it is decided (here or by the API), acknowledge all; the panel stays short; logs by the task agent and text', async ({ page }) => {
  const first = await post('Alert link post');
  const second = await post('Alert cleared elsewhere');
  for (let i = 0; i < 25; i++) await post(`Alert filler ${i}`, 'low');
  await open(page, 'logs');
  const alerts = page.getByRole('region', { name: 'Alerts' });
  await expect(alerts.getByTestId('alerts-list').locator('li')).toHaveCount(27, { timeout: 30_000 });
  // Bounded: the logs start within the first screen, not 2,500 px down.
  const logsTop = await page.getByRole('region', { name: 'Logs' }).evaluate((element) => element.getBoundingClientRect().top);
  expect(logsTop).toBeLessThan(640);
  await shootSizes(page, 'logs-alerts');

  await alerts.getByRole('link', { name: 'Approval needed: Alert link post' }).click();
  await expect(page).toHaveURL(new RegExp(`/approvals/${first.id}$`));
  await expect(page.locator('.approval-card')).toHaveAttribute('data-task-id', first.id);
  await page.keyboard.press('a');
  await expect.poll(async () => (await state(first.id)).approvedAt).not.toBeNull();
  await server.rpc('approvals:reject', { id: second.id, reason: 'decided from a script' });

  await page.goto(`${server.url}#/logs`);
  await expect(alerts.getByTestId('alerts-list').locator('li')).toHaveCount(25);
  await expect(alerts).not.toContainText('Alert link post');
  await alerts.getByLabel('Unacknowledged only').uncheck();
  await expect(alerts.locator('li', { hasText: 'Alert link post' })).toContainText('Resolved: task approved by Kenny');
  await alerts.getByLabel('Unacknowledged only').check();
  await alerts.getByRole('button', { name: 'Acknowledge all (25)' }).click();
  await expect(alerts).toContainText('No open alerts');
  await alerts.getByRole('button', { name: /Alerts/ }).click();
  await expect(alerts.getByLabel('Unacknowledged only')).toHaveCount(0);

  // The executor logs for the task's agent: filter by it, and search the messages.
  const logs = page.getByRole('region', { name: 'Logs' });
  await logs.getByLabel('Agent').selectOption('Social Media Agent');
  await expect(logs.locator('tbody tr').first()).toContainText('Social Media Agent via Task Executor');
  await logs.getByLabel('Search log messages').fill('Alert link post');
  await expect(logs.locator('tbody tr', { hasText: 'Kenny approved "Alert link post"' })).toHaveCount(1);
  await expect(logs.locator('tbody tr', { hasText: 'Alert filler' })).toHaveCount(0);
});

test('seen 11: no Re-queue on rejected tasks; edit and a back link that returns; created time; status words; search by e-mail', async ({ page }) => {
  const rejected = await post('A rejected post');
  await server.rpc('approvals:reject', { id: rejected.id, reason: 'not now' });
  const waiting = await post('Waiting post to edit');
  const reply = await server.rpc('tasks:create', { title: 'Reply about the receiver', assignedAgent: 'Email Agent', requiresApproval: true, metadata: { to: 'lerato.mokoena@example.co.za', subject: 'Your receiver', body_text: 'Hi Lerato' } });

  await open(page, `task/${rejected.id}`);
  await expect(page.locator('.view-head .badge')).toHaveText('Rejected');
  await expect(page.getByRole('button', { name: 'Re-queue' })).toHaveCount(0);

  // From the inbox, Enter opens the task; its back link returns to the inbox.
  await page.goto(`${server.url}#/approvals/${waiting.id}`);
  await expect(page.locator('.approval-card')).toHaveAttribute('data-task-id', waiting.id);
  await page.locator(`[data-row-id="${waiting.id}"] .row-title`).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(new RegExp(`/task/${waiting.id}$`));
  await page.getByRole('button', { name: 'Edit then approve…' }).click();
  await expect(page.getByRole('dialog', { name: 'Edit then approve' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('link', { name: '← Approvals' })).toBeVisible();
  await shootSizes(page, 'task-detail-waiting');
  await page.getByRole('link', { name: '← Approvals' }).click();
  await expect(page).toHaveURL(/\/approvals/);

  // Today's "Waiting for you" shows when each task was created, as the inbox does.
  await page.goto(`${server.url}#/today`);
  await expect(page.getByRole('region', { name: 'Waiting for you' }).locator('.mini-row').first()).toContainText('created');

  // The status filter speaks the badges' words; the queue header has no query timing.
  await page.goto(`${server.url}#/queues`);
  const status = page.getByLabel('Status');
  await expect(status.locator('option')).toHaveText(['All statuses', 'Needs approval', 'Queued', 'Running', 'Completed', 'Failed', 'Rejected']);
  await expect(page.getByTestId('queue-total')).not.toContainText('query');
  await page.getByLabel('Search tasks').fill('lerato.mokoena@example.co.za');
  await expect(page.getByTestId('queue-total')).toHaveAttribute('data-total', '1');
  await expect(page.getByRole('row', { name: /Reply about the receiver/ })).toBeVisible();
  await shootSizes(page, 'queues-search-email');
  // At 1024x640 no badge or column title is cut off.
  await page.setViewportSize({ width: 1024, height: 640 });
  const clipped = await page.locator('.queue-header .cell, .queue-item .cell-status, .queue-item .cell-priority, .queue-item .cell-createdAt').evaluateAll((cells) =>
    cells.filter((cell) => cell.scrollWidth > cell.clientWidth + 1).map((cell) => cell.textContent),
  );
  expect(clipped).toEqual([]);
  await page.goto(`${server.url}#/task/${reply.id}`);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Reply about the receiver');
  expect(await page.getByRole('heading', { level: 1 }).evaluate((h1) => h1.scrollWidth <= h1.clientWidth + 1)).toBe(true);
  await page.setViewportSize({ width: 1280, height: 800 });
});

test('seen 11: scroll does not leak between views; unsaved settings ask before leaving; plain words; rule conditions as fields', async ({ page }) => {
  for (let i = 0; i < 12; i++) await post(`Scroll filler ${i}`);
  await page.setViewportSize({ width: 1024, height: 640 });
  await open(page, 'today');
  await expect(page.getByRole('region', { name: 'Waiting for you' })).toBeVisible();
  await page.locator('.content').evaluate((element) => element.scrollTo(0, element.scrollHeight));
  expect(await page.locator('.content').evaluate((element) => element.scrollTop)).toBeGreaterThan(100);
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings', level: 1 })).toBeVisible();
  expect(await page.locator('.content').evaluate((element) => element.scrollTop)).toBe(0);

  // Plain words, no internal units or column names.
  const form = page.getByRole('form', { name: 'Executor settings' });
  await expect(form).not.toContainText('Claim lease');
  await expect(form).not.toContainText('requires-approval');
  await expect(form.getByLabel('Give up on a stuck run after')).toHaveValue('10');

  // An unsaved change is not dropped silently.
  await form.getByLabel('Undo window after approving').fill('20');
  await expect(page.getByTestId('unsaved')).toBeVisible();
  const asked: string[] = [];
  page.once('dialog', (dialog) => {
    asked.push(dialog.message());
    void dialog.dismiss();
  });
  await page.getByRole('link', { name: 'Today' }).click();
  await expect.poll(() => asked).toEqual(['You have unsaved settings. Leave without saving them?']);
  await expect(page).toHaveURL(/\/settings$/);
  await expect(form.getByLabel('Undo window after approving')).toHaveValue('20');
  await form.getByRole('button', { name: 'Save settings' }).click();
  await expect(form.getByText('Saved.')).toBeVisible();
  expect((await server.rpc('settings:get', {})).settings.approvalUndoSeconds).toBe(20);
  await server.rpc('settings:update', { approvalUndoSeconds: 10 });
  await shootSizes(page, 'settings', { scrollTo: '.view-head' });

  // Rule conditions through fields; the JSON view refuses unknown keys with a message.
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.getByRole('button', { name: 'Add rule' }).click();
  const dialog = page.getByRole('dialog', { name: 'New approval rule' });
  await dialog.getByLabel('Name').fill('Quotes ask');
  const condition = dialog.getByRole('group', { name: 'Condition 1' });
  await condition.getByLabel('Metadata field').fill('email_category');
  await condition.getByLabel('Value').fill('quote');
  await dialog.getByRole('button', { name: 'Advanced (JSON)…' }).click();
  const json = dialog.getByLabel('Conditions as JSON');
  await expect(json).toHaveValue(/"value": "quote"/);
  await json.fill('[{ "field": "email_category", "op": "eq", "vale": "quote" }]');
  await dialog.getByRole('button', { name: 'Use this JSON' }).click();
  await expect(dialog.getByRole('alert')).toContainText('vale');
  await dialog.getByRole('button', { name: 'Back to fields (discard)' }).click();
  await shootSizes(page, 'rule-dialog');
  await dialog.getByRole('button', { name: 'Save rule' }).click();
  const saved = (await server.rpc('rules:list', {})).items.find((rule) => rule.name === 'Quotes ask');
  expect(saved?.conditions).toEqual([{ field: 'email_category', op: 'eq', value: 'quote' }]);
  await server.rpc('rules:delete', { id: saved!.id });
});

test('inbox: ? lists every shortcut; Ctrl+K goes to a view, finds a task and pauses; Done tab; snooze leaves and comes back', async ({ page }) => {
  const a = await post('Palette target post');
  const b = await post('Snoozed post', 'high');
  await open(page, 'approvals');
  await expect(page.locator('.approval-card')).toBeVisible();

  await page.keyboard.press('?');
  const sheet = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  for (const key of ['Ctrl/⌘ K', 'Enter', 'j / k', 'a', 'r', 'e', 's', 'd', 'x', 'u', 'Ctrl/⌘ Enter']) await expect(sheet.locator('kbd', { hasText: new RegExp(`^${key.replace(/[/⌘]/g, '.')}$`) })).toHaveCount(1);
  await shootSizes(page, 'shortcut-sheet');
  await page.keyboard.press('Escape');
  await expect(sheet).toHaveCount(0);

  await page.waitForTimeout(450);
  await page.keyboard.press('Control+k');
  const palette = page.getByRole('dialog', { name: 'Command palette' });
  await expect(palette.getByRole('combobox')).toBeFocused();
  await page.keyboard.type('palette target');
  await expect(palette.getByRole('option', { name: /Open task: Palette target post/ })).toBeVisible();
  await shootSizes(page, 'command-palette');
  await palette.getByRole('option', { name: /Open task: Palette target post/ }).click();
  await expect(page).toHaveURL(new RegExp(`/task/${a.id}$`));
  await page.waitForTimeout(450);
  await page.keyboard.press('Control+k');
  await page.keyboard.type('pause');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await server.rpc('status:get', {})).paused).toBe(true);
  await page.waitForTimeout(450);
  await page.keyboard.press('Control+k');
  await page.keyboard.type('resume');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await server.rpc('status:get', {})).paused).toBe(false);
  await page.waitForTimeout(450);
  await page.keyboard.press('Control+k');
  await page.keyboard.type('inbox');
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(/\/approvals$/);

  // Snooze: the task leaves the inbox until its time, then comes back by itself.
  await page.locator(`[data-row-id="${b.id}"]`).click();
  // Keys within 400 ms of a dialog closing (the palette, just now) are the dialog's (seen 1).
  await page.waitForTimeout(450);
  await page.keyboard.press('s');
  const later = page.getByRole('dialog', { name: 'Decide later' });
  await expect(later.getByRole('button', { name: /In 1 hour/ })).toBeFocused();
  await shootSizes(page, 'snooze-dialog');
  await later.getByRole('button', { name: /In 1 hour/ }).click();
  await expect(page.locator(`[data-row-id="${b.id}"]`)).toHaveCount(0);
  await expect(page.getByTestId('snoozed-count')).toHaveText('1 put off for later');
  const until = Date.parse((await state(b.id)).snoozedUntil!);
  expect(until - Date.now()).toBeGreaterThan(3_500_000);
  await server.rpc('approvals:snooze', { id: b.id, until: new Date(Date.now() + 2_500).toISOString() });
  await expect(page.locator(`[data-row-id="${b.id}"]`)).toBeVisible({ timeout: 10_000 });

  // Done today lists what was decided, with the decision.
  await page.locator(`[data-row-id="${b.id}"]`).click();
  await page.keyboard.press('r');
  await page.getByRole('dialog', { name: 'Reject task' }).getByRole('textbox').fill('Too late for the sale');
  await page.keyboard.press('Control+Enter');
  await page.getByRole('tab', { name: 'Done today' }).click();
  const done = page.getByRole('list', { name: 'Decided today' });
  await expect(done.locator('li', { hasText: 'Snoozed post' })).toContainText('Rejected');
  await expect(done.locator('li', { hasText: 'Snoozed post' })).toContainText('Too late for the sale');
  await shootSizes(page, 'approvals-done');
});

test('undo: an approval in the inbox waits out the undo window; Undo puts it back', async ({ page }) => {
  const task = await post('Undo me post');
  await open(page, 'approvals');
  await expect(page.locator('.approval-card')).toHaveAttribute('data-task-id', task.id);
  await page.keyboard.press('a');
  const toast = page.getByTestId('undo-toast');
  await expect(toast).toContainText('Approved “Undo me post”');
  await expect(toast).toContainText(/Sends in \d+ s/);
  const approved = await state(task.id);
  expect(Date.parse(approved.notBefore!) - Date.parse(approved.approvedAt!)).toBe(10_000);
  expect(approved.holdReason).toMatch(/^Approved: sends after \d\d:\d\d:\d\d UTC unless undone$/);
  await shootSizes(page, 'undo-toast');
  await toast.getByRole('button', { name: 'Undo' }).click();
  await expect(toast).toHaveCount(0);
  await expect(page.locator(`[data-row-id="${task.id}"]`)).toBeVisible();
  expect(await state(task.id)).toMatchObject({ approvedAt: null, notBefore: null, status: 'new' });
  expect((await server.rpc('tasks:get', { id: task.id })).decisions.map((decision) => decision.kind)).toEqual(['policy', 'approved', 'approval_undone']);
});

test.describe('undo window with the executor running (dry run, auto execution on)', () => {
  let running: ServeHandle;
  test.beforeAll(async () => {
    running = await startServe({ env: { AGENT_DRY_RUN: 'true', ENABLE_AUTO_EXECUTION: 'true' }, args: ['--poll-interval', '1000'] });
  });
  test.afterAll(async () => {
    expect(await running?.stop()).toBe(0);
  });

  test('the executor does not run an approved task before its undo window ends', async ({ page }) => {
    const task = await running.rpc('tasks:create', { title: 'Runs after the window', assignedAgent: 'Social Media Agent', requiresApproval: true, metadata: { platform: 'x', content: 'Weekend sale' } });
    await page.goto(running.authUrl);
    await page.goto(`${running.url}#/approvals`);
    await expect(page.locator('.approval-card')).toHaveAttribute('data-task-id', task.id);
    await page.keyboard.press('a');
    await expect(page.getByTestId('undo-toast')).toBeVisible();
    const approvedAt = Date.parse((await running.rpc('tasks:get', { id: task.id })).task.approvedAt!);
    const detail = await running.rpc('tasks:get', { id: task.id });
    expect(detail.blocker.code).toBe('deferred');
    // Polled every second while the window is open: still waiting, no attempt.
    while (Date.now() < approvedAt + 8_000) {
      const now = (await running.rpc('tasks:get', { id: task.id })).task;
      expect(now).toMatchObject({ status: 'new', executionAttempts: 0 });
      await page.waitForTimeout(1_000);
    }
    await expect.poll(async () => (await running.rpc('tasks:get', { id: task.id })).task.status, { timeout: 20_000 }).toBe('completed');
    const ran = await running.rpc('tasks:get', { id: task.id });
    expect(Date.parse(ran.executions[0]!.startedAt) - approvedAt).toBeGreaterThanOrEqual(10_000);
    await expect(page.getByTestId('undo-toast')).toHaveCount(0);
  });
});

test('accessibility: the views this work touches have no serious or critical axe-core violation, the theme toggle included', async ({ page }) => {
  test.setTimeout(300_000);
  await post('Axe post');
  await manual('Axe manual task', false);
  await open(page, 'today');
  await expect(page.getByRole('region', { name: 'Your to-do list' })).toContainText('Axe manual task');
  await checkAxe(page, 'today');
  await page.goto(`${server.url}#/approvals`);
  await expect(page.locator('.approval-card')).toBeVisible();
  await checkAxe(page, 'approvals');
  await page.keyboard.press('?');
  await checkAxe(page, 'shortcut sheet');
  await page.keyboard.press('Escape');
  await page.getByRole('tab', { name: 'Done today' }).click();
  await checkAxe(page, 'done tab');
  await page.goto(`${server.url}#/logs`);
  await expect(page.getByRole('region', { name: 'Alerts' })).toBeVisible();
  await checkAxe(page, 'logs');
  await page.goto(`${server.url}#/settings`);
  await expect(page.getByRole('form', { name: 'Executor settings' })).toBeVisible();
  await checkAxe(page, 'settings');
});
