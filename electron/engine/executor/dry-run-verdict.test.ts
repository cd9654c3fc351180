import { afterEach, describe, expect, it } from 'vitest';
import { defaultDailyLimits } from '../../../shared/settings';
import type { AnyChannelHandler } from '../channels/types';
import { createXHandler } from '../channels/x/x-handler';
import { MemorySecretStore } from '../secrets/types';

const xHandler = createXHandler({ env: {}, secrets: new MemorySecretStore() });
import type { Engine } from '../index';
import { tempDir, testEngine } from '../test-support/engine-fixture';

// Honest dry runs (seen 4): the rehearsal checks what a live run would and says what it found.
let dir: ReturnType<typeof tempDir>;
let engine: Engine;
afterEach(async () => {
  await engine.close();
  dir.cleanup();
});

// X with an account connected (OAuth 1.0a user keys from the environment; nothing is called in a dry run).
const connectedX: AnyChannelHandler = createXHandler({ env: { X_API_KEY: 'k', X_API_SECRET: 's', X_ACCESS_TOKEN: 't', X_ACCESS_SECRET: 'a' }, secrets: new MemorySecretStore() });

function start(handler: AnyChannelHandler) {
  dir = tempDir();
  engine = testEngine({ dir: dir.path, handlers: [handler], env: { AGENT_DRY_RUN: 'true' } });
}
// Social posts always ask (built-in rule): approved here so the cycle runs them.
async function post(content: string): Promise<string> {
  const { id } = await engine.api['tasks:create']({ title: `Post ${content.slice(0, 10)}`, assignedAgent: 'Social Media Agent', metadata: { platform: 'x', content } });
  await engine.api['approvals:approve']({ id });
  return id;
}
const verdictOf = async (id: string) => (await engine.api['tasks:get']({ id })).executions[0]?.result as Record<string, unknown>;

describe('dry-run verdicts', () => {
  it('would fail (over the limit), would run; the task still completes; nothing spent', async () => {
    start(connectedX);
    const bad = await post('x'.repeat(300));
    const good = await post('Weekend sale');
    await engine.runCycle();
    expect(await verdictOf(bad)).toMatchObject({ dryRun: true, verdict: 'would_fail', reason: expect.stringMatching(/the post counts 300 on X .*over X's limit of 280/), wouldFail: expect.any(String) });
    expect(await verdictOf(good)).toMatchObject({ dryRun: true, verdict: 'would_run', reason: null });
    expect((await engine.api['tasks:get']({ id: bad })).task.status).toBe('completed');
    expect(engine.db.prepare('SELECT count(*) AS n FROM rate_limit_events').get()).toEqual({ n: 0 });

    const problems = await engine.api['tasks:list']({ dryRun: 'any_problem' });
    expect(problems.items.map((item) => [item.id, item.dryRunVerdict])).toEqual([[bad, 'would_fail']]);
    expect(problems.items[0]!.dryRunReason).toMatch(/over X's limit/);
    const ran = await engine.api['tasks:list']({ status: ['completed'], dryRun: 'no_problem' });
    expect(ran.items.map((item) => item.id)).toEqual([good]);
  });

  it('channel not connected: checked in dry run too, and reported', async () => {
    start({ ...connectedX, unavailableReason: async () => 'X is not connected: connect it in Settings → Channels' });
    const id = await post('Weekend sale');
    await engine.runCycle();
    expect(await verdictOf(id)).toMatchObject({ verdict: 'not_connected', reason: expect.stringMatching(/X is not connected/) });
    expect((await engine.api['tasks:list']({ dryRun: 'not_connected' })).total).toBe(1);
  });

  it('a channel with nothing connected is "not connected" in a dry run', async () => {
    start(xHandler);
    const id = await post('Weekend sale');
    await engine.runCycle();
    expect(await verdictOf(id)).toMatchObject({ verdict: 'not_connected', reason: 'No X account connected: connect X in Settings → Channels' });
  });

  it('would be held by a daily limit: checked against real usage, without spending', async () => {
    start(connectedX);
    await engine.api['settings:update']({ dailyLimits: { ...defaultDailyLimits, social_publish: 0 } });
    const id = await post('Weekend sale');
    await engine.runCycle();
    expect(await verdictOf(id)).toMatchObject({ verdict: 'would_be_held', reason: expect.stringMatching(/social_publish 0\/0/) });
    expect((await engine.api['tasks:list']({ dryRun: 'would_be_held' })).items[0]).toMatchObject({ id, dryRunVerdict: 'would_be_held' });
  });
});
