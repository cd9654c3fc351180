// Each cloud executor defect (../shared/cloud-contract.md, "Defects") as a test that would have caught it.
// Defect 7 (unauthenticated approve/reject, spoofable cron auth) is covered by the server's tests.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { permanent, retryable, unknownOutcome } from '../channels/errors';
import { createXHandler } from '../channels/x/x-handler';
import { MemorySecretStore } from '../secrets/types';

const xHandler = createXHandler({ env: {}, secrets: new MemorySecretStore() });
import type { Engine } from '../index';
import { failWith, scriptedHandler, taskRow, tempDir, TestClock, testEngine } from '../test-support/engine-fixture';

let dir: ReturnType<typeof tempDir>;
const engines: Engine[] = [];
beforeEach(() => {
  dir = tempDir();
});
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
  dir.cleanup();
});
const open = (options: Parameters<typeof testEngine>[0]) => {
  const engine = testEngine(options);
  engines.push(engine);
  return engine;
};

describe('cloud defects', () => {
  it('1. priority order is urgent > high > medium > low, then oldest first', async () => {
    const handler = scriptedHandler({});
    const clock = new TestClock();
    const engine = open({ dir: dir.path, handlers: [handler], now: clock.now });
    for (const [title, priority] of [['low', 'low'], ['high-1', 'high'], ['medium', 'medium'], ['urgent', 'urgent'], ['high-2', 'high']] as const) {
      await engine.api['tasks:create']({ title, priority, assignedAgent: 'Email Agent' });
      clock.advance(1000);
    }
    await engine.runCycle();
    expect(handler.calls.map((call) => call.payload.title)).toEqual(['urgent', 'high-1', 'high-2', 'medium', 'low']);
  });

  it('2. a failing task is retried with backoff, then fails and escalates (never stuck in_progress)', async () => {
    const handler = scriptedHandler({ behaviour: failWith(retryable('Gmail answered 503')) });
    const clock = new TestClock();
    const engine = open({ dir: dir.path, handlers: [handler], now: clock.now });
    const task = await engine.api['tasks:create']({ title: 'Reply to Thabo', assignedAgent: 'Email Agent' });
    await engine.runCycle();
    expect(taskRow(engine, task.id)).toMatchObject({ status: 'new', execution_attempts: 1, execution_error: 'Gmail answered 503' });
    expect(taskRow(engine, task.id).not_before).toBe(new Date(clock.current.getTime() + 1000).toISOString());
    await engine.runCycle(); // backoff not over: nothing runs
    expect(handler.calls).toHaveLength(1);
    clock.advance(1000);
    await engine.runCycle();
    expect(taskRow(engine, task.id)).toMatchObject({ status: 'new', execution_attempts: 2 });
    expect(taskRow(engine, task.id).not_before).toBe(new Date(clock.current.getTime() + 2000).toISOString());
    clock.advance(2000);
    await engine.runCycle();
    expect(handler.calls).toHaveLength(3);
    expect(taskRow(engine, task.id)).toMatchObject({ status: 'failed', execution_attempts: 3, lease_owner: null });
    const alerts = await engine.api['alerts:list']({});
    expect(alerts.items.find((alert) => alert.type === 'agent_error')).toMatchObject({ severity: 'urgent' });
    const escalation = engine.db.prepare(`SELECT * FROM squad_tasks WHERE assigned_agent = 'Jarvis'`).get() as Record<string, unknown>;
    expect(JSON.parse(String(escalation.metadata))).toMatchObject({ escalated_from: task.id, original_agent: 'Email Agent', error: 'Gmail answered 503' });
    expect(new Set(handler.calls.map((call) => call.idempotencyKey)).size).toBe(3);
  });

  it("2b. a provider's Retry-After is honoured", async () => {
    const handler = scriptedHandler({ behaviour: failWith(retryable('429 Too Many Requests', { retryAfterMs: 90_000 })) });
    const clock = new TestClock();
    const engine = open({ dir: dir.path, handlers: [handler], now: clock.now });
    const task = await engine.api['tasks:create']({ title: 't', assignedAgent: 'Email Agent' });
    await engine.runCycle();
    expect(taskRow(engine, task.id).not_before).toBe(new Date(clock.current.getTime() + 90_000).toISOString());
  });

  it('4. an inserted customer complaint reply does not auto-run, though requires_approval defaults to false', async () => {
    const handler = scriptedHandler({});
    const engine = open({ dir: dir.path, handlers: [handler] });
    engine.db.prepare(`INSERT INTO squad_tasks (title, assigned_agent, metadata) VALUES ('Reply', 'Email Agent', '{"email_category":"complaint"}')`).run();
    await engine.runCycle();
    expect(handler.calls).toHaveLength(0);
    const row = engine.db.prepare('SELECT status, requires_approval, policy_reason, policy_rule_id FROM squad_tasks').get();
    expect(row).toEqual({ status: 'new', requires_approval: 1, policy_reason: 'Rule "Customer emails need approval"', policy_rule_id: 'builtin-customer-emails' });
    expect((await engine.api['alerts:list']({})).items[0]).toMatchObject({ type: 'approval_needed' });
  });

  it('6. approve keeps requires_approval=true with who/when; approve and reject refuse tasks not awaiting a decision', async () => {
    const handler = scriptedHandler({});
    const engine = open({ dir: dir.path, handlers: [handler] });
    const waiting = await engine.api['tasks:create']({ title: 'Needs OK', assignedAgent: 'Email Agent', requiresApproval: true });
    const auto = await engine.api['tasks:create']({ title: 'Runs alone', assignedAgent: 'Email Agent' });
    await expect(engine.api['approvals:approve']({ id: auto.id })).rejects.toMatchObject({ code: 'conflict' });
    await expect(engine.api['approvals:reject']({ id: auto.id, reason: 'no' })).rejects.toMatchObject({ code: 'conflict' });
    await expect(engine.api['approvals:approve']({ id: 'missing' })).rejects.toMatchObject({ code: 'not_found' });
    await expect(engine.api['approvals:reject']({ id: waiting.id, reason: '  ' })).rejects.toMatchObject({ code: 'invalid_input' });
    const approved = await engine.api['approvals:approve']({ id: waiting.id, by: 'Kenny' });
    expect(approved).toMatchObject({ requiresApproval: true, approvedBy: 'Kenny' });
    expect(approved.approvedAt).not.toBeNull();
    await expect(engine.api['approvals:approve']({ id: waiting.id })).rejects.toMatchObject({ code: 'conflict' });
    await expect(engine.api['approvals:reject']({ id: waiting.id, reason: 'late' })).rejects.toMatchObject({ code: 'conflict' });
    const trail = (await engine.api['tasks:get']({ id: waiting.id })).decisions.map((decision) => [decision.kind, decision.actor]);
    expect(trail).toEqual([['policy', 'policy'], ['approved', 'Kenny']]);
  });

  it('6b. reject records who, when and why, and the task never runs', async () => {
    const handler = scriptedHandler({});
    const engine = open({ dir: dir.path, handlers: [handler] });
    const task = await engine.api['tasks:create']({ title: 'Post', assignedAgent: 'Email Agent', requiresApproval: true });
    const rejected = await engine.api['approvals:reject']({ id: task.id, reason: 'Wrong tone', by: 'Kenny' });
    expect(rejected).toMatchObject({ status: 'rejected', rejectedBy: 'Kenny', rejectionReason: 'Wrong tone' });
    await engine.runCycle();
    expect(handler.calls).toHaveLength(0);
  });

  it('8a. global_pause set by another client stops execution, and survives a restart', async () => {
    const handler = scriptedHandler({});
    let engine = open({ dir: dir.path, handlers: [handler] });
    // The guide's SQL, run by another connection.
    engine.db.prepare(`UPDATE agent_configs SET value = 'true' WHERE key = 'global_pause'`).run();
    await engine.close();
    engines.pop();
    engine = open({ dir: dir.path, handlers: [handler] });
    await engine.api['tasks:create']({ title: 't', assignedAgent: 'Email Agent' });
    const summary = await engine.runCycle();
    expect(summary.reason).toMatch(/Paused/);
    expect(handler.calls).toHaveLength(0);
    await engine.api['executor:resume']({});
    await engine.runCycle();
    expect(handler.calls).toHaveLength(1);
  });

  it('8b. the master switch off means nothing executes', async () => {
    const handler = scriptedHandler({});
    const engine = open({ dir: dir.path, handlers: [handler], env: { ENABLE_AUTO_EXECUTION: 'false' } });
    await engine.api['tasks:create']({ title: 't', assignedAgent: 'Email Agent' });
    expect(await engine.runCycle()).toMatchObject({ executed: 0, wouldExecute: 1 });
    expect(handler.calls).toHaveLength(0);
  });

  it('8c/12. a daily limit defers the task with the reason and the time it can run, spending no attempt', async () => {
    const handler = scriptedHandler({ limitKeys: ['email_send'] });
    const clock = new TestClock();
    const engine = open({ dir: dir.path, handlers: [handler], now: clock.now });
    await engine.api['settings:update']({ dailyLimits: { ...(await engine.api['settings:get']({})).settings.dailyLimits, email_send: 2 } });
    const ids: string[] = [];
    for (const title of ['a', 'b', 'c']) {
      ids.push((await engine.api['tasks:create']({ title, assignedAgent: 'Email Agent' })).id);
      clock.advance(60_000);
    }
    const summary = await engine.runCycle();
    expect(summary).toMatchObject({ executed: 2, deferred: 1 });
    const held = taskRow(engine, ids[2]!);
    expect(held).toMatchObject({ status: 'new', execution_attempts: 0 });
    expect(String(held.hold_reason)).toMatch(/^held: email_send 2\/2 in the last 24 h, resets \d\d:\d\d UTC$/);
    const firstSend = Date.parse(String(taskRow(engine, ids[0]!).last_execution_attempt));
    expect(held.not_before).toBe(new Date(firstSend + 86_400_000).toISOString());
    const usage = (await engine.api['limits:usage']({})).items.find((item) => item.key === 'email_send');
    expect(usage).toMatchObject({ used: 2, limit: 2 });
    clock.current = new Date(String(held.not_before));
    await engine.runCycle();
    expect(taskRow(engine, ids[2]!).status).toBe('completed');
  });

  it('9. dry run is honoured by the social handler: a preview is recorded, nothing is published', async () => {
    const engine = open({ dir: dir.path, handlers: [xHandler], env: { AGENT_DRY_RUN: 'true' } });
    const task = await engine.api['tasks:create']({ title: 'Launch post', assignedAgent: 'Social Media Agent', metadata: { platform: 'twitter', content: 'New Sonos Era 300 in stock' } });
    await engine.api['approvals:approve']({ id: task.id });
    await engine.runCycle();
    const detail = await engine.api['tasks:get']({ id: task.id });
    expect(detail.task.status).toBe('completed');
    expect(detail.executions[0]).toMatchObject({ dryRun: true, state: 'succeeded' });
    expect(detail.executions[0]!.requestPreview).toMatchObject({ channel: 'x', detail: { kind: 'social_post', characterCount: 26, characterLimit: 280 } });
  });

  it('9b. outside dry run an unconnected channel fails with a clear message, never a fake success', async () => {
    const engine = open({ dir: dir.path, handlers: [xHandler] });
    const task = await engine.api['tasks:create']({ title: 'Post', assignedAgent: 'Social Media Agent', metadata: { platform: 'x', content: 'hi' } });
    await engine.api['approvals:approve']({ id: task.id });
    await engine.runCycle();
    expect(taskRow(engine, task.id)).toMatchObject({ status: 'failed', execution_attempts: 1 });
    expect(String(taskRow(engine, task.id).execution_error)).toMatch(/^No X account connected/);
  });

  it('10. tasks for agents without a handler (Jarvis) are never claimed', async () => {
    const handler = scriptedHandler({});
    const engine = open({ dir: dir.path, handlers: [handler] });
    const manual = await engine.api['tasks:create']({ title: 'Call the supplier', assignedAgent: 'Jarvis' });
    await engine.runCycle();
    expect(taskRow(engine, manual.id)).toMatchObject({ status: 'new', execution_attempts: 0 });
    expect((await engine.api['tasks:get']({ id: manual.id })).blocker.code).toBe('no_handler');
  });

  it('11. a scheduled send waits until its time', async () => {
    const clock = new TestClock();
    const handler = scriptedHandler({ notBefore: (task) => (task.metadata.scheduled_for ? new Date(String(task.metadata.scheduled_for)) : null) });
    const engine = open({ dir: dir.path, handlers: [handler], now: clock.now });
    const at = new Date(clock.current.getTime() + 3_600_000).toISOString();
    const task = await engine.api['tasks:create']({ title: 'Reply later', assignedAgent: 'Email Agent', metadata: { scheduled_for: at } });
    await engine.runCycle();
    expect(handler.calls).toHaveLength(0);
    expect(taskRow(engine, task.id)).toMatchObject({ status: 'new', not_before: at, execution_attempts: 0 });
    clock.current = new Date(at);
    await engine.runCycle();
    expect(handler.calls).toHaveLength(1);
  });

  it('12/13. the limiter fails closed and database errors are raised, not swallowed', async () => {
    const handler = scriptedHandler({});
    const engine = open({ dir: dir.path, handlers: [handler] });
    const task = await engine.api['tasks:create']({ title: 't', assignedAgent: 'Email Agent' });
    engine.db.exec('DROP TABLE rate_limit_events');
    await expect(engine.runCycle()).rejects.toThrow(/rate_limit_events/);
    expect(handler.calls).toHaveLength(0);
    expect(taskRow(engine, task.id)).toMatchObject({ status: 'new', execution_attempts: 0 });
    const alerts = await engine.api['alerts:list']({});
    expect(alerts.items[0]).toMatchObject({ type: 'system_error', severity: 'urgent' });
  });

  it('13. execution_error is cleared after a later success', async () => {
    const handler = scriptedHandler({ behaviour: (_call, index) => (index === 0 ? failWith(retryable('timeout before send'))() : { externalId: 'm-1', externalUrl: null, result: {} }) });
    const clock = new TestClock();
    const engine = open({ dir: dir.path, handlers: [handler], now: clock.now });
    const task = await engine.api['tasks:create']({ title: 't', assignedAgent: 'Email Agent' });
    await engine.runCycle();
    expect(taskRow(engine, task.id).execution_error).toBe('timeout before send');
    clock.advance(1000);
    await engine.runCycle();
    expect(taskRow(engine, task.id)).toMatchObject({ status: 'completed', execution_error: null, execution_attempts: 2 });
  });

  it('13b. a bad payload fails the task with a message naming the field, keeping its data', async () => {
    const engine = open({ dir: dir.path, handlers: [xHandler] });
    const task = await engine.api['tasks:create']({ title: 'Post', assignedAgent: 'Social Media Agent', metadata: { platform: 'tiktok', content: 'x' } });
    // The inbox refuses to approve it (seen 5); approved from elsewhere (SQL, the cloud), the executor still fails it clearly.
    await expect(engine.api['approvals:approve']({ id: task.id })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/metadata\.platform/) });
    engine.db.prepare(`UPDATE squad_tasks SET approved_at = ?, approved_by = 'sql' WHERE id = ?`).run(new Date().toISOString(), task.id);
    await engine.runCycle();
    const row = taskRow(engine, task.id);
    expect(row.status).toBe('failed');
    expect(String(row.execution_error)).toMatch(/metadata\.platform/);
    expect(JSON.parse(String(row.metadata))).toEqual({ platform: 'tiktok', content: 'x' });
  });
});

