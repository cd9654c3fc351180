import { afterEach, describe, expect, it } from 'vitest';
import { TestClock, scriptedHandler, tempDir, testEngine } from '../test-support/engine-fixture';
import { permanent } from '../channels/errors';

describe('dashboard stats', () => {
  const dir = tempDir();
  afterEach(() => dir.cleanup());

  it('counts completions and failures over 24 h and 7 days, with hourly and daily series', async () => {
    const clock = new TestClock();
    const handler = scriptedHandler({ behaviour: (call) => (call.payload.title.startsWith('bad') ? (() => { throw permanent('nope'); })() : { externalId: null, externalUrl: null, result: {} }) });
    const engine = testEngine({ dir: dir.path, handlers: [handler], now: clock.now });
    for (const title of ['good 1', 'good 2', 'good 3', 'bad 1']) await engine.api['tasks:create']({ title, assignedAgent: 'Email Agent' });
    await engine.runCycle();
    clock.advance(2 * 86_400_000);
    await engine.api['tasks:create']({ title: 'good 4', assignedAgent: 'Email Agent' });
    await engine.runCycle();
    const stats = await engine.api['stats:get']({});
    expect(stats.window24h).toMatchObject({ completed: 1, failed: 0, completionRate: 1 });
    expect(stats.window7d).toMatchObject({ completed: 4, failed: 1, completionRate: 0.8 });
    expect(stats.hourly).toHaveLength(24);
    expect(stats.daily).toHaveLength(7);
    expect(stats.daily.reduce((sum, day) => sum + day.completed, 0)).toBe(4);
    await engine.close();
  });
});
