// The engine at rest does nothing (no 250 ms poll), yet a commit by another process still wakes
// it within moments: the database folder's change events trigger the data_version check.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb } from '../db/open-db';
import { tempDir } from '../test-support/engine-fixture';
import { DbChangeWatcher } from './db-change-watcher';

let dir: ReturnType<typeof tempDir>;
const stops: (() => void)[] = [];
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => {
  for (const stop of stops.splice(0)) stop();
  dir.cleanup();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function watched(dbPath: string, options: { safetyPollMs?: number; fallbackPollMs?: number } = {}) {
  const calls: number[] = [];
  const watcher = new DbChangeWatcher({ dbPath, onPossibleChange: () => calls.push(Date.now()), ...options });
  watcher.start();
  stops.push(() => watcher.stop());
  return { watcher, calls };
}

describe('DbChangeWatcher', () => {
  it('stays silent while nobody writes (no polling at rest)', async () => {
    const path = join(dir.path, 'idle.db');
    openDb(path).close();
    const { watcher, calls } = watched(path, { safetyPollMs: 60_000 });
    expect(watcher.watching).toBe(true);
    await sleep(700);
    expect(calls).toHaveLength(0);
  });

  it('fires when another process commits, and coalesces the burst into few checks', async () => {
    const path = join(dir.path, 'shared.db');
    const db = openDb(path);
    const { calls } = watched(path, { safetyPollMs: 60_000 });
    const child = spawnSync(
      process.execPath,
      ['-e', `const D=require('better-sqlite3');const db=new D(${JSON.stringify(path)});db.pragma('journal_mode=WAL');db.prepare("INSERT INTO squad_tasks (title) VALUES ('from another process')").run();db.close();`],
      { cwd: process.cwd(), encoding: 'utf8' },
    );
    expect(child.status, child.stderr).toBe(0);
    const deadline = Date.now() + 2_000;
    while (calls.length === 0 && Date.now() < deadline) await sleep(10);
    expect(calls.length).toBeGreaterThan(0);
    // One commit is a handful of file writes: never one check per write.
    expect(calls.length).toBeLessThan(10);
    expect((db.prepare('SELECT count(*) AS n FROM squad_tasks').get() as { n: number }).n).toBe(1);
    db.close();
  });

  it('ignores other files in the folder (secrets, logs)', async () => {
    const path = join(dir.path, 'app.db');
    openDb(path).close();
    const { calls } = watched(path, { safetyPollMs: 60_000 });
    const other = new Database(join(dir.path, 'other.sqlite'));
    other.exec('CREATE TABLE t (x); INSERT INTO t VALUES (1);');
    other.close();
    await sleep(300);
    expect(calls).toHaveLength(0);
  });

  it('polls at the fallback rate when there is no file to watch', async () => {
    const { watcher, calls } = watched(':memory:', { fallbackPollMs: 50 });
    expect(watcher.watching).toBe(false);
    await sleep(400);
    expect(calls.length).toBeGreaterThanOrEqual(3);
  });
});
