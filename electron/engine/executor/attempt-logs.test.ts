// What a live attempt writes to the log: one line with its outcome when the call is quick (the
// claim's start is in the ledger's intent row), and a line of its own while a call is still
// running after runningNoticeMs, so a hung call shows in the logs. Real engine, real SQLite file.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../index';
import { scriptedHandler, tempDir, testEngine } from '../test-support/engine-fixture';
import { runningNoticeMs } from './run-task';

let dir: ReturnType<typeof tempDir>;
let engine: Engine;
beforeEach(() => {
  dir = tempDir();
});
afterEach(async () => {
  await engine.close();
  dir.cleanup();
});

const logs = () => engine.db.prepare(`SELECT event_type, message, context FROM agent_logs WHERE task_id IS NOT NULL AND event_type <> 'task_created' ORDER BY rowid`).all() as { event_type: string; message: string; context: string }[];

describe('log lines of a live attempt', () => {
  it('a quick call: one line, its outcome, with what the claim used to say (attempt, channel, key)', async () => {
    const handler = scriptedHandler({ agent: 'SEO Agent', limitKeys: [] });
    engine = testEngine({ dir: dir.path, handlers: [handler] });
    const task = await engine.api['tasks:create']({ title: 'Fix the meta of product 40', assignedAgent: 'SEO Agent', metadata: { product_id: 40 } });
    await engine.runCycle();
    const lines = logs();
    expect(lines.map((line) => line.event_type)).toEqual(['task_completed']);
    expect(JSON.parse(lines[0]!.context)).toMatchObject({ attempt: 1, channel: 'scripted', idempotency_key: `${task.id}:1` });
  });

  it(`a call still running after ${runningNoticeMs / 1000} s gets a line while it runs, then its outcome`, async () => {
    let release: () => void = () => {};
    const handler = scriptedHandler({
      agent: 'SEO Agent',
      limitKeys: [],
      behaviour: () => new Promise((resolve) => (release = () => resolve({ externalId: 'done', externalUrl: null, result: {} }))),
    });
    engine = testEngine({ dir: dir.path, handlers: [handler] });
    await engine.api['tasks:create']({ title: 'Fix the meta of product 41', assignedAgent: 'SEO Agent', metadata: { product_id: 41 } });
    const cycle = engine.runCycle();
    await new Promise((resolve) => setTimeout(resolve, runningNoticeMs + 500));
    expect(logs().map((line) => line.event_type)).toEqual(['task_running']);
    expect(logs()[0]!.message).toMatch(/^Executing "Fix the meta of product 41" \(attempt 1\) via Scripted: still running after 2 s$/);
    release();
    await cycle;
    expect(logs().map((line) => line.event_type)).toEqual(['task_running', 'task_completed']);
  }, 15_000);
});
