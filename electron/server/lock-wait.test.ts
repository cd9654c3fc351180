/**
 * Issue 16, finding 10: another process holding SQLite's write lock must not freeze the server
 * (static files, reads, SSE) while a write waits; a write answers 503 with Retry-After when the
 * lock does not come in time, succeeds when it comes, and the wait shows in status:get.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { send, startTestServer, type TestServer } from './test-kit';

let t: TestServer;
beforeAll(async () => {
  t = await startTestServer();
});
afterAll(async () => {
  await t.close();
});

/** A separate process that takes the write lock, says "locked", and holds it for `ms`. */
function holdLock(ms: number): Promise<ChildProcess> {
  const script = `
    const Database = require('better-sqlite3');
    const db = new Database(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    db.prepare("INSERT INTO agent_configs (key, value) VALUES ('lock_holder', 'x') ON CONFLICT (key) DO UPDATE SET value = 'y'").run();
    process.stdout.write('locked\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.argv[2]));
    db.exec('COMMIT');
    db.close();`;
  const child = spawn(process.execPath, ['-e', script, join(t.dir, 'mission-control.db'), String(ms)], { cwd: process.cwd(), stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.stdout!.once('data', () => resolve(child));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`lock holder exited early (${code})`)));
  });
}

/** Largest delay of a 10 ms interval timer while `work` runs: how long the event loop was blocked. */
async function maxLoopLag<T>(work: () => Promise<T>): Promise<{ value: T; lagMs: number }> {
  let last = performance.now();
  let lagMs = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    lagMs = Math.max(lagMs, now - last - 10);
    last = now;
  }, 10);
  try {
    return { value: await work(), lagMs };
  } finally {
    clearInterval(timer);
  }
}

const create = (title: string) =>
  send(t.port, { method: 'POST', path: '/api/rpc/tasks:create', headers: { ...t.bearer, 'Content-Type': 'application/json' }, body: JSON.stringify({ title }) });

describe('a write lock held by another process', () => {
  it('answers 503 with Retry-After after 5 s, while the page and reads answer at once', async () => {
    const holder = await holdLock(8_000);
    try {
      const started = performance.now();
      const { value: res, lagMs } = await maxLoopLag(async () => {
        const pending = create('Blocked by another writer');
        const page = await send(t.port, { path: '/' });
        const pageMs = performance.now() - started;
        expect(page.status).toBe(200);
        expect(pageMs).toBeLessThan(1_000);
        const status = await send(t.port, { method: 'POST', path: '/api/rpc/status:get', headers: { ...t.bearer, 'Content-Type': 'application/json' }, body: '{}' });
        expect(status.json().value.lockWait.waitingSince).not.toBeNull();
        return pending;
      });
      expect(lagMs).toBeLessThan(1_000);
      expect(res.status).toBe(503);
      expect(res.headers['retry-after']).toBe('2');
      expect(res.json().error).toMatchObject({ code: 'unavailable', message: expect.stringMatching(/locked by another process/) });
      expect(performance.now() - started).toBeGreaterThanOrEqual(4_900);
    } finally {
      holder.kill();
    }
  }, 30_000);

  it('waits without blocking and succeeds when the lock comes in time; the wait is reported', async () => {
    const holder = await holdLock(3_000);
    const exited = new Promise((resolve) => holder.once('exit', resolve));
    const { value: res, lagMs } = await maxLoopLag(() => create('Waits for the other writer'));
    await exited;
    expect(res.status).toBe(200);
    expect(lagMs).toBeLessThan(1_000);
    const status = await t.engine.api['status:get']({});
    expect(status.lockWait?.last).toMatchObject({ acquired: true });
    expect(status.lockWait?.last?.waitedMs).toBeGreaterThan(1_500);
  }, 30_000);
});
