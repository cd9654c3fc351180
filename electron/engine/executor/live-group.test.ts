// Live runs in groups of claims (live-group.ts): several claims and intents commit together, then
// the calls run one after another. Each task is still called at most once, a pause between two
// calls gives the waiting claims back, a channel that cannot reconcile is never grouped, and a
// real process killed in the middle of a group loses nothing and sends nothing twice.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../index';
import { scriptedHandler, tempDir, TestClock } from '../test-support/engine-fixture';

let dir: ReturnType<typeof tempDir>;
let engine: Engine | null = null;
beforeEach(() => {
  dir = tempDir();
});
afterEach(async () => {
  observer?.close();
  observer = null;
  await engine?.close();
  engine = null;
  dir.cleanup();
});

const dbPath = () => join(dir.path, 'mc.db');
const live = { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'false' };

function seedTasks(count: number, agent = 'SEO Agent', first = 0): string[] {
  const setup = createEngine({ dbPath: dbPath(), env: {}, handlers: [] });
  const insert = setup.db.prepare(`INSERT INTO squad_tasks (title, assigned_agent, created_at) VALUES (?, ?, ?) RETURNING id`);
  const at = (i: number) => new Date(Date.parse('2026-11-24T07:00:00.000Z') + (first + i) * 1000).toISOString();
  const ids = Array.from({ length: count }, (_, i) => (insert.get(`${agent} task ${first + i}`, agent, at(i)) as { id: string }).id);
  void setup.close();
  return ids;
}

let observer: Database.Database | null = null;
/**
 * Open intents as another connection sees them (what is committed). The connection stays open:
 * the calls must stay quick, since the group size comes from how long calls take.
 */
function committedIntents(): number {
  observer ??= new Database(dbPath(), { readonly: true });
  return (observer.prepare(`SELECT count(*) AS n FROM task_executions WHERE state = 'intent'`).get() as { n: number }).n;
}

/** Whether claims wait for their call right now: committed intents of tasks not called yet. */
function claimsWaiting(called: readonly { taskId: string }[]): boolean {
  observer ??= new Database(dbPath(), { readonly: true });
  const open = observer.prepare(`SELECT task_id FROM task_executions WHERE state = 'intent'`).all() as { task_id: string }[];
  return open.some((intent) => !called.some((call) => call.taskId === intent.task_id));
}

const rows = (sql: string) => engine!.db.prepare(sql).all() as Record<string, unknown>[];

