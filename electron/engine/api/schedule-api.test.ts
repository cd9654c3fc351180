// The digest of a day, "retry all / drop all" failed of a kind, the calendar and rescheduling,
// on a real engine (SQLite file, executor, policy) with a fixed clock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alwaysOpen } from '../../../shared/send-schedule';
import { permanent, unknownOutcome } from '../channels/errors';
import type { Engine } from '../index';
import { failWith, scriptedHandler, taskRow, tempDir, testEngine, TestClock } from '../test-support/engine-fixture';

let dir: ReturnType<typeof tempDir>;
let engine: Engine;
let clock: TestClock;
const gmail = () => scriptedHandler({ id: 'gmail', behaviour: (call) => ({ externalId: `m-${call.taskId}`, externalUrl: `https://mail.example/${call.taskId}`, result: {} }) });

beforeEach(() => {
  dir = tempDir();
  clock = new TestClock(new Date('2026-11-30T12:00:00.000Z')); // Monday 14:00 in Johannesburg
});
afterEach(async () => {
  await engine.close();
  dir.cleanup();
});

describe('digest:get', () => {
  it('lists what ran by channel with links, what failed by kind and why, what waits, limits and flags', async () => {
    const seo = scriptedHandler({ id: 'opencart', agent: 'SEO Agent', limitKeys: [], behaviour: failWith(permanent('OpenCart refused: product 42 is locked')) });
    const ads = scriptedHandler({ id: 'google-ads', agent: 'Google Ads Agent', limitKeys: [], behaviour: failWith(unknownOutcome('Timed out after the mutate was sent')) });
    engine = testEngine({ dir: dir.path, handlers: [gmail(), seo, ads], now: clock.now });
    const sent = await engine.api['tasks:create']({ title: 'Reply to Thandi', assignedAgent: 'Email Agent' });
    const seo1 = await engine.api['tasks:create']({ title: 'Meta title for speakers', assignedAgent: 'SEO Agent' });
    const seo2 = await engine.api['tasks:create']({ title: 'Meta title for cables', assignedAgent: 'SEO Agent' });
    const bid = await engine.api['tasks:create']({ title: 'Raise bid on Denon', assignedAgent: 'Google Ads Agent' });
    const waiting = await engine.api['tasks:create']({ title: 'Quote for Sipho', assignedAgent: 'Email Agent', requiresApproval: true, priority: 'high' });
    await engine.runCycle();

    const digest = await engine.api['digest:get']({});
    expect(digest).toMatchObject({ day: '2026-11-30', timeZone: 'Africa/Johannesburg', from: '2026-11-29T22:00:00.000Z', to: '2026-11-30T22:00:00.000Z' });
    expect(digest.ran).toEqual([{ channel: 'gmail', count: 1, items: [expect.objectContaining({ taskId: sent.id, link: `https://mail.example/${sent.id}` })] }]);
    const seoGroup = digest.failed.find((group) => group.kind === 'SEO Agent / opencart');
    expect(seoGroup?.items.map((item) => item.taskId).sort()).toEqual([seo1.id, seo2.id].sort());
    expect(seoGroup?.items[0]?.note).toContain('product 42 is locked');
    expect(digest.flagged.outcomeUnknown.map((item) => item.taskId)).toEqual([bid.id]);
    // Nothing decided "Reply to Thandi" but the unmatched-task setting: it ran without a rule.
    expect(digest.flagged.withoutRule.map((item) => item.taskId)).toEqual([sent.id]);
    expect(digest.waiting.items.map((item) => item.taskId)).toContain(waiting.id);
    expect(digest.limits.find((limit) => limit.key === 'email_send')).toEqual({ key: 'email_send', used: 1, limit: 50 });
    expect(digest.delivery).toBeNull();

    // The day before has nothing; a bad day is refused with the field named.
    const yesterday = await engine.api['digest:get']({ day: '2026-11-29' });
    expect(yesterday.ran).toEqual([]);
    await expect(engine.api['digest:get']({ day: '30/11/2026' })).rejects.toThrow(/day/);
  });

  it('retries all failed of a kind or drops them; a task that is not failed is left alone and says why', async () => {
    let fail = true;
    const seo = scriptedHandler({ id: 'opencart', agent: 'SEO Agent', limitKeys: [], behaviour: () => (fail ? Promise.reject(permanent('locked')) : { externalId: 'ok', externalUrl: null, result: {} }) });
    engine = testEngine({ dir: dir.path, handlers: [seo], now: clock.now });
    const ids = [];
    for (const title of ['A', 'B', 'C']) ids.push((await engine.api['tasks:create']({ title, assignedAgent: 'SEO Agent' })).id);
    await engine.runCycle();
    expect(ids.map((id) => taskRow(engine, id).status)).toEqual(['failed', 'failed', 'failed']);

    fail = false;
    const retried = await engine.api['tasks:resolveFailed']({ ids: [ids[0]!, ids[1]!], action: 'retry' });
    expect(retried.results.map((result) => result.ok)).toEqual([true, true]);
    await engine.runCycle();
    expect(ids.map((id) => taskRow(engine, id).status)).toEqual(['completed', 'completed', 'failed']);

    const dropped = await engine.api['tasks:resolveFailed']({ ids: [ids[2]!, ids[0]!], action: 'drop', reason: 'stale' });
    expect(dropped.results.map((result) => [result.ok, result.error])).toEqual([
      [true, null],
      [false, expect.stringContaining('is completed, not failed')],
    ]);
    expect(taskRow(engine, ids[2]!)).toMatchObject({ status: 'rejected', rejection_reason: 'Dropped after failing: stale' });
    const trail = (await engine.api['tasks:get']({ id: ids[2]! })).decisions.map((decision) => [decision.kind, decision.reason]);
    expect(trail).toContainEqual(['cancelled', 'stale']);
    await expect(engine.api['tasks:resolveFailed']({ ids: [ids[2]!], action: 'drop', everything: true } as never)).rejects.toThrow(/everything/);
  });
});

