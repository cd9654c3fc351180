// The Google Ads channel inside the real engine (SQLite file, policy, ledger, executor) with the
// REST client talking to the local fake: dry runs ask Google, quota delays become the next try,
// the 24 h cap counts this app's own executions, and the approval rules hold the large changes.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../index';
import { taskRow, tempDir, TestClock, testEngine } from '../../test-support/engine-fixture';
import { adsEnv } from './test-support/ads-fixture';
import { FakeGoogleAdsServer } from './test-support/fake-google-ads-server';

let fake: FakeGoogleAdsServer;
let dir: ReturnType<typeof tempDir>;
let clock: TestClock;
let engine: Engine;

beforeEach(async () => {
  fake = await FakeGoogleAdsServer.start();
  dir = tempDir();
  clock = new TestClock(new Date());
});
afterEach(async () => {
  await engine?.close();
  await fake.close();
  dir.cleanup();
});

const start = (env: Record<string, string> = {}) => (engine = testEngine({ dir: dir.path, now: clock.now, env: { ...adsEnv(fake), ...env } }));
const addTask = async (metadata: Record<string, unknown>) => (await engine.api['tasks:create']({ title: `Ads ${Math.random()}`, assignedAgent: 'Google Ads Agent', priority: 'medium', requiresApproval: false, metadata })).id;
const executions = (id: string) => engine.db.prepare('SELECT state, dry_run, result, error_class, error_message FROM task_executions WHERE task_id = ? ORDER BY attempt').all(id) as { state: string; dry_run: number; result: string | null; error_class: string | null; error_message: string | null }[];

describe('Google Ads in the engine', () => {
  it('dry run: the executor asks Google with validateOnly and records its verdict; nothing changes', async () => {
    start({ AGENT_DRY_RUN: 'true' });
    const id = await addTask({ action: 'adjust_bid', ad_group_id: '555', bid_change_percent: -10 });
    await engine.runCycle();
    expect(taskRow(engine, id).status).toBe('completed');
    const [execution] = executions(id);
    expect(execution?.dry_run).toBe(1);
    expect(JSON.parse(execution!.result!)).toMatchObject({ dryRun: true, verdict: 'would_run', providerVerdict: expect.stringMatching(/^Google validated this exact change/), preview: { summary: 'Set the max CPC bid of ad group "Denon AVR" from R 4.00 to R 3.60 (−R 0.40, −10 %)' } });
    expect(fake.mutations().map((m) => m.body.validateOnly)).toEqual([true]);
    expect(fake.account.adGroups.get('555')?.cpcBidMicros).toBe('4000000');
  });

  it('quota error: the retry delay becomes the next try, then it succeeds once', async () => {
    start();
    fake.injectFault('mutate', { kind: 'quota', retryDelay: '30s' });
    const id = await addTask({ action: 'adjust_bid', ad_group_id: '555', bid_change_percent: -5 });
    await engine.runCycle();
    const held = taskRow(engine, id);
    expect(held.status).toBe('new');
    expect(Date.parse(String(held.not_before)) - clock.now().getTime()).toBeGreaterThanOrEqual(29_000);
    clock.advance(31_000);
    await engine.runCycle();
    expect(taskRow(engine, id).status).toBe('completed');
    expect(fake.mutations().filter((m) => !m.body.validateOnly)).toHaveLength(2);
    expect(fake.account.adGroups.get('555')?.cpcBidMicros).toBe('3800000');
  });

  it("the 24 h cap counts this app's own executions (GOOGLE_ADS_CAPS lowers it to 30 %)", async () => {
    start({ GOOGLE_ADS_CAPS: '{"maxDailyChangePercent":30}' });
    const first = await addTask({ action: 'adjust_bid', ad_group_id: '555', bid_change_percent: -20 });
    await engine.runCycle();
    expect(taskRow(engine, first).status).toBe('completed');
    clock.advance(60_000);
    // -19 %, not -20 % again: the same change twice in a day is held by the duplicate guard (duplicate-guard.ts).
    const second = await addTask({ action: 'adjust_bid', ad_group_id: '555', bid_change_percent: -19 });
    await engine.runCycle();
    expect(taskRow(engine, second).status).toBe('failed');
    expect(executions(second).at(-1)?.error_message).toMatch(/impact cap maxDailyChangePercent \(largest total change in 24 h: 30 %\): this change is −35\.2 % from R 4\.00 \(1 earlier change by this app\)/);
    expect(fake.account.adGroups.get('555')?.cpcBidMicros).toBe('3200000');
  });

  it('set_budget, enable_campaign and large bid increases wait for approval; small decreases run', async () => {
    start({ AGENT_DRY_RUN: 'true' });
    const budget = await addTask({ action: 'set_budget', budget_id: '9002', new_amount: 210 });
    const enable = await addTask({ action: 'enable_campaign', campaign_id: '333' });
    const bigBid = await addTask({ action: 'adjust_bid', ad_group_id: '555', bid_change_percent: 15 });
    const small = await addTask({ action: 'adjust_bid', ad_group_id: '555', bid_change_percent: -3 });
    await engine.runCycle();
    for (const id of [budget, enable, bigBid]) expect(taskRow(engine, id)).toMatchObject({ status: 'new', policy_decision: 'require_approval' });
    expect(taskRow(engine, small).status).toBe('completed');
  });

  it('a task without its ids fails before approval, naming the field', async () => {
    start();
    const id = await addTask({ bid_change_percent: 25 });
    const budget = await addTask({ action: 'set_budget', new_amount: 300 });
    await engine.runCycle();
    expect(taskRow(engine, id)).toMatchObject({ status: 'failed', approved_at: null });
    expect(String(taskRow(engine, id).execution_error)).toMatch(/metadata\.ad_group_id: required/);
    expect(String(taskRow(engine, budget).execution_error)).toMatch(/metadata\.budget_id: required/);
    expect((await engine.api['approvals:list']({})).items).toHaveLength(0);
  });

  it('a revoked authorization holds the task (needs reconnecting) instead of failing it', async () => {
    start();
    fake.revokeRefreshTokens();
    const first = await addTask({ action: 'adjust_bid', ad_group_id: '555', bid_change_percent: -5 });
    await engine.runCycle();
    expect(taskRow(engine, first).status).toBe('new');
    const second = await addTask({ action: 'adjust_bid', ad_group_id: '555', bid_change_percent: -4 });
    await engine.runCycle();
    expect(taskRow(engine, second)).toMatchObject({ status: 'new', execution_attempts: 0 });
    expect(String(taskRow(engine, second).hold_reason)).toMatch(/Google Ads needs reconnecting: Google refused the saved authorization \(invalid_grant/);
    expect(fake.mutations()).toHaveLength(0);
  });

  it('bid_change_percent alone fails naming ad_group_id and sends nothing', async () => {
    start();
    const id = await addTask({ bid_change_percent: 5 });
    await engine.runCycle();
    expect(taskRow(engine, id).status).toBe('failed');
    expect(String(taskRow(engine, id).execution_error)).toMatch(/metadata\.ad_group_id: required/);
    expect(fake.requests.filter((r) => r.operation !== 'token')).toHaveLength(0);
  });
});
