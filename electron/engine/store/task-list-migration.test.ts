import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { findMigrationsFolder, openDb } from '../db/open-db';
import { tempDir } from '../test-support/engine-fixture';
import { expectListsMatchLedger, verdictMismatches } from '../test-support/ledger-verdict';
import { seedLedger, seededAgents } from '../test-support/long-history';
import { listTasks } from './task-list';

let dir: ReturnType<typeof tempDir>;
afterEach(() => dir.cleanup());

/** A database as the app left it before migration 0019: 1,200 finished tasks with their ledger rows. */
function databaseBefore0019(): string {
  dir = tempDir('mc-0019-');
  const folder = join(dir.path, 'migrations');
  cpSync(findMigrationsFolder(), folder, { recursive: true });
  const journalPath = join(folder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((entry) => entry.idx < 19);
  writeFileSync(journalPath, JSON.stringify(journal));
  const file = join(dir.path, 'old.db');
  const old = openDb(file, { migrationsFolder: folder });
  const insert = old.prepare(
    `INSERT INTO squad_tasks (id, title, status, assigned_agent, priority, created_at, updated_at, completed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const statuses = ['completed', 'completed', 'completed', 'failed', 'rejected'];
  old.transaction(() => {
    for (let i = 0; i < 1200; i++) {
      const at = new Date(Date.UTC(2026, 10, 1) + i * 60_000).toISOString();
      const status = statuses[i % statuses.length]!;
      insert.run(`t-${i}`, `Task ${i}`, status, seededAgents[i % seededAgents.length], ['urgent', 'high', 'medium', 'low'][i % 4], at, at, status === 'completed' ? at : null);
    }
  })();
  old.close();
  seedLedger(file);
  // Histories the seed does not make: a live run after a dry run, a dry run after a live one, rows
  // written before verdicts existed, an unfinished dry-run row, a result that is not JSON.
  const raw = new Database(file);
  const row = raw.prepare(
    `INSERT INTO task_executions (task_id, attempt, idempotency_key, channel, dry_run, state, result, executor_id) VALUES (?, ?, ? || ':' || ?, 'gmail', ?, ?, ?, 'test')`,
  );
  const add = (id: string, dryRun: number, state: string, result: string | null) => {
    const { n } = raw.prepare('SELECT coalesce(max(attempt), 0) + 1 AS n FROM task_executions WHERE task_id = ?').get(id) as { n: number };
    row.run(id, n, id, n, dryRun, state, result);
  };
  add('t-0', 1, 'succeeded', '{"dryRun":true,"verdict":"would_fail","reason":"bad address"}');
  add('t-0', 0, 'succeeded', '{}');
  add('t-1', 0, 'failed', null);
  add('t-1', 1, 'succeeded', '{"dryRun":true,"verdict":"would_be_held","reason":"limit"}');
  add('t-2', 1, 'succeeded', '{"wouldFail":"over the limit"}');
  add('t-5', 1, 'succeeded', '{"dryRun":true}');
  add('t-6', 1, 'intent', null);
  add('t-7', 1, 'succeeded', 'not json');
  raw.close();
  return file;
}

describe('migration 0019: the dry-run verdict on the task, indexes in list order', () => {
  it('backfills every verdict from the latest ledger row, leaves updated_at alone and the lists unchanged', () => {
    const file = databaseBefore0019();
    const raw = new Database(file, { readonly: true });
    const updatedBefore = raw.prepare('SELECT id, updated_at FROM squad_tasks ORDER BY id').all();
    raw.close();

    const db = openDb(file);
    try {
      expect(db.prepare('SELECT id, updated_at FROM squad_tasks ORDER BY id').all()).toEqual(updatedBefore);
      // t-7's result is not JSON: no verdict (the old list query failed on it), the rest as the ledger says.
      expect(verdictMismatches(db, ['t-7'])).toEqual([]);
      const verdictOf = (id: string) => (db.prepare('SELECT dry_run_verdict AS v FROM squad_tasks WHERE id = ?').get(id) as { v: string | null }).v;
      expect(['t-0', 't-1', 't-2', 't-5', 't-6', 't-7'].map(verdictOf)).toEqual([null, 'would_be_held', 'would_fail', 'would_run', null, null]);
      const counts = db.prepare('SELECT dry_run_verdict AS v, count(*) AS n FROM squad_tasks GROUP BY v ORDER BY v').all();
      expect(counts.length).toBe(5); // null and the four verdicts, from the seed's dry runs

      db.prepare("DELETE FROM task_executions WHERE task_id = 't-7'").run();
      expectListsMatchLedger(db, seededAgents);
    } finally {
      db.close();
    }
  });

  it('swaps the indexes and keeps the touch trigger', () => {
    const db = openDb(databaseBefore0019());
    try {
      const indexes = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'squad_tasks'`).all() as { name: string }[]).map((row) => row.name);
      expect(indexes).toEqual(
        expect.arrayContaining(['idx_tasks_dry_run_problem', 'idx_tasks_status_updated', 'idx_tasks_agent_priority_order', 'idx_tasks_ran_without_rule', 'idx_tasks_awaiting']),
      );
      for (const gone of ['idx_tasks_failed_recent', 'idx_tasks_agent', 'idx_tasks_approval_queue']) expect(indexes).not.toContain(gone);
      // An UPDATE that does not set updated_at (a person in a SQLite client) still bumps it.
      const before = (db.prepare("SELECT updated_at FROM squad_tasks WHERE id = 't-3'").get() as { updated_at: string }).updated_at;
      db.prepare("UPDATE squad_tasks SET title = 'Edited in a SQLite client' WHERE id = 't-3'").run();
      expect((db.prepare("SELECT updated_at FROM squad_tasks WHERE id = 't-3'").get() as { updated_at: string }).updated_at > before).toBe(true);
      // The lists the indexes serve still answer (the queue's agent filter, waiting tasks).
      const agent = listTasks(db, { agent: ['Email Agent'], sort: 'priority', direction: 'asc', offset: 0, limit: 5 }, seededAgents);
      expect(agent.total).toBe((db.prepare("SELECT count(*) AS n FROM squad_tasks NOT INDEXED WHERE assigned_agent = 'Email Agent'").get() as { n: number }).n);
      const waiting = listTasks(db, { awaitingApproval: true, sort: 'priority', direction: 'asc', offset: 0, limit: 5 }, seededAgents);
      expect(waiting.total).toBe(400);
    } finally {
      db.close();
    }
  });
});
