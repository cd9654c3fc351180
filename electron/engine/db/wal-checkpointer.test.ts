import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from './open-db';
import { WalCheckpointer } from './wal-checkpointer';
import { withWriteLock } from './write-lock';

const dirs: string[] = [];
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function freshDb(): { db: Db; path: string; dir: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mc-ckpt-'));
  dirs.push(dir);
  const path = join(dir, 'mission-control.db');
  const db = openDb(path);
  db.pragma('busy_timeout = 0');
  db.exec('CREATE TABLE blobs (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  cleanups.push(() => {
    if (db.open) db.close();
  });
  return { db, path, dir };
}

const until = async (condition: () => boolean, what: string) => {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
};

async function writeRows(db: Db, count: number, checkpointer?: WalCheckpointer): Promise<void> {
  const insert = db.prepare('INSERT INTO blobs (body) VALUES (?)');
  for (let i = 0; i < count; i++) {
    await withWriteLock(db, () => insert.run(`${i}:`.padEnd(3_000, 'x')));
    // The worker's answers arrive between tasks, as they do between the executor's tasks. With a
    // checkpointer given, each pass is answered before the writes go on: the figures below then
    // do not depend on how busy the machine is.
    if (checkpointer) await until(() => checkpointer.stats.passes === checkpointer.stats.requests, 'the pass');
    else if (i % 4 === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

describe('WalCheckpointer', () => {
  it('takes checkpoints off the engine connection; a fully checkpointed WAL starts again from its top', async () => {
    const { db, path } = freshDb();
    const checkpointer = new WalCheckpointer(db, path, { commitsPerCheckpoint: 8, restartAfterFrames: 200 });
    cleanups.unshift(() => checkpointer.close());
    // Off at once: the engine's first cycle runs while the worker loads.
    expect(checkpointer.stats.mode).toBe('starting');
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await until(() => checkpointer.stats.mode === 'worker', 'the worker');
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);

    await writeRows(db, 2_000, checkpointer);
    expect(checkpointer.stats.passes).toBe(250);
    // 2,000 commits of a 3 KB row are over 4,000 WAL frames (16 MB) when nothing restarts the WAL.
    expect(statSync(`${path}-wal`).size).toBeLessThan(3 * 1024 * 1024);
    expect(checkpointer.stats.error).toBeNull();

    await checkpointer.close();
    db.close();
    const reopened = openDb(path);
    expect((reopened.prepare('SELECT count(*) AS n FROM blobs').get() as { n: number }).n).toBe(2_000);
    expect(reopened.pragma('integrity_check', { simple: true })).toBe('ok');
    reopened.close();
  });

  it('finishes the tail itself when writes never pause for the worker, so the WAL still restarts', async () => {
    const { db, path } = freshDb();
    const checkpointer = new WalCheckpointer(db, path, { commitsPerCheckpoint: 8, restartAfterFrames: 200 });
    cleanups.unshift(() => checkpointer.close());
    await until(() => checkpointer.stats.mode === 'worker', 'the worker');

    // Writes go on while each pass runs: a passive checkpoint alone never catches up.
    await writeRows(db, 2_000);
    expect(checkpointer.stats.tails).toBeGreaterThan(0);
    expect(statSync(`${path}-wal`).size).toBeLessThan(12 * 1024 * 1024);
  });

  it("keeps SQLite's own checkpoint when the worker cannot start", async () => {
    const { db, path } = freshDb();
    const checkpointer = new WalCheckpointer(db, path, { modulePath: join(tmpdir(), 'no-such-sqlite-module.js') });
    cleanups.unshift(() => checkpointer.close());
    await until(() => checkpointer.stats.mode === 'inline', 'the fallback');
    expect(checkpointer.stats.error).toMatch(/no-such-sqlite-module/);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
    await writeRows(db, 50);
    expect((db.prepare('SELECT count(*) AS n FROM blobs').get() as { n: number }).n).toBe(50);
  });

  it("gives the connection SQLite's checkpoint back when the worker dies", async () => {
    const { db, path, dir } = freshDb();
    // A stand-in for better-sqlite3 whose checkpoint fails (a disk gone, a broken build): the
    // worker starts, answers ready, then throws on its first checkpoint.
    const failing = join(dir, 'failing-sqlite.cjs');
    writeFileSync(failing, `module.exports = class { pragma(text) { if (text.startsWith('wal_checkpoint')) throw new Error('disk I/O error'); } close() {} };`);
    const checkpointer = new WalCheckpointer(db, path, { modulePath: failing, commitsPerCheckpoint: 2 });
    cleanups.unshift(() => checkpointer.close());
    await until(() => checkpointer.stats.mode === 'worker', 'the worker');
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(0);
    await writeRows(db, 10);
    await until(() => checkpointer.stats.mode === 'inline', 'the fallback');
    expect(checkpointer.stats.error).toMatch(/disk I\/O error/);
    expect(db.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
  });
});
