import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../index';
import { insertLikeQuickStart, taskRow, tempDir, testEngine } from '../test-support/engine-fixture';

// The quick-start guide's "Testing in Dry-Run Mode", with the built-in handlers, as the guide's
// environment sets it (AGENT_DRY_RUN=true) and auto execution switched on.
describe('quick-start guide, dry-run', () => {
  let dir: ReturnType<typeof tempDir>;
  let engine: Engine;
  beforeEach(() => {
    dir = tempDir();
    engine = testEngine({ dir: dir.path, env: { AGENT_DRY_RUN: 'true' } });
  });
  afterEach(async () => {
    await engine.close();
    dir.cleanup();
  });

  it('Test 2: an inserted task runs: completed, 1 attempt, a recent last_execution_attempt, recorded as dry run', async () => {
    const id = insertLikeQuickStart(engine, 'Test Phase 1 Execution', 'low', false);
    const summary = await engine.runCycle();
    expect(summary).toMatchObject({ success: true, executed: 1, failed: 0 });
    const row = taskRow(engine, id);
    expect(row).toMatchObject({ status: 'completed', execution_attempts: 1 });
    expect(Date.now() - Date.parse(String(row.last_execution_attempt))).toBeLessThan(60_000);
    const detail = await engine.api['tasks:get']({ id });
    expect(detail.executions).toHaveLength(1);
    expect(detail.executions[0]).toMatchObject({ dryRun: true, state: 'succeeded' });
    // The guide's task has no recipient: the dry run says exactly why it would fail live.
    expect(detail.executions[0]!.result).toMatchObject({ dryRun: true, wouldFail: expect.stringContaining('metadata.draft_id') });
    const logs = await engine.api['logs:list']({ taskId: id });
    expect(logs.items.some((log) => log.message.startsWith('[DRY RUN]'))).toBe(true);
  });

  it('Test 3: a task with requires_approval=true waits (still new); approve; it completes', async () => {
    const id = insertLikeQuickStart(engine, 'Test Approval Flow', 'high', true);
    await engine.runCycle();
    expect(taskRow(engine, id).status).toBe('new');
    const pending = await engine.api['approvals:list']({});
    expect(pending.items.map((item) => item.task.id)).toEqual([id]);
    await engine.api['approvals:approve']({ id, by: 'Kenny' });
    await engine.runCycle();
    expect(taskRow(engine, id)).toMatchObject({ status: 'completed', requires_approval: 1, approved_by: 'Kenny' });
  });

  it('the Monitoring queries of the guide show the executor cycle log with the cloud context keys', async () => {
    insertLikeQuickStart(engine, 'Test Phase 1 Execution', 'low', false);
    await engine.runCycle();
    const log = engine.db
      .prepare(`SELECT * FROM agent_logs WHERE agent_name = 'Task Executor' AND event_type = 'cron_execution' ORDER BY created_at DESC LIMIT 1`)
      .get() as { context: string };
    expect(Object.keys(JSON.parse(log.context))).toEqual(expect.arrayContaining(['executed', 'failed', 'skipped', 'duration_ms', 'rate_limit_remaining']));
  });
});

describe('quick-start guide, live, before any channel is connected', () => {
  it('an email task fails with a clear "no Gmail account connected" message: never a fake success', async () => {
    const dir = tempDir();
    const engine = testEngine({ dir: dir.path, env: { GMAIL_REFRESH_TOKEN: undefined } });
    const id = (await engine.api['tasks:create']({ title: 'Reply', assignedAgent: 'Email Agent', metadata: { email_category: 'inquiry', to: 'lerato@example.com', subject: 'Your order', body_text: 'It ships today.' } })).id;
    await engine.runCycle();
    expect(taskRow(engine, id)).toMatchObject({ status: 'failed', execution_attempts: 1 });
    expect(String(taskRow(engine, id).execution_error)).toMatch(/^No Gmail account connected/);
    await engine.close();
    dir.cleanup();
  });
});

describe('first start', () => {
  it('defaults to dry-run on and auto execution off: the poll reports what would run, nothing executes', async () => {
    const dir = tempDir();
    const engine = testEngine({ dir: dir.path, env: { ENABLE_AUTO_EXECUTION: undefined, AGENT_DRY_RUN: undefined } });
    const id = insertLikeQuickStart(engine, 'Test Phase 1 Execution', 'low', false);
    const view = await engine.api['settings:get']({});
    expect(view.settings).toMatchObject({ dryRun: true, autoExecution: false, globalPause: false, pollIntervalMs: 120_000 });
    const summary = await engine.runCycle();
    expect(summary).toMatchObject({ executed: 0, wouldExecute: 1 });
    expect(summary.reason).toMatch(/Auto execution is off/);
    expect(taskRow(engine, id)).toMatchObject({ status: 'new', execution_attempts: 0 });
    await engine.close();
    dir.cleanup();
  });

  it('environment variables override stored settings and are reported as locked', async () => {
    const dir = tempDir();
    const engine = testEngine({ dir: dir.path, env: { AGENT_DRY_RUN: 'true' } });
    await expect(engine.api['settings:update']({ dryRun: false })).rejects.toThrow(/AGENT_DRY_RUN/);
    const view = await engine.api['settings:update']({ pollIntervalMs: 30_000 });
    expect(view.locked).toMatchObject({ dryRun: 'AGENT_DRY_RUN', autoExecution: 'ENABLE_AUTO_EXECUTION' });
    expect(view.settings.pollIntervalMs).toBe(30_000);
    await engine.close();
    dir.cleanup();
  });
});
