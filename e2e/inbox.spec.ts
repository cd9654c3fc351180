/**
 * The approvals inbox against a real server: approve, reject with a reason, edit then approve
 * (with the channel's validation error shown first), bulk approve, keyboard shortcuts, and a
 * decision made elsewhere (the API, as the CLI or another tab would) showing up live.
 */
import { expect, test } from './support/test';
import { shoot } from './support/shots';
import { startServe, type ServeHandle } from './support/serve';

let server: ServeHandle;

test.beforeAll(async () => {
  server = await startServe();
});
test.afterAll(async () => {
  expect(await server?.stop()).toBe(0);
});

async function waiting(title: string, agent: string, metadata: Record<string, unknown>, priority: 'urgent' | 'high' | 'medium' | 'low' = 'medium') {
  return server.rpc('tasks:create', { title, assignedAgent: agent, priority, requiresApproval: true, metadata, description: `${title} (e2e)` });
}

test('approve, reject with a reason, edit then approve, bulk and keyboard', async ({ page }) => {
  const post = await waiting('Post the weekend sale', 'Social Media Agent', { platform: 'x', content: 'Weekend sale: 20% off all speakers!' }, 'high');
  const bid = await waiting('Raise the Summer bid', 'Google Ads Agent', { action: 'adjust_bid', ad_group_id: '555', bid_change_percent: 25 });
  const spam = await waiting('Reply to a suspicious lead', 'Social Media Agent', { platform: 'x', content: 'Thanks for reaching out' }, 'low');
  const edited = await waiting('Announce the new amplifier', 'Social Media Agent', { platform: 'x', content: 'New amp in stock' });
  const bulkA = await waiting('Bulk one', 'Social Media Agent', { platform: 'x', content: 'bulk one' }, 'low');
  const bulkB = await waiting('Bulk two', 'Social Media Agent', { platform: 'x', content: 'bulk two' }, 'low');
  const bulkC = await waiting('Bulk three', 'Social Media Agent', { platform: 'x', content: 'bulk three' }, 'low');
  const bulkD = await waiting('Bulk four', 'Social Media Agent', { platform: 'x', content: 'bulk four' }, 'low');

  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/approvals`);
  await expect(page.getByTestId('approvals-total')).toHaveText('8 waiting');
  await expect(page.getByText('j/k move', { exact: false })).toBeVisible();

  // The selected task is shown on the right; a row on the left selects it.
  const row = (id: string) => page.locator(`[data-row-id="${id}"]`);
  const card = (id: string) => page.locator(`.approval-card[data-task-id="${id}"]`);
  const open = async (id: string) => {
    await row(id).click();
    await expect(card(id)).toBeVisible();
    return card(id);
  };
  // Previews by kind: the post's count as X counts it, the bid change as asked (Google Ads not connected here).
  await expect((await open(post.id)).getByTestId('char-count')).toHaveText(/35 \/ 280/);
  await expect((await open(bid.id)).getByTestId('ads-change')).toContainText('+25 %');
  await open(post.id);
  await shoot(page, 'approvals', ['light', 'dark']);
  await page.setViewportSize({ width: 1024, height: 640 });
  await shoot(page, 'approvals-1024x640');
  await page.setViewportSize({ width: 1280, height: 800 });

  // Approve one with the button.
  await card(post.id).getByRole('button', { name: 'Approve', exact: true }).click();
  await expect(row(post.id)).toHaveCount(0);
  expect((await server.rpc('tasks:get', { id: post.id })).task.approvedAt).not.toBeNull();

  // Reject one with a reason (required).
  await (await open(spam.id)).getByRole('button', { name: 'Reject…' }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('button', { name: 'Reject' })).toBeDisabled();
  await dialog.getByRole('textbox').fill('Looks like spam');
  await dialog.getByRole('button', { name: 'Reject' }).click();
  await expect(row(spam.id)).toHaveCount(0);
  const rejected = (await server.rpc('tasks:get', { id: spam.id })).task;
  expect(rejected.status).toBe('rejected');
  expect(rejected.rejectionReason).toBe('Looks like spam');

  // Edit then approve, Advanced (JSON): bad JSON is caught in the page; a post over X's limit is
  // named by the engine's live check of the edit and Approve stays disabled; a valid edit is approved.
  await (await open(edited.id)).getByRole('button', { name: 'Edit then approve…' }).click();
  await page.getByRole('dialog').getByRole('tab', { name: 'Advanced (JSON)' }).click();
  const editor = page.getByRole('dialog').getByLabel('Metadata JSON');
  await editor.fill('{ "platform": "x", ');
  await expect(page.getByRole('dialog').getByText(/Not valid JSON/)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Save and approve' })).toBeDisabled();
  await editor.fill(JSON.stringify({ platform: 'x', content: 'x'.repeat(300) }));
  await expect(page.getByTestId('edit-problems')).toContainText("over X's limit of 280");
  await expect(page.getByRole('button', { name: 'Save and approve' })).toBeDisabled();
  await shoot(page, 'edit-then-approve', ['light', 'dark']);
  expect((await server.rpc('tasks:get', { id: edited.id })).task.approvedAt).toBeNull();
  await editor.fill(JSON.stringify({ platform: 'x', content: 'New amplifier in stock: come and listen!' }));
  await expect(page.getByRole('button', { name: 'Save and approve' })).toBeEnabled();
  await page.getByRole('button', { name: 'Save and approve' }).click();
  await expect(row(edited.id)).toHaveCount(0);
  const editedDetail = await server.rpc('tasks:get', { id: edited.id });
  expect(editedDetail.task.approvedAt).not.toBeNull();
  expect(editedDetail.task.metadata.content).toBe('New amplifier in stock: come and listen!');
  expect(editedDetail.decisions.map((decision) => decision.kind)).toContain('edited');

  // Bulk approve two selected tasks (after the summary of what goes out).
  await row(bulkA.id).getByRole('checkbox').check();
  await row(bulkB.id).getByRole('checkbox').check();
  await expect(page.getByText('2 selected')).toBeVisible();
  await page.getByRole('button', { name: 'Approve selected…' }).click();
  await page.getByRole('dialog', { name: 'Approve 2 tasks?' }).getByRole('button', { name: 'Approve 2' }).click();
  await expect(row(bulkA.id)).toHaveCount(0);
  await expect(row(bulkB.id)).toHaveCount(0);

  // Bulk reject two with one reason.
  await row(bulkC.id).getByRole('checkbox').check();
  await row(bulkD.id).getByRole('checkbox').check();
  await page.getByRole('button', { name: 'Reject selected…' }).click();
  await expect(page.getByRole('dialog', { name: 'Reject 2 tasks' })).toBeVisible();
  await page.getByRole('dialog').getByRole('textbox').fill('Duplicates');
  await page.getByRole('dialog').getByRole('button', { name: 'Reject' }).click();
  await expect(row(bulkC.id)).toHaveCount(0);
  await expect(row(bulkD.id)).toHaveCount(0);
  for (const id of [bulkC.id, bulkD.id]) expect((await server.rpc('tasks:get', { id })).task.rejectionReason).toBe('Duplicates');

  // Keyboard: the only task left is the bid; `a` approves the selected one.
  await expect(page.getByTestId('approvals-total')).toHaveText('1 waiting');
  await expect(card(bid.id)).toBeVisible();
  await page.waitForTimeout(500); // the reject dialog just closed: its keystrokes are ignored for a moment
  await page.keyboard.press('a');
  await expect(page.getByText('Inbox zero')).toBeVisible();
  expect((await server.rpc('tasks:get', { id: bid.id })).task.approvedAt).not.toBeNull();
});

test('a decision made elsewhere appears live; a linked task is focused; r opens the reject dialog', async ({ page }) => {
  const first = await waiting('Live one', 'Social Media Agent', { platform: 'x', content: 'live one' }, 'urgent');
  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/approvals`);
  await expect(page.locator(`[data-row-id="${first.id}"]`)).toBeVisible();

  // A task created elsewhere arrives without reload.
  const second = await waiting('Live two', 'Social Media Agent', { platform: 'x', content: 'live two' }, 'low');
  await expect(page.locator(`[data-row-id="${second.id}"]`)).toBeVisible();

  // The desktop notification's link (#/approvals/<id>) selects that task, not the first one.
  await page.goto(`${server.url}#/approvals/${second.id}`);
  await expect(page.locator(`[data-row-id="${second.id}"]`)).toHaveAttribute('aria-current', 'true');
  await expect(page.locator(`[data-row-id="${first.id}"]`)).not.toHaveAttribute('aria-current', 'true');
  await expect(page.locator('.approval-card')).toHaveAttribute('data-task-id', second.id);

  // Approved elsewhere (as `mission-control approve` would): it leaves the inbox without reload.
  await server.rpc('approvals:approve', { id: first.id, by: 'cli' });
  await expect(page.locator(`[data-row-id="${first.id}"]`)).toHaveCount(0);

  await page.keyboard.press('r');
  await expect(page.getByRole('dialog', { name: 'Reject task' })).toBeVisible();
  await page.getByRole('dialog').getByRole('textbox').fill('Not now');
  await page.getByRole('dialog').getByRole('button', { name: 'Reject' }).click();
  await expect(page.getByText('Inbox zero')).toBeVisible();
  expect((await server.rpc('tasks:get', { id: second.id })).task.rejectionReason).toBe('Not now');
});

