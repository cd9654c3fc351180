// The running executor (start()): wake-ups without waiting for the poll, pause within a second
// from another process, and two executors on one database never running the same task.
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../index';
import { scriptedHandler, tempDir, testEngine } from '../test-support/engine-fixture';

let dir: ReturnType<typeof tempDir>;
const engines: Engine[] = [];
beforeEach(() => {
  dir = tempDir();
});
afterEach(async () => {
  for (const engine of engines.splice(0)) await engine.close();
  dir.cleanup();
});

const hourly = { EXECUTOR_POLL_INTERVAL_MS: '3600000' };

function nextCall(handler: ReturnType<typeof scriptedHandler>, count: number): Promise<void> {
  return new Promise((resolve) => {
    const check = setInterval(() => {
      if (handler.calls.length >= count) {
        clearInterval(check);
        resolve();
      }
    }, 5);
  });
}

describe('the running executor', () => {
  it('starts an approved task at once, not at the next poll (an hour away)', async () => {
    const handler = scriptedHandler({});
    const engine = testEngine({ dir: dir.path, handlers: [handler], env: hourly });
    engines.push(engine);
    engine.start();
    const task = await engine.api['tasks:create']({ title: 'Needs OK', assignedAgent: 'Email Agent', requiresApproval: true });
    await engine.api['status:get']({});
    expect(handler.calls).toHaveLength(0);
    await engine.api['approvals:approve']({ id: task.id });
    await nextCall(handler, 1);
    expect(handler.calls[0]!.taskId).toBe(task.id);
  });

  it('runs a task inserted by another SQLite client without waiting for the poll', async () => {
    const handler = scriptedHandler({});
    const engine = testEngine({ dir: dir.path, handlers: [handler], env: hourly });
    engines.push(engine);
    engine.start();
    const other = new Database(engine.dbPath);
    other.prepare(`INSERT INTO squad_tasks (title, assigned_agent) VALUES ('From the cloud agent', 'Email Agent')`).run();
    other.close();
    await nextCall(handler, 1);
    expect(handler.calls[0]!.payload.title).toBe('From the cloud agent');
  });

  it('sees global_pause written by another process within a second', async () => {
    const engine = testEngine({ dir: dir.path, handlers: [scriptedHandler({})], env: hourly });
    engines.push(engine);
    engine.start();
    const paused = new Promise<number>((resolve) => {
      engine.on('status:changed', (status) => status.paused && resolve(Date.now()));
    });
    const other = new Database(engine.dbPath);
    const at = Date.now();
    other.prepare(`UPDATE agent_configs SET value = 'true' WHERE key = 'global_pause'`).run();
    other.close();
    expect((await paused) - at).toBeLessThan(1000);
    expect((await engine.api['status:get']({})).state).toBe('paused');
  });

  it('two executors on one database never run the same task (atomic claim, cloud defect 3)', async () => {
    const first = scriptedHandler({ behaviour: async () => { await new Promise((resolve) => setTimeout(resolve, 1)); return { externalId: null, externalUrl: null, result: {} }; } });
    const second = scriptedHandler({ behaviour: async () => { await new Promise((resolve) => setTimeout(resolve, 1)); return { externalId: null, externalUrl: null, result: {} }; } });
    const a = testEngine({ dir: dir.path, handlers: [first], env: { ...hourly } });
    const b = testEngine({ dir: dir.path, handlers: [second], env: { ...hourly } });
    engines.push(a, b);
    await a.api['settings:update']({ dailyLimits: { ...(await a.api['settings:get']({})).settings.dailyLimits, task_executor: 10_000, email_send: 10_000 } });
    const insert = a.db.prepare(`INSERT INTO squad_tasks (title, assigned_agent) VALUES (?, 'Email Agent')`);
    a.db.transaction(() => {
      for (let i = 0; i < 300; i++) insert.run(`task ${i}`);
    })();
    await Promise.all([a.runCycle(), b.runCycle(), a.runCycle(), b.runCycle()]);
    const calls = [...first.calls, ...second.calls].map((call) => call.taskId);
    expect(calls).toHaveLength(300);
    expect(new Set(calls).size).toBe(300);
    expect(first.calls.length).toBeGreaterThan(0);
    expect(second.calls.length).toBeGreaterThan(0);
    const executions = a.db.prepare(`SELECT count(*) AS n, count(DISTINCT task_id) AS tasks FROM task_executions`).get();
    expect(executions).toEqual({ n: 300, tasks: 300 });
  });
});
