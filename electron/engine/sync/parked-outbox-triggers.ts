/**
 * The outbox triggers on the executor's own writes exist only once sync is on.
 *
 * Every task update and log line runs the outbox trigger's program, even when its WHEN clause finds
 * the outbox off: SQLite allocates and clears the program's frame (sized for the trigger's whole
 * body, the JSON of every changed column) before it looks at the WHEN. Without sync that was 13 %
 * of the instructions of a dry-run task, for nothing. So on a database whose outbox was never
 * enabled, the three triggers on those writes are parked: their SQL is kept in sync_state and they
 * are dropped. Enabling the outbox (local-state.ts `enableOutbox`) creates them again in the same
 * transaction that turns it on, before any write can miss them; the outbox stays on after that.
 *
 * The migrations stay the source of the triggers' SQL: one that recreates a trigger (or a fresh
 * database) has it parked again, with its new SQL, the next time the database is opened. A
 * migration that drops one of them must say `DROP TRIGGER IF EXISTS`.
 */
import type { Db } from '../db/open-db';
import { getSyncState, setSyncState } from './sync-state';

/** The triggers on squad_tasks and agent_logs writes, which the executor makes for every task. */
export const parkableOutboxTriggers = ['sync_outbox_task_insert', 'sync_outbox_task_update', 'sync_outbox_log_insert'] as const;

const parkedKey = (trigger: string) => `parked_trigger:${trigger}`;

/** Drops the executor's outbox triggers while the outbox was never enabled, keeping their SQL. Returns the triggers parked now. */
export function parkOutboxTriggers(db: Db): string[] {
  return db.transaction(() => {
    if (getSyncState(db, 'outbox_enabled') === '1') return [];
    const present = db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name = ?`);
    const parked: string[] = [];
    for (const name of parkableOutboxTriggers) {
      const trigger = present.get(name) as { name: string; sql: string } | undefined;
      if (!trigger) continue;
      setSyncState(db, parkedKey(name), trigger.sql);
      db.exec(`DROP TRIGGER "${name}"`);
      parked.push(name);
    }
    return parked;
  })();
}

/** Creates the parked triggers again (inside the caller's transaction, before the outbox is turned on). */
export function unparkOutboxTriggers(db: Db): string[] {
  const restored: string[] = [];
  for (const name of parkableOutboxTriggers) {
    const sql = getSyncState(db, parkedKey(name));
    if (sql === null) continue;
    const exists = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'trigger' AND name = ?`).get(name);
    if (!exists) db.exec(sql);
    db.prepare('DELETE FROM sync_state WHERE key = ?').run(parkedKey(name));
    restored.push(name);
  }
  return restored;
}
