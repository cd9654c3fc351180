/**
 * The sync's own local tables (drizzle/schema.ts: sync_outbox, sync_state, sync_tasks): cursors,
 * the outbox switch, and the "applying a remote change" flag that keeps pulls out of the outbox.
 */
import type { Db } from '../db/open-db';
import { stmt } from '../db/statements';
import { unparkOutboxTriggers } from './parked-outbox-triggers';
import { getSyncState, setSyncState } from './sync-state';
import { cloudTaskColumns } from './task-columns';

/**
 * Turns the outbox triggers on (they stay on: a desktop that synced once keeps queueing while
 * offline). The first time, queues every task created locally before sync was enabled, so the
 * cloud sees them too. Returns how many were queued.
 */
export function enableOutbox(db: Db): number {
  return db.transaction(() => {
    if (getSyncState(db, 'outbox_enabled') === '1') return 0;
    // First, so that no write of this transaction or after it goes unqueued.
    unparkOutboxTriggers(db);
    const snapshot = ['created_at', ...cloudTaskColumns].map((c) => `'${c}', "${c}"`).join(', ');
    const queued = db
      .prepare(
        `INSERT INTO sync_outbox (entity, entity_id, op, changed, payload)
         SELECT 'task', id, 'insert', '[]', json_object(${snapshot}) FROM squad_tasks
         WHERE origin = 'local' ORDER BY created_at, id`,
      )
      .run().changes;
    setSyncState(db, 'outbox_enabled', '1');
    return queued;
  })();
}

/**
 * Runs `apply` in one transaction with the outbox triggers muted: rows written here came from
 * the remote and must not be pushed back. Other connections never see the flag set (it is
 * written and cleared inside the same transaction).
 */
export function applyingRemote<T>(db: Db, apply: () => T): T {
  return db.transaction(() => {
    setSyncState(db, 'applying_remote', '1');
    try {
      return apply();
    } finally {
      setSyncState(db, 'applying_remote', '0');
    }
  })();
}

export interface OutboxRow {
  id: number;
  /** task, log, alert, config, or a content table (email_logs, social_posts, ...: write-backs). */
  entity: 'task' | 'log' | 'alert' | 'config' | 'message' | import('../channels/types').ContentTable;
  entity_id: string;
  op: 'insert' | 'update' | 'upsert';
  changed: string;
  payload: string;
  attempts: number;
}

export function pendingOutbox(db: Db, limit: number): OutboxRow[] {
  return db
    .prepare(`SELECT id, entity, entity_id, op, changed, payload, attempts FROM sync_outbox WHERE state = 'pending' ORDER BY id LIMIT ?`)
    .all(limit) as OutboxRow[];
}

/** Queue length for the dashboard: pending changes, and dead ones the remote refused. */
export function outboxCounts(db: Db): { queued: number; dead: number } {
  const row = db
    .prepare(`SELECT coalesce(sum(state = 'pending'), 0) AS queued, coalesce(sum(state = 'dead'), 0) AS dead FROM sync_outbox`)
    .get() as { queued: number; dead: number };
  return { queued: row.queued, dead: row.dead };
}

/** Columns of a task with local changes still waiting to be pushed (the pull must not overwrite them). */
export function pendingTaskColumns(db: Db, taskId: string): Set<string> {
  const rows = db
    .prepare(`SELECT op, changed FROM sync_outbox WHERE entity = 'task' AND entity_id = ? AND state = 'pending'`)
    .all(taskId) as { op: string; changed: string }[];
  const columns = new Set<string>();
  for (const row of rows) {
    if (row.op === 'insert') return new Set(cloudTaskColumns);
    for (const column of JSON.parse(row.changed) as string[]) columns.add(column);
  }
  return columns;
}

export function hasPendingConfig(db: Db, key: string): boolean {
  return !!stmt(db, `SELECT 1 FROM sync_outbox WHERE entity = 'config' AND entity_id = ? AND state = 'pending' LIMIT 1`).get(key);
}

/** Removes pushed rows and marks refused ones dead, in one transaction. */
export function settleOutbox(db: Db, done: number[], dead: { id: number; error: string }[]): void {
  db.transaction(() => {
    const remove = stmt(db, 'DELETE FROM sync_outbox WHERE id = ?');
    for (const id of done) remove.run(id);
    const kill = stmt(db, `UPDATE sync_outbox SET state = 'dead', attempts = attempts + 1, last_error = ? WHERE id = ?`);
    for (const row of dead) kill.run(row.error, row.id);
  })();
}

/** Records a failed attempt (connection lost) without giving up on the row. */
export function noteOutboxFailure(db: Db, ids: number[], error: string): void {
  const note = stmt(db, 'UPDATE sync_outbox SET attempts = attempts + 1, last_error = ? WHERE id = ?');
  db.transaction(() => {
    for (const id of ids) note.run(error, id);
  })();
}
