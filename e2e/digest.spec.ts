/**
 * Issue 15, item 4 against a real server (live, auto execution on, no channel connected): the
 * day's digest on Today and on its page — what ran (seeded: a post that went out, with its link),
 * what failed by kind and why, what waits, limits, flags — and "Retry all…" / "Drop all…" behind a
 * summary that lists the tasks first (Cancel changes nothing; checked over the API).
 * The e-mail itself is covered by electron/engine/channels/gmail/digest-emails.test.ts (fake Gmail).
 */
import Database from 'better-sqlite3';
import { openDb } from '../electron/engine/db/open-db';
import { expectAccessible, shootSizes } from './support/a11y';
import { shoot } from './support/shots';
import { startServe, type ServeHandle } from './support/serve';
import { expect, test } from './support/test';

/** Finished work of today written as the executor writes it (a live post and two failed ones). */
function seedToday(dbPath: string): void {
  openDb(dbPath).close();
  const db = new Database(dbPath);
  const now = new Date().toISOString();
  const task = db.prepare(
    `INSERT INTO squad_tasks (id, title, status, assigned_agent, priority, requires_approval, approved_at, approved_by, policy_decision, policy_reason, execution_attempts, execution_error, completed_at, created_at, updated_at, metadata)
     VALUES (?, ?, ?, 'Social Media Agent', 'medium', 1, ?, 'Kenny', 'require_approval', 'rule: social posts need approval', 1, ?, ?, ?, ?, ?)`,
  );
  const execution = db.prepare(
    `INSERT INTO task_executions (task_id, attempt, idempotency_key, channel, dry_run, state, external_id, external_url, error_class, error_message, executor_id, started_at, finished_at)
     VALUES (?, 1, ?, 'x', 0, ?, ?, ?, ?, ?, 'e2e/1/seed', ?, ?)`,
  );
  db.transaction(() => {
    task.run('seed-ran', 'Black Friday teaser', 'completed', now, null, now, now, now, JSON.stringify({ platform: 'x', content: 'Black Friday starts now' }));
    execution.run('seed-ran', 'seed-ran:1', 'succeeded', '1862000000000000001', 'https://x.com/audico/status/1862000000000000001', null, null, now, now);
    for (const [id, title] of [['seed-f1', 'Denon restock post'], ['seed-f2', 'Cable sale thread']] as const) {
      const error = 'X refused the post: duplicate content (187)';
      task.run(id, title, 'failed', now, error, null, now, now, JSON.stringify({ platform: 'x', content: title }));
      execution.run(id, `${id}:1`, 'failed', null, null, 'permanent', error, now, now);
    }
  })();
  db.close();
}

let server: ServeHandle;
test.beforeAll(async () => {
  server = await startServe({ env: { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'false', GMAIL_REFRESH_TOKEN: '' }, args: ['--poll-interval', '3600000'], prepare: seedToday });
});
test.afterAll(async () => {
  expect(await server?.stop()).toBe(0);
});

test('the digest on Today and its page; retry all and drop all failed of a kind after a summary', async ({ page }) => {
  test.setTimeout(240_000);
  await server.rpc('tasks:create', { title: 'Quote for Sipho', assignedAgent: 'Email Agent', requiresApproval: true, priority: 'high' });

  await page.goto(server.authUrl);
  const card = page.getByRole('region', { name: 'Today’s digest' });
  // Today starts many queries at once; on a loaded 2-core machine the card can take a while.
  await expect(card.getByTestId('digest-card-headline')).toHaveText('1 ran · 2 failed · 1 waiting for you', { timeout: 30_000 });
  await expect(card).toContainText('Social Media Agent / x (2)');
  await card.scrollIntoViewIfNeeded();
  await shoot(page, 'today-digest-card', ['light', 'dark']);
  await expectAccessible(page, 'today digest card', 'section[aria-labelledby="digest-card-title"]');

  await card.getByRole('link', { name: 'Open the digest' }).click();
  await expect(page).toHaveURL(/\/digest$/);
  const ran = page.getByRole('region', { name: 'What ran' });
  await expect(ran.locator('[data-channel="x"]')).toContainText('Black Friday teaser');
  await expect(ran.getByRole('link', { name: 'open' })).toHaveAttribute('href', 'https://x.com/audico/status/1862000000000000001');
  const failed = page.getByRole('region', { name: 'What failed' });
  const group = failed.locator('[data-kind="Social Media Agent / x"]');
  await expect(group).toContainText('Denon restock post');
  await expect(group).toContainText('duplicate content (187)');
  await expect(page.getByRole('region', { name: 'Waiting for you (1)' })).toContainText('Quote for Sipho');
  // The post that ran was approved by Kenny, so nothing ran without a rule; no outcome is unknown.
  await expect(page.getByRole('region', { name: 'Flagged (0)' })).toContainText('Nothing flagged.');
  await expect(page.getByTestId('digest-delivery')).toContainText('Not e-mailed for this day');
  await shootSizes(page, 'digest', shoot);
  await expectAccessible(page, 'digest');

  // Retry all…: the summary lists both with why; Cancel changes nothing.
  await group.getByRole('button', { name: 'Retry all…' }).click();
  const retry = page.getByRole('dialog', { name: 'Retry 2 failed: Social Media Agent / x' });
  await expect(retry.getByRole('list', { name: 'Tasks to retry' }).getByRole('listitem')).toHaveCount(2);
  await shoot(page, 'digest-retry-summary', ['light', 'dark']);
  await expectAccessible(page, 'retry summary', 'dialog');
  await retry.getByRole('button', { name: 'Cancel' }).click();
  expect((await server.rpc('tasks:get', { id: 'seed-f1' })).task.status).toBe('failed');

  // Retry all: both go back to the queue (a recorded 're-queued' decision each) and run again; X is
  // not connected here, so they fail again with that reason.
  await group.getByRole('button', { name: 'Retry all…' }).click();
  await retry.getByRole('button', { name: 'Retry 2 tasks' }).click();
  await expect(retry.getByText(/re-queued\.$/)).toHaveText('2 of 2 re-queued.');
  await retry.getByRole('button', { name: 'Close', exact: true }).click();
  for (const id of ['seed-f1', 'seed-f2']) {
    await expect.poll(async () => (await server.rpc('tasks:get', { id })).decisions.map((decision) => decision.kind)).toContain('requeued');
  }
  await server.rpc('executor:runNow', {});
  await expect.poll(async () => (await server.rpc('tasks:get', { id: 'seed-f1' })).task.executionError).toMatch(/X/);

  // Drop all: closed as rejected with the reason, and gone from "What failed".
  await expect(group).toContainText('Denon restock post');
  await group.getByRole('button', { name: 'Drop all…' }).click();
  const drop = page.getByRole('dialog', { name: 'Drop 2 failed: Social Media Agent / x' });
  await drop.getByLabel('Reason (optional; kept in each task’s history)').fill('Posting these by hand');
  await shoot(page, 'digest-drop-summary', ['light', 'dark']);
  await drop.getByRole('button', { name: 'Drop 2 tasks' }).click();
  await expect(drop.getByText(/dropped\.$/)).toHaveText('2 of 2 dropped.');
  await drop.getByRole('button', { name: 'Close', exact: true }).click();
  await expect(failed).toContainText('Nothing failed.');
  expect((await server.rpc('tasks:get', { id: 'seed-f2' })).task).toMatchObject({ status: 'rejected', rejectionReason: 'Dropped after failing: Posting these by hand' });
});