describe('calendar:list and tasks:reschedule', () => {
  it('shows scheduled and window-held tasks in the week; a move is recorded and refused when it makes no sense', async () => {
    engine = testEngine({ dir: dir.path, handlers: [scriptedHandler({ id: 'gmail', notBefore: (task) => (typeof task.metadata.scheduled_for === 'string' ? new Date(task.metadata.scheduled_for) : null) })], now: clock.now });
    const later = await engine.api['tasks:create']({ title: 'Newsletter reminder', assignedAgent: 'Email Agent', requiresApproval: true, metadata: { scheduled_for: '2026-12-02T08:00:00+02:00' } });
    await engine.api['settings:update']({ sendSchedule: { gmail: { ...alwaysOpen, mode: 'window', days: [2, 3, 4, 5], start: '08:00', end: '17:00' } } });
    const held = await engine.api['tasks:create']({ title: 'Reply to Jo', assignedAgent: 'Email Agent' });
    await engine.runCycle();

    const week = await engine.api['calendar:list']({ from: '2026-11-29T22:00:00.000Z' });
    expect(week.timeZone).toBe('Africa/Johannesburg');
    expect(week.items.map((item) => [item.title, item.kind, item.at, item.awaitingApproval])).toEqual([
      ['Reply to Jo', 'window', '2026-12-01T06:00:00.000Z', false],
      ['Newsletter reminder', 'scheduled', '2026-12-02T06:00:00.000Z', true],
    ]);
    expect(week.items[0]!.holdReason).toBe('Goes out at 08:00 tomorrow (Scripted: Tue, Wed, Thu, Fri 08:00-17:00)');

    const moved = await engine.api['tasks:reschedule']({ id: later.id, at: '2026-12-03T09:30:00+02:00', by: 'Kenny' });
    expect(moved).toMatchObject({ notBefore: '2026-12-03T07:30:00.000Z', metadata: { scheduled_for: '2026-12-03T07:30:00.000Z' } });
    const decision = (await engine.api['tasks:get']({ id: later.id })).decisions.find((entry) => entry.kind === 'rescheduled');
    expect(decision).toMatchObject({ actor: 'Kenny', details: { from: '2026-12-02T08:00:00+02:00', to: '2026-12-03T07:30:00.000Z' } });
    expect((await engine.api['calendar:list']({ from: '2026-11-29T22:00:00.000Z' })).items.map((item) => item.at)).toEqual(['2026-12-01T06:00:00.000Z', '2026-12-03T07:30:00.000Z']);

    await expect(engine.api['tasks:reschedule']({ id: held.id, at: '2026-11-29T09:00:00Z' })).rejects.toThrow(/in the past/);
    await expect(engine.api['tasks:reschedule']({ id: held.id, at: 'tomorrow' })).rejects.toThrow(/at/);
    await expect(engine.api['tasks:reschedule']({ id: held.id, at: '2026-12-04T09:00:00Z', when: 'x' } as never)).rejects.toThrow(/when/);
    await engine.api['approvals:reject']({ id: later.id, reason: 'not needed' });
    await expect(engine.api['tasks:reschedule']({ id: later.id, at: '2026-12-04T09:00:00Z' })).rejects.toThrow(/only a waiting task/);
  });
});