describe('live runs in groups of claims', () => {
  it('claims several tasks in one commit when the channel can reconcile, and calls each once', async () => {
    const ids = seedTasks(40);
    const openAtCall: number[] = [];
    const handler = scriptedHandler({
      agent: 'SEO Agent',
      limitKeys: [],
      behaviour: (call) => {
        openAtCall.push(committedIntents());
        return { externalId: `ext-${call.taskId}`, externalUrl: null, result: {} };
      },
      reconcile: async () => ({ status: 'not_sent', evidence: 'never asked here' }),
    });
    engine = createEngine({ dbPath: dbPath(), env: live, handlers: [handler] });
    const summary = await engine.runCycle();
    expect(summary.executed).toBe(40);
    expect(handler.calls.map((call) => call.taskId).sort()).toEqual([...ids].sort());
    // The first call is timed alone; after it, the claims of a group were committed before its
    // first call (the intents of the calls still to come are visible to another connection).
    expect(openAtCall[0]).toBe(1);
    expect(Math.max(...openAtCall)).toBeGreaterThan(1);
    expect(rows(`SELECT status, execution_attempts FROM squad_tasks GROUP BY status, execution_attempts`)).toEqual([{ status: 'completed', execution_attempts: 1 }]);
    expect(rows(`SELECT state, count(*) AS n FROM task_executions GROUP BY state`)).toEqual([{ state: 'succeeded', n: 40 }]);
  });

  it('never groups a channel that cannot reconcile: one open intent at a time, also after grouped calls', async () => {
    seedTasks(6, 'SEO Agent');
    seedTasks(8, 'Google Ads Agent', 6);
    const openAtCall: number[] = [];
    const record = (call: { taskId: string }) => {
      openAtCall.push(committedIntents());
      return { externalId: `ext-${call.taskId}`, externalUrl: null, result: {} };
    };
    // The SEO channel can reconcile (its calls are grouped and teach the group size); the other cannot.
    const seo = scriptedHandler({ id: 'seo', agent: 'SEO Agent', limitKeys: [], behaviour: () => ({ externalId: 'x', externalUrl: null, result: {} }), reconcile: async () => ({ status: 'not_sent', evidence: '-' }) });
    const ads = scriptedHandler({ id: 'ads', agent: 'Google Ads Agent', limitKeys: [], behaviour: record });
    engine = createEngine({ dbPath: dbPath(), env: live, handlers: [seo, ads] });
    expect((await engine.runCycle()).executed).toBe(14);
    expect(seo.calls).toHaveLength(6);
    expect(openAtCall).toEqual(Array(8).fill(1));
  });

  it('a pause between two calls gives the waiting claims back: no attempt spent, no intent, no units', async () => {
    const ids = seedTasks(40);
    let paused = false;
    const handler = scriptedHandler({
      agent: 'SEO Agent',
      limitKeys: [],
      behaviour: async (call) => {
        // Kenny presses pause during a call that has claims of its group waiting after it (groups
        // grow 1, 2, 4 … as calls prove quick; how soon depends on the machine).
        if (!paused && claimsWaiting(handler.calls)) {
          paused = true;
          await engine!.api['executor:pause']({ by: 'Kenny' });
        }
        return { externalId: `ext-${call.taskId}`, externalUrl: null, result: {} };
      },
      reconcile: async () => ({ status: 'not_sent', evidence: 'never asked here' }),
    });
    engine = createEngine({ dbPath: dbPath(), env: live, handlers: [handler] });
    await engine.runCycle();
    expect(paused).toBe(true);
    const calls = handler.calls.length;
    const waiting = rows(`SELECT id, status, execution_attempts, lease_owner, last_execution_attempt FROM squad_tasks WHERE status <> 'completed' ORDER BY created_at`);
    expect(waiting).toHaveLength(40 - calls);
    for (const task of waiting) expect(task).toMatchObject({ status: 'new', execution_attempts: 0, lease_owner: null, last_execution_attempt: null });
    expect(rows(`SELECT state, count(*) AS n FROM task_executions GROUP BY state`)).toEqual([{ state: 'succeeded', n: calls }]);
    // The executor's daily units only for the calls made.
    expect(rows(`SELECT count(*) AS n FROM rate_limit_events WHERE limit_key = 'task_executor'`)).toEqual([{ n: calls }]);
    const released = rows(`SELECT task_id, message FROM agent_logs WHERE event_type = 'task_released'`);
    // The claims waiting in the group were given back.
    expect(released.length).toBeGreaterThan(0);
    expect(released.every((log) => waiting.some((task) => task.id === log.task_id))).toBe(true);
    expect(String(released[0]!.message)).toMatch(/not started \(paused\): back in the queue/);

    await engine.api['executor:resume']({ by: 'Kenny' });
    await engine.runCycle();
    expect(handler.calls.map((call) => call.taskId).sort()).toEqual([...ids].sort());
    expect(rows(`SELECT DISTINCT status, execution_attempts FROM squad_tasks`)).toEqual([{ status: 'completed', execution_attempts: 1 }]);
  });

  it('a claim given back shows the dry-run verdict it had before (the latest ledger row is the rehearsal again)', async () => {
    seedTasks(40);
    const dry = createEngine({ dbPath: dbPath(), env: { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'true' }, handlers: [scriptedHandler({ agent: 'SEO Agent', limitKeys: [] })] });
    expect((await dry.runCycle()).executed).toBe(40);
    await dry.close();
    // Opened again for real (as the cloud's agent would, writing the row).
    const other = new Database(dbPath());
    other.prepare(`UPDATE squad_tasks SET status = 'new', completed_at = NULL`).run();
    other.close();
    const handler = scriptedHandler({
      agent: 'SEO Agent',
      limitKeys: [],
      behaviour: async (call) => {
        if (claimsWaiting(handler.calls)) await engine!.api['executor:pause']({ by: 'Kenny' });
        return { externalId: `ext-${call.taskId}`, externalUrl: null, result: {} };
      },
      reconcile: async () => ({ status: 'not_sent', evidence: 'never asked here' }),
    });
    engine = createEngine({ dbPath: dbPath(), env: live, handlers: [handler] });
    await engine.runCycle();
    const released = rows(`SELECT t.status, t.dry_run_verdict FROM agent_logs l JOIN squad_tasks t ON t.id = l.task_id WHERE l.event_type = 'task_released'`);
    expect(released.length).toBeGreaterThan(0);
    for (const task of released) expect(task).toEqual({ status: 'new', dry_run_verdict: 'would_run' });
    // What ran live has no dry-run verdict any more.
    expect(rows(`SELECT DISTINCT dry_run_verdict FROM squad_tasks WHERE status = 'completed'`)).toEqual([{ dry_run_verdict: null }]);
  });

  it('a process killed in the middle of a group: recovery asks the provider about every claim; each task acts exactly once', async () => {
    const ids = seedTasks(60);
    const providerLog = join(dir.path, 'provider.log');
    const marker = join(dir.path, 'hung.marker');
    const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('../test-support/crash-group-child.ts', import.meta.url)), dbPath(), providerLog, marker], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      const check = setInterval(() => {
        if (existsSync(marker)) resolve();
        else if (child.exitCode !== null) reject(new Error(`child exited early: ${stderr}`));
        else return;
        clearInterval(check);
      }, 20);
    });
    // The provider accepted a call made while claims of its group waited for theirs (the first
    // calls teach the executor that calls are quick); the process dies before the call returns.
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const accepted = readFileSync(providerLog, 'utf8').trim().split('\n');
    expect(accepted.length).toBeGreaterThan(1);
    const before = new Database(dbPath(), { readonly: true });
    const openIntents = (before.prepare(`SELECT task_id, idempotency_key FROM task_executions WHERE state = 'intent'`).all() as { task_id: string; idempotency_key: string }[]);
    before.close();
    const open = openIntents.length;
    // Open at once: claims called (the provider has them) and claims still waiting for their call.
    expect(openIntents.some((intent) => accepted.includes(intent.idempotency_key))).toBe(true);
    expect(openIntents.some((intent) => !accepted.includes(intent.idempotency_key))).toBe(true);

    const clock = new TestClock(new Date());
    const reconciled: string[] = [];
    const handler = scriptedHandler({
      id: 'crashy',
      agent: 'SEO Agent',
      limitKeys: [],
      reconcile: async (key) => {
        reconciled.push(key);
        return accepted.includes(key)
          ? { status: 'succeeded', outcome: { externalId: `found-${key}`, externalUrl: null, result: {} }, evidence: 'found at the provider' }
          : { status: 'not_sent', evidence: 'the provider has no such request' };
      },
    });
    engine = createEngine({ dbPath: dbPath(), env: live, handlers: [handler], now: clock.now });
    await engine.runCycle();
    // Interrupted before sending: retried after the back-off.
    clock.advance(10 * 60_000);
    await engine.runCycle();
    expect(reconciled.length).toBe(open);
    const calledAgain = handler.calls.map((call) => call.taskId);
    const acceptedTasks = accepted.map((key) => key.split(':')[0]);
    // Every task acted exactly once, across both processes.
    expect([...acceptedTasks, ...calledAgain].sort()).toEqual([...ids].sort());
    expect(rows(`SELECT DISTINCT status FROM squad_tasks`)).toEqual([{ status: 'completed' }]);
  }, 30_000);
});
