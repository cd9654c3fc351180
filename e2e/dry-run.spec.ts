/**
 * Honest dry runs (issue 14, seen 4) against a real server in dry run with auto execution on:
 * a post over X's limit "would fail" with the reason, a Gmail reply with no Gmail account
 * and a valid X post (X has no client in this build) "channel not connected"; all still move on
 * (quick-start guide) but are shown in their own colour and count on Today, in the queue and on
 * the task, never under "What ran". Nothing is spent (checked over the API: no daily-limit use).
 */
import { expect, test } from './support/test';
import { shoot } from './support/shots';
import { startServe, type ServeHandle } from './support/serve';

let server: ServeHandle;
test.beforeAll(async () => {
  server = await startServe({ env: { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'true', GMAIL_REFRESH_TOKEN: '' }, args: ['--poll-interval', '3600000'] });
});
test.afterAll(async () => {
  expect(await server?.stop()).toBe(0);
});

test('seen 4: would fail / not connected are shown apart from what ran, with the reason', async ({ page }) => {
  const create = async (title: string, assignedAgent: string, metadata: Record<string, unknown>) => {
    const task = await server.rpc('tasks:create', { title, assignedAgent, requiresApproval: true, metadata });
    await server.rpc('approvals:approve', { id: task.id, by: 'e2e' });
    return task;
  };
  const long = await create('Over-long launch post', 'Social Media Agent', { platform: 'x', content: 'Launch! '.repeat(40) });
  const reply = await create('Reply to Lerato', 'Email Agent', { email_category: 'order', to: 'lerato@example.com', subject: 'Your order', body_text: 'It ships today.' });
  const good = await create('Short launch post', 'Social Media Agent', { platform: 'x', content: 'Launch day!' });
  await server.rpc('executor:runNow', {});
  await expect.poll(async () => (await server.rpc('tasks:get', { id: reply.id })).task.status).toBe('completed');

  const verdicts = await server.rpc('tasks:list', { dryRun: 'any_problem' });
  expect(Object.fromEntries(verdicts.items.map((item) => [item.title, item.dryRunVerdict]))).toEqual({ 'Over-long launch post': 'would_fail', 'Reply to Lerato': 'not_connected', 'Short launch post': 'not_connected' });
  const limits = await server.rpc('limits:usage', {});
  expect(limits.items.every((limit) => limit.used === 0)).toBe(true);

  await page.goto(server.authUrl);
  const card = page.getByRole('region', { name: 'Dry run: would not have gone out' });
  await expect(card.getByTestId('dry-count-would_fail')).toHaveText('1 would fail');
  await expect(card.getByTestId('dry-count-not_connected')).toHaveText('2 channel not connected');
  await expect(card).toContainText("over X's limit of 280");
  await expect(page.getByTestId('count-dry-problems')).toHaveText('3');
  const ran = page.getByRole('region', { name: 'What ran' });
  await expect(ran).toContainText('Nothing has completed yet.');
  await expect(ran).not.toContainText('Over-long launch post');
  await expect(ran).not.toContainText('Reply to Lerato');
  await shoot(page, 'today-dry-run', ['light', 'dark']);

  await page.goto(`${server.url}#/task/${long.id}`);
  await expect(page.locator('.view-head').getByTestId('dry-run-verdict')).toHaveText('Dry run: would fail');
  await expect(page.getByRole('region', { name: 'Attempts' }).getByTestId('dry-run-reason')).toContainText("over X's limit of 280");
  await shoot(page, 'task-detail-dry-run-fail', ['light', 'dark']);

  await page.goto(`${server.url}#/queues`);
  await expect(page.locator(`.queue-item[data-task-id="${reply.id}"]`).getByTestId('dry-run-verdict')).toHaveText('Dry run: channel not connected');
  await expect(page.locator(`.queue-item[data-task-id="${good.id}"]`).getByTestId('dry-run-verdict')).toHaveText('Dry run: channel not connected');
  await shoot(page, 'queues-dry-run', ['light', 'dark']);
});
