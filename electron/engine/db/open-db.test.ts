import Database from 'better-sqlite3';
import { readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/engine-fixture';
import { openDb } from './open-db';

describe('openDb', () => {
  const dirs: (() => void)[] = [];
  afterEach(() => dirs.splice(0).forEach((cleanup) => cleanup()));
  const freshPath = () => {
    const dir = tempDir();
    dirs.push(dir.cleanup);
    return join(dir.path, 'nested', 'mc.db');
  };

  it('creates the folder, opens in WAL mode and migrates; opening again is a no-op', () => {
    const path = freshPath();
    const db = openDb(path);
    expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(db.pragma('busy_timeout', { simple: true })).toBe(5000);
    const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).all() as { name: string }[]).map((row) => row.name);
    expect(tables).toEqual(expect.arrayContaining(['squad_tasks', 'agent_logs', 'alerts', 'agent_configs', 'task_executions', 'rate_limit_events', 'approval_rules', 'task_decisions']));
    db.close();
    const again = openDb(path);
    expect((again.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n).toBeGreaterThanOrEqual(3);
    again.close();
  });

  it('gives a task inserted by any SQLite client with only the quick-start columns every default, in SQL', () => {
    const path = freshPath();
    openDb(path).close();
    // A different client (plain better-sqlite3, no drizzle, no engine) writes the guide's INSERT.
    const client = new Database(path);
    client
      .prepare(`INSERT INTO squad_tasks (title, description, status, assigned_agent, priority, requires_approval) VALUES ('Test Phase 1 Execution', 'x', 'new', 'Email Agent', 'low', false)`)
      .run();
    const row = client.prepare('SELECT * FROM squad_tasks').get() as Record<string, unknown>;
    client.close();
    expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(row).toMatchObject({ execution_attempts: 0, metadata: '{}', requires_approval: 0, mentions_kenny: 0, outcome_unknown: 0, origin: 'local', policy_decision: null });
    expect(String(row.created_at)).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });

  it('refuses values the cloud schema refuses (status, priority, metadata)', () => {
    const db = openDb(freshPath());
    expect(() => db.prepare(`INSERT INTO squad_tasks (title, status) VALUES ('t', 'done')`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO squad_tasks (title, priority) VALUES ('t', 'critical')`).run()).toThrow(/CHECK/);
    expect(() => db.prepare(`INSERT INTO squad_tasks (title, metadata) VALUES ('t', '[1]')`).run()).toThrow(/CHECK/);
    db.close();
  });

  it('bumps updated_at on updates that do not set it (like the cloud trigger), and keeps search in step', () => {
    const db = openDb(freshPath());
    db.prepare(`INSERT INTO squad_tasks (id, title, updated_at) VALUES ('a', 'Speaker cable reply', '2000-01-01T00:00:00.000Z')`).run();
    db.prepare(`UPDATE squad_tasks SET priority = 'high' WHERE id = 'a'`).run();
    const row = db.prepare(`SELECT updated_at FROM squad_tasks WHERE id = 'a'`).get() as { updated_at: string };
    expect(row.updated_at > '2000-01-01T00:00:00.000Z').toBe(true);
    db.prepare(`UPDATE squad_tasks SET title = 'Amplifier question' WHERE id = 'a'`).run();
    const hits = (query: string) => (db.prepare(`SELECT count(*) AS n FROM squad_tasks_fts WHERE squad_tasks_fts MATCH ?`).get(query) as { n: number }).n;
    expect(hits('amplifier')).toBe(1);
    expect(hits('speaker')).toBe(0);
    db.close();
  });
});

describe('openDb refuses what it must not write to (issue 16, finding 8)', () => {
  const dirs: (() => void)[] = [];
  afterEach(() => dirs.splice(0).forEach((cleanup) => cleanup()));
  const dbPath = () => {
    const dir = tempDir();
    dirs.push(dir.cleanup);
    return join(dir.path, 'mc.db');
  };

  it('refuses a database written by a newer Mission Control, read-only opens included, and writes nothing', () => {
    const path = dbPath();
    openDb(path).close();
    const raw = new Database(path);
    raw.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('from-the-future', 1895600000000);
    const before = (raw.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n;
    raw.close();
    expect(() => openDb(path)).toThrow(/written by a newer Mission Control .*; upgrade the app/);
    expect(() => openDb(path, { readonly: true })).toThrow(/newer Mission Control/);
    const after = new Database(path, { readonly: true });
    expect((after.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get() as { n: number }).n).toBe(before);
    after.close();
  });

  it('reports a corrupted database before anything writes to it', () => {
    const path = dbPath();
    const db = openDb(path);
    const insert = db.prepare(`INSERT INTO squad_tasks (title, description) VALUES (?, ?)`);
    for (let i = 0; i < 300; i++) insert.run(`task ${i}`, 'x'.repeat(500));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const bytes = readFileSync(path);
    // Scribble over the middle pages (b-tree pages of squad_tasks), keeping the header intact.
    for (let offset = 8192; offset < bytes.length - 4096; offset += 4096) bytes.fill(0x5a, offset + 16, offset + 200);
    writeFileSync(path, bytes);
    const mtime = statSync(path).mtimeMs;
    expect(() => openDb(path)).toThrow(/is damaged .*nothing was written/);
    expect(statSync(path).mtimeMs).toBe(mtime);
    expect(readFileSync(path).equals(bytes)).toBe(true);
  });
});
