// Triage (issue 14): the undo window after an approval (fake clock, and a restart in the window),
// snooze, manual tasks marked done, approval alerts resolved by any decision, logs by the task's
// agent, and the customer's address in the queue search.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../index';
import { scriptedHandler, tempDir, testEngine, TestClock } from '../test-support/engine-fixture';

let dir: ReturnType<typeof tempDir>;
let clock: TestClock;
let handler: ReturnType<typeof scriptedHandler>;
let engine: Engine;
const open = () => testEngine({ dir: dir.path, handlers: [handler], now: clock.now });
beforeEach(() => {
  dir = tempDir();
  clock = new TestClock();
  handler = scriptedHandler({});
  engine = open();
});
afterEach(async () => {
  await engine.close();
  dir.cleanup();
});

const waiting = (title = 'Reply to Lerato', metadata: Record<string, unknown> = {}) =>
  engine.api['tasks:create']({ title, assignedAgent: 'Email Agent', requiresApproval: true, metadata });

describe('undo window', () => {
  it('an approval with undo does not run before the window ends, also after a restart', async () => {
    const task = await waiting();
    const approved = await engine.api['approvals:approve']({ id: task.id, undo: true });
    expect(approved.notBefore).toBe(new Date(clock.current.getTime() + 10_000).toISOString());
    expect(approved.holdReason).toMatch(/sends after 08:00:10 UTC unless undone/);
    await engine.api['executor:runNow']({});
    expect(handler.calls).toHaveLength(0);

    clock.advance(5_000);
    await engine.close();
    engine = open();
    await engine.api['executor:runNow']({});
    expect(handler.calls).toHaveLength(0);
    expect((await engine.api['tasks:get']({ id: task.id })).blocker).toMatchObject({ code: 'deferred' });

    clock.advance(5_001);
    await engine.api['executor:runNow']({});
    expect(handler.calls).toHaveLength(1);
    expect((await engine.api['tasks:get']({ id: task.id })).task.status).toBe('completed');
  });

  it('undo within the window puts the task back in the inbox; after it, undo is refused', async () => {
    const task = await waiting();
    await engine.api['approvals:approve']({ id: task.id, undo: true });
    clock.advance(9_000);
    const undone = await engine.api['approvals:undo']({ id: task.id });
    expect(undone).toMatchObject({ approvedAt: null, notBefore: null, status: 'new' });
    expect((await engine.api['approvals:list']({})).items.map((item) => item.task.id)).toEqual([task.id]);
    await engine.api['executor:runNow']({});
    expect(handler.calls).toHaveLength(0);
    const trail = (await engine.api['tasks:get']({ id: task.id })).decisions.map((decision) => decision.kind);
    expect(trail).toEqual(['policy', 'approved', 'approval_undone']);

    await engine.api['approvals:approve']({ id: task.id, undo: true });
    clock.advance(10_001);
    await expect(engine.api['approvals:undo']({ id: task.id })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/Too late/) });
  });

  it('settings.approvalUndoSeconds sets the window; 0 turns it off; without undo the approval is immediate', async () => {
    await engine.api['settings:update']({ approvalUndoSeconds: 30 });
    const a = await waiting('a');
    expect((await engine.api['approvals:approve']({ id: a.id, undo: true })).notBefore).toBe(new Date(clock.current.getTime() + 30_000).toISOString());
    const b = await waiting('b');
    expect((await engine.api['approvals:approve']({ id: b.id })).notBefore).toBeNull();
    await engine.api['settings:update']({ approvalUndoSeconds: 0 });
    const c = await waiting('c');
    expect((await engine.api['approvals:approve']({ id: c.id, undo: true })).notBefore).toBeNull();
    await expect(engine.api['settings:update']({ approvalUndoSeconds: -1 })).rejects.toMatchObject({ code: 'invalid_input' });
  });
});

describe('snooze', () => {
  it('a snoozed task leaves the inbox until its time and comes back by itself', async () => {
    const task = await waiting();
    const other = await waiting('Other');
    const until = new Date(clock.current.getTime() + 3_600_000).toISOString();
    await engine.api['approvals:snooze']({ id: task.id, until });
    let list = await engine.api['approvals:list']({});
    expect(list).toMatchObject({ total: 1, snoozed: 1, nextSnoozeEndsAt: until });
    expect(list.items.map((item) => item.task.id)).toEqual([other.id]);
    await expect(engine.api['approvals:snooze']({ id: task.id, until: clock.now().toISOString() })).rejects.toMatchObject({ code: 'invalid_input' });
    clock.advance(3_600_000);
    list = await engine.api['approvals:list']({});
    expect(list).toMatchObject({ total: 2, snoozed: 0 });
    // Approving a task clears its snooze.
    const approved = await engine.api['approvals:approve']({ id: task.id });
    expect(approved.snoozedUntil).toBeNull();
  });
});

