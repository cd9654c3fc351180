// Business hours: a task ready outside its channel's window waits ("Goes out at 08:00 Monday"),
// spends no attempt and no daily-limit unit, and the scheduler's wake-up is the window's opening.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alwaysOpen } from '../../../shared/send-schedule';
import type { Engine } from '../index';
import { scriptedHandler, taskRow, tempDir, testEngine, TestClock } from '../test-support/engine-fixture';
import { nextWakeAt } from './queue-queries';

let dir: ReturnType<typeof tempDir>;
let engine: Engine;
let clock: TestClock;
let handler: ReturnType<typeof scriptedHandler>;

beforeEach(async () => {
  dir = tempDir();
  clock = new TestClock(new Date('2026-11-28T18:30:00.000Z')); // Saturday 20:30 in Johannesburg
  handler = scriptedHandler({ id: 'gmail' });
  engine = testEngine({ dir: dir.path, handlers: [handler], now: clock.now });
  await engine.api['settings:update']({ sendSchedule: { gmail: { ...alwaysOpen, mode: 'window', days: [1, 2, 3, 4, 5], start: '08:00', end: '17:00' } } });
});
afterEach(async () => {
  await engine.close();
  dir.cleanup();
});

describe('send windows in the executor', () => {
  it('holds a Saturday-evening e-mail until 08:00 Monday without an attempt, then sends it once', async () => {
    const task = await engine.api['tasks:create']({ title: 'Reply to Thandi', assignedAgent: 'Email Agent' });
    const summary = await engine.runCycle();
    expect(summary.failed).toBe(0);
    expect(handler.calls).toHaveLength(0);
    const held = taskRow(engine, task.id);
    expect(held).toMatchObject({ status: 'new', execution_attempts: 0, not_before: '2026-11-30T06:00:00.000Z' });
    expect(held.hold_reason).toBe('Goes out at 08:00 Monday (Scripted: Mon-Fri 08:00-17:00)');
    expect((await engine.api['tasks:get']({ id: task.id })).executions).toHaveLength(0);
    expect((await engine.api['limits:usage']({})).items.find((item) => item.key === 'email_send')?.used).toBe(0);
    // The scheduler arms its wake-up timer at the earliest not_before: the window's opening.
    expect(nextWakeAt(engine.db, ['Email Agent'], clock.now())).toBe('2026-11-30T06:00:00.000Z');

    clock.current = new Date('2026-11-29T10:00:00.000Z'); // Sunday noon: still waiting
    await engine.runCycle();
    expect(handler.calls).toHaveLength(0);

    clock.current = new Date('2026-11-30T06:00:00.000Z'); // Monday 08:00
    await engine.runCycle();
    expect(handler.calls.map((call) => call.taskId)).toEqual([task.id]);
    expect(taskRow(engine, task.id)).toMatchObject({ status: 'completed', execution_attempts: 1, hold_reason: null });
  });

  it('a channel without a window runs at once, and an approval inside the window goes straight out', async () => {
    const other = scriptedHandler({ id: 'x', agent: 'Social Media Agent' });
    await engine.close();
    engine = testEngine({ dir: dir.path, handlers: [handler, other], now: clock.now });
    const post = await engine.api['tasks:create']({ title: 'Weekend post', assignedAgent: 'Social Media Agent', requiresApproval: true });
    await engine.runCycle();
    await engine.api['approvals:approve']({ id: post.id });
    await engine.runCycle();
    expect(other.calls.map((call) => call.taskId)).toEqual([post.id]);

    clock.current = new Date('2026-12-01T09:00:00.000Z'); // Tuesday 11:00
    const mail = await engine.api['tasks:create']({ title: 'Quote', assignedAgent: 'Email Agent' });
    await engine.runCycle();
    expect(handler.calls.map((call) => call.taskId)).toEqual([mail.id]);
  });

  it('a window changed in Settings releases the tasks it held so they are decided again', async () => {
    const task = await engine.api['tasks:create']({ title: 'Reply', assignedAgent: 'Email Agent' });
    await engine.runCycle();
    expect(taskRow(engine, task.id).not_before).toBe('2026-11-30T06:00:00.000Z');
    await engine.api['settings:update']({ sendSchedule: {} });
    expect(taskRow(engine, task.id)).toMatchObject({ not_before: null, hold_reason: null });
    await engine.runCycle();
    expect(handler.calls.map((call) => call.taskId)).toEqual([task.id]);
  });
});
