/**
 * The quick-start guide (shared/seed/autonomous-task-execution-quick-start.md), run as written
 * against Postgres with the desktop engine syncing: its SQL is copied verbatim below, and its
 * SELECTs must show the states the guide promises.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { executionsByTask, Harness, type SyncedEngine } from './test-support/harness';
import { startPostgres, type TestPostgres } from './test-support/postgres';

// ---- verbatim from the guide ----
const test2Insert = `INSERT INTO squad_tasks (
  title,
  description,
  status,
  assigned_agent,
  priority,
  requires_approval
) VALUES (
  'Test Phase 1 Execution',
  'This task tests the task executor',
  'new',
  'Email Agent',
  'low',
  false
);`;
const test2Check = `SELECT status, execution_attempts, last_execution_attempt
FROM squad_tasks
WHERE title = 'Test Phase 1 Execution';`;
const test3Insert = `INSERT INTO squad_tasks (
  title,
  description,
  status,
  assigned_agent,
  priority,
  requires_approval
) VALUES (
  'Test Approval Flow',
  'This task requires approval',
  'new',
  'Email Agent',
  'high',
  true
);`;
const test3Check = `SELECT status FROM squad_tasks WHERE title = 'Test Approval Flow';`;
const globalPause = `UPDATE agent_configs
SET value = 'true'::jsonb
WHERE key = 'global_pause';`;
const checkGlobalPause = `SELECT * FROM agent_configs WHERE key = 'global_pause';`;
const checkAgentLogs = `SELECT * FROM agent_logs
WHERE agent_name = 'Task Executor'
ORDER BY created_at DESC
LIMIT 20;`;
const tasksNotExecuting = `SELECT
  id,
  title,
  status,
  requires_approval,
  approved_at,
  execution_attempts
FROM squad_tasks
WHERE status = 'new'
ORDER BY created_at DESC;`;
const completionRate = `SELECT
  status,
  COUNT(*) as count
FROM squad_tasks
WHERE created_at > NOW() - INTERVAL '24 hours'
GROUP BY status;`;
// ---- end of the guide's SQL ----

let remote: TestPostgres;
let harness: Harness;
let desktop: SyncedEngine;

/** What "wait 2 minutes" means with the desktop: a sync, an executor cycle, a sync. */
async function waitTwoMinutes(): Promise<void> {
  await desktop.sync.syncOnce();
  await desktop.engine.runCycle();
  await desktop.sync.syncOnce();
}

beforeAll(async () => {
  remote = await startPostgres();
  harness = new Harness(() => remote.url);
  // The guide's dry-run testing setup: ENABLE_AUTO_EXECUTION on for the test, AGENT_DRY_RUN=true.
  desktop = harness.start('quick-start', { engine: { env: { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'true' } } });
  await desktop.sync.syncOnce();
});
afterAll(async () => {
  await harness?.cleanup();
  await remote?.destroy();
});

describe("the quick-start guide's SQL against Supabase, with the desktop executing", () => {
  it('Test 2: a task without approval runs once (dry run) and shows its attempt', async () => {
    await remote.query(test2Insert);
    const started = Date.now();
    await waitTwoMinutes();
    const { rows } = await remote.query(test2Check);
    expect(rows).toHaveLength(1);
    const row = rows[0]!;
    expect(['in_progress', 'completed']).toContain(row.status);
    expect(row.status).toBe('completed');
    expect(row.execution_attempts).toBe(1);
    expect(row.last_execution_attempt).toBeInstanceOf(Date);
    // "recent timestamp": set by this run, not some default
    expect(Math.abs((row.last_execution_attempt as Date).getTime() - started)).toBeLessThan(60_000);
    const ledger = desktop.engine.db.prepare(`SELECT dry_run FROM task_executions`).all();
    expect(ledger).toEqual([{ dry_run: 1 }]);
  });

  it('Test 3: a task that requires approval waits as new, and completes once approved', async () => {
    await remote.query(test3Insert);
    await waitTwoMinutes();
    expect((await remote.query(test3Check)).rows).toEqual([{ status: 'new' }]);
    const waiting = await remote.query(tasksNotExecuting);
    expect(waiting.rows).toMatchObject([{ title: 'Test Approval Flow', requires_approval: true, approved_at: null, execution_attempts: 0 }]);

    // "Kenny approves via API or dashboard": here, the desktop's approval.
    const id = waiting.rows[0]!.id as string;
    await desktop.engine.api['approvals:approve']({ id });
    await waitTwoMinutes();
    expect((await remote.query(test3Check)).rows).toEqual([{ status: 'completed' }]);
    expect(executionsByTask(desktop.engine).get(id)).toBe(1);
    const approved = (await remote.query(`SELECT approved_by, approved_at IS NOT NULL AS approved, requires_approval FROM squad_tasks WHERE id = $1`, [id])).rows[0];
    expect(approved).toEqual({ approved_by: 'Kenny', approved: true, requires_approval: true });
  });

  it('Monitoring: the executor logs and the completion rate are visible in Supabase', async () => {
    const logs = await remote.query(checkAgentLogs);
    expect(logs.rows.length).toBeGreaterThan(0);
    expect(logs.rows.some((r) => String(r.message).includes('[DRY RUN]'))).toBe(true);
    const rate = await remote.query(completionRate);
    expect(rate.rows).toEqual([{ status: 'completed', count: '2' }]);
  });

  it('Global Pause: the SQL pauses the desktop executor too', async () => {
    await remote.query(globalPause);
    expect((await remote.query(checkGlobalPause)).rows[0]!.value).toBe(true);
    await remote.query(test2Insert.replace('Test Phase 1 Execution', 'Test While Paused'));
    await waitTwoMinutes();
    expect((await desktop.engine.api['status:get']({})).paused).toBe(true);
    expect((await remote.query(`SELECT status, execution_attempts FROM squad_tasks WHERE title = 'Test While Paused'`)).rows).toEqual([{ status: 'new', execution_attempts: 0 }]);
  });
});
