import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../test-support/engine-fixture';
import { rewriteInListChecks, withOrChecks } from './check-constraints';
import { findMigrationsFolder, openDb, type Db } from './open-db';

const dir = tempDir();
afterEach(() => dir.cleanup());

/** Temporary b-trees the statement itself opens (trigger programs, listed after it, run only when their WHEN holds). */
function ephemeralTables(db: Db, sql: string, params: unknown[]): number {
  const ops = db.prepare(`EXPLAIN ${sql}`).all(...params) as { opcode: string; p4: unknown }[];
  const triggers = ops.findIndex((op) => String(op.p4 ?? '').startsWith('-- TRIGGER'));
  return ops.slice(0, triggers === -1 ? undefined : triggers).filter((op) => op.opcode === 'OpenEphemeral').length;
}

const hotWrites: [string, unknown[]][] = [
  [`INSERT INTO agent_logs (id, agent_name, log_level, message) VALUES (?, ?, ?, ?)`, ['l1', 'Task Executor', 'info', 'hi']],
  [`INSERT INTO task_executions (task_id, attempt, idempotency_key, channel, dry_run, state, request_preview, executor_id, started_at) VALUES (?, 1, ?, 'gmail', 1, ?, '{}', 'x', '2026-11-30T00:00:00.000Z')`, ['t1', 't1:1', 'intent']],
  [`UPDATE squad_tasks SET status = ?, updated_at = ? WHERE id = ?`, ['completed', '2026-11-30T00:00:00.000Z', 't1']],
];

describe('IN-list CHECK constraints', () => {
  it('are written as ORs: same two-value lists and other text untouched', () => {
    expect(withOrChecks(`CREATE TABLE t (a text, CONSTRAINT c CHECK("t"."a" IN ('x', 'y', 'z')))`)).toBe(`CREATE TABLE t (a text, CONSTRAINT c CHECK("t"."a" = 'x' OR "t"."a" = 'y' OR "t"."a" = 'z'))`);
    const twoValues = `CREATE TABLE t (a text, CONSTRAINT c CHECK("t"."a" IN ('x', 'y')))`;
    expect(withOrChecks(twoValues)).toBe(twoValues);
  });

  it('leave the executor’s hot writes without a temporary b-tree, and still refuse what they refused', () => {
    const db = openDb(join(dir.path, 'fresh.db'));
    try {
      db.prepare(`INSERT INTO squad_tasks (id, title, assigned_agent) VALUES ('t1', 'Reply', 'Email Agent')`).run();
      for (const [sql, params] of hotWrites) {
        expect(ephemeralTables(db, sql, params), sql).toBe(0);
        db.prepare(sql).run(...params);
      }
      expect(() => db.prepare(`UPDATE squad_tasks SET status = 'done' WHERE id = 't1'`).run()).toThrow(/CHECK constraint failed/);
      expect(() => db.prepare(`INSERT INTO agent_logs (id, agent_name, log_level, message) VALUES ('l2', 'x', 'loud', 'm')`).run()).toThrow(/CHECK constraint failed/);
      expect(() => db.prepare(`UPDATE task_executions SET state = 'maybe'`).run()).toThrow(/CHECK constraint failed/);
      expect(() => db.prepare(`UPDATE squad_tasks SET priority = 'asap' WHERE id = 't1'`).run()).toThrow(/CHECK constraint failed/);
    } finally {
      db.close();
    }
  });

  it('are rewritten in a database made before, rows kept, once', () => {
    mkdirSync(dir.path, { recursive: true });
    const path = join(dir.path, 'before.db');
    const before = new Database(path);
    migrate(drizzle(before), { migrationsFolder: findMigrationsFolder() });
    before.prepare(`INSERT INTO squad_tasks (id, title, assigned_agent, status) VALUES ('t1', 'Reply', 'Email Agent', 'failed')`).run();
    expect(ephemeralTables(before, ...hotWrites[0]!)).toBe(1);
    before.close();

    const db = openDb(path);
    try {
      expect(ephemeralTables(db, ...hotWrites[0]!)).toBe(0);
      expect(db.prepare(`SELECT status FROM squad_tasks WHERE id = 't1'`).pluck().get()).toBe('failed');
      expect(rewriteInListChecks(db)).toEqual([]);
      // writing sqlite_master is allowed again only through this step
      expect(() => db.prepare(`UPDATE sqlite_master SET sql = sql WHERE name = 'agent_logs'`).run()).toThrow();
    } finally {
      db.close();
    }
  });
});