describe('errors with unknown outcome', () => {
  it('are never retried: the task is flagged for a person with an urgent alert', async () => {
    const handler = scriptedHandler({ behaviour: failWith(unknownOutcome('connection reset after the request was sent')) });
    const engine = open({ dir: dir.path, handlers: [handler] });
    const task = await engine.api['tasks:create']({ title: 'Send newsletter', assignedAgent: 'Email Agent' });
    await engine.runCycle();
    await engine.runCycle();
    expect(handler.calls).toHaveLength(1);
    expect(taskRow(engine, task.id)).toMatchObject({ status: 'failed', outcome_unknown: 1 });
    expect((await engine.api['tasks:get']({ id: task.id })).blocker.code).toBe('outcome_unknown');
    expect((await engine.api['alerts:list']({})).items.some((alert) => alert.type === 'outcome_unknown' && alert.severity === 'urgent')).toBe(true);
    // A person checked: it was not sent. Re-queue gives it a fresh set of attempts.
    const requeued = await engine.api['tasks:requeue']({ id: task.id, reason: 'checked Sent: not there' });
    expect(requeued).toMatchObject({ status: 'new', executionAttempts: 0, outcomeUnknown: false });
  });

  it('permanent errors are not retried', async () => {
    const handler = scriptedHandler({ behaviour: failWith(permanent('invalid recipient')) });
    const engine = open({ dir: dir.path, handlers: [handler] });
    const task = await engine.api['tasks:create']({ title: 't', assignedAgent: 'Email Agent' });
    await engine.runCycle();
    expect(taskRow(engine, task.id)).toMatchObject({ status: 'failed', execution_attempts: 1, execution_error: 'invalid recipient' });
  });
});