test.describe('e-mail preview', () => {
  // Chromium reports the e-mail's script being blocked by the sandbox: that is the point.
  test.use({ allowConsole: [/Blocked script execution in 'about:srcdoc'/] });

  test('an HTML customer reply is shown rendered, in a sandbox where its scripts cannot run', async ({ page }) => {
  await waiting('Reply to Lerato about her order', 'Email Agent', {
    email_category: 'order',
    to: 'lerato@example.com',
    subject: 'Your Denon AVR-X2800H ships today',
    body_text: 'Hi Lerato, your receiver ships today.',
    body_html: '<p>Hi Lerato, your <b id="model">Denon AVR-X2800H</b> ships today.</p><script>document.title = "pwned"; parent.document.title = "pwned";</script>',
  });
  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/approvals`);
  const frame = page.frameLocator('iframe[title="E-mail: Your Denon AVR-X2800H ships today"]');
  await expect(frame.locator('#model')).toHaveText('Denon AVR-X2800H');
  // No allow-scripts: nothing in the e-mail runs (the page writes the cleaned e-mail into the frame).
  await expect(page.locator('iframe[title="E-mail: Your Denon AVR-X2800H ships today"]')).toHaveAttribute('sandbox', 'allow-same-origin');
  expect(await page.title()).not.toBe('pwned');
  await expect(page.getByText('lerato@example.com').first()).toBeVisible();
  await shoot(page, 'approvals-email');
});
});