describe('manual tasks', () => {
  it('are marked done with a note (completed, a "done" decision), never approved', async () => {
    const task = await engine.api['tasks:create']({ title: 'Call the supplier about the Denon stock', assignedAgent: 'Jarvis', requiresApproval: true });
    expect((await engine.api['approvals:list']({})).items[0]).toMatchObject({ manual: true });
    await expect(engine.api['approvals:approve']({ id: task.id })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/manual task.*mark it done/) });
    await expect(engine.api['tasks:markDone']({ id: task.id, note: '  ' })).rejects.toMatchObject({ code: 'invalid_input' });
    const done = await engine.api['tasks:markDone']({ id: task.id, note: 'Called; 12 units on Friday' });
    expect(done).toMatchObject({ status: 'completed', rejectedAt: null });
    const detail = await engine.api['tasks:get']({ id: task.id });
    expect(detail.decisions.at(-1)).toMatchObject({ kind: 'done', reason: 'Called; 12 units on Friday', actor: 'Kenny' });
    const manual = await engine.api['tasks:list']({ manual: true });
    expect(manual.items.map((item) => item.id)).toEqual([task.id]);
    const email = await waiting();
    await expect(engine.api['tasks:markDone']({ id: email.id, note: 'done' })).rejects.toMatchObject({ code: 'conflict' });
    const decided = await engine.api['approvals:decided']({ since: new Date(clock.current.getTime() - 60_000).toISOString() });
    expect(decided.items.map((item) => [item.task.id, item.decision.kind])).toEqual([[task.id, 'done']]);
  });
});

describe('approval alerts', () => {
  it('resolve when their task is decided, by the API or by a raw update (sync, CLI, SQL)', async () => {
    const a = await waiting('a');
    const b = await waiting('b');
    const c = await waiting('c');
    const openAlerts = async () => (await engine.api['alerts:list']({ unacknowledgedOnly: true })).items.map((alert) => alert.metadata.task_id);
    expect((await openAlerts()).sort()).toEqual([a.id, b.id, c.id].sort());
    await engine.api['approvals:reject']({ id: a.id, reason: 'no' });
    engine.db.prepare(`UPDATE squad_tasks SET approved_at = '2026-11-24T08:00:00.000Z', approved_by = 'Kenny (cloud)' WHERE id = ?`).run(b.id);
    expect(await openAlerts()).toEqual([c.id]);
    const all = (await engine.api['alerts:list']({})).items;
    expect(all.find((alert) => alert.metadata.task_id === b.id)).toMatchObject({ acknowledgedBy: 'Kenny (cloud)', metadata: { resolved: 'approved' } });
    expect(all.find((alert) => alert.metadata.task_id === a.id)).toMatchObject({ metadata: { resolved: 'rejected' } });
    expect(await engine.api['alerts:acknowledgeAll']({})).toEqual({ count: 1 });
    expect(await openAlerts()).toEqual([]);
  });
});

describe('logs and search', () => {
  it('logs filter by the task\'s agent and search text; the customer\'s address is searchable', async () => {
    const task = await waiting('Reply about the order', { to: 'lerato.mokoena@example.co.za' });
    await engine.api['tasks:create']({ title: 'Post', assignedAgent: 'Social Media Agent', requiresApproval: true });
    const byAgent = await engine.api['logs:list']({ agent: 'Email Agent' });
    expect(byAgent.items.length).toBeGreaterThan(0);
    expect(byAgent.items.every((entry) => entry.taskId === task.id && entry.taskAgent === 'Email Agent' && entry.agentName === 'Task Executor')).toBe(true);
    expect((await engine.api['logs:list']({ search: 'about the ORDER' })).items.every((entry) => entry.taskId === task.id)).toBe(true);
    expect((await engine.api['logs:list']({ search: '100%_' })).items).toEqual([]);
    expect((await engine.api['tasks:list']({ search: 'lerato.mokoena@example.co.za' })).items.map((item) => item.id)).toEqual([task.id]);
    engine.db.prepare(`UPDATE squad_tasks SET metadata = json_object('to', 'thabo@example.com') WHERE id = ?`).run(task.id);
    expect((await engine.api['tasks:list']({ search: 'lerato' })).total).toBe(0);
    expect((await engine.api['tasks:list']({ search: 'thabo@example.com' })).total).toBe(1);
  });

  it('Today finds tasks that ran with no rule covering them', async () => {
    await engine.api['settings:update']({ unmatchedPolicy: 'auto_execute' });
    const task = await engine.api['tasks:create']({ title: 'Unruled', assignedAgent: 'Email Agent', requiresApproval: false });
    const ruled = await waiting('Ruled');
    await engine.api['approvals:approve']({ id: ruled.id });
    await engine.api['executor:runNow']({});
    const list = await engine.api['tasks:list']({ ranWithoutRule: true });
    expect(list.items.map((item) => item.id)).toEqual([task.id]);
  });
});
