/**
 * rate_limit_events: each real execution spends one unit of each limit it touches; usage is the
 * count over a rolling 24 h window. Units are reserved inside the claim transaction (so two
 * executors cannot both take the last one) and released when nothing was sent.
 */
import type { LimitKey } from '../../../shared/domain';
import type { Db } from '../db/open-db';
import { stmt } from '../db/statements';
import { isoTime } from './iso-time';

export const limitWindowMs = 24 * 60 * 60 * 1000;

export interface WindowUsage {
  used: number;
  /** Oldest counted unit; the window has room again 24 h after it. */
  oldestAt: string | null;
}

/** Units of a key added since the last count: a rowid range (exported for its query-plan test). */
export const unitsSinceSql = 'SELECT count(*) AS used, min(created_at) AS oldest, max(id) AS through FROM rate_limit_events WHERE id > ? AND +limit_key = ? AND +created_at > ?';

interface CountedUsage extends WindowUsage {
  /** Rows with a larger id are not counted yet. */
  throughId: number;
  /** PRAGMA data_version when counted: it changes only when another connection commits. */
  dataVersion: number;
}

const counted = new WeakMap<Db, Map<LimitKey, CountedUsage>>();

/**
 * Units of `key` spent in the 24 h window before `now`. Counting the window is linear in the units
 * in it, and every claim asks, so a busy day made each claim slower than the last. The count is
 * kept per connection and brought up to date by counting only rows added since (ids only grow:
 * AUTOINCREMENT); it is counted afresh when another connection has written (data_version), when
 * this one deleted units (release, prune), or when its oldest unit has left the window.
 */
export function usageInWindow(db: Db, key: LimitKey, now: Date): WindowUsage {
  const since = new Date(now.getTime() - limitWindowMs).toISOString();
  // pluck and raw rows: building a row object (one named property at a time) cost more than these queries.
  const dataVersion = stmt(db, 'PRAGMA data_version').pluck().get() as number;
  let byKey = counted.get(db);
  if (!byKey) counted.set(db, (byKey = new Map()));
  const known = byKey.get(key);
  const current = known && known.dataVersion === dataVersion && (known.oldestAt === null || known.oldestAt > since) ? known : null;
  // Afresh: the (limit_key, created_at) index. Since the last count: the rowid range of new rows
  // (the unary + keeps the planner off the index, which would walk the whole window again).
  const [used, oldest, through] = (
    current
      ? stmt(db, unitsSinceSql).raw(true).get(current.throughId, key, since)
      : stmt(db, 'SELECT count(*) AS used, min(created_at) AS oldest, max(id) AS through FROM rate_limit_events WHERE limit_key = ? AND created_at > ?').raw(true).get(key, since)
  ) as [number, string | null, number | null];
  const oldestAt = current?.oldestAt ?? oldest;
  const usage: CountedUsage = {
    used: (current?.used ?? 0) + used,
    oldestAt: oldestAt !== null && oldest !== null && oldest < oldestAt ? oldest : oldestAt,
    throughId: Math.max(current?.throughId ?? 0, through ?? 0),
    dataVersion,
  };
  byKey.set(key, usage);
  return { used: usage.used, oldestAt: usage.oldestAt };
}

/** Deleting units (or a transaction that may roll back a delete) makes the kept counts stale. */
function forgetCounts(db: Db): void {
  counted.get(db)?.clear();
}

/** When the `excess`-th oldest unit leaves the window: the earliest time one more unit fits. */
export function nextFreeAt(db: Db, key: LimitKey, now: Date, limit: number): string | null {
  const since = new Date(now.getTime() - limitWindowMs).toISOString();
  const { used } = usageInWindow(db, key, now);
  const excess = used - limit; // units that must expire before one more fits, minus one
  const row = stmt(db, 'SELECT created_at FROM rate_limit_events WHERE limit_key = ? AND created_at > ? ORDER BY created_at LIMIT 1 OFFSET ?').get(
    key,
    since,
    Math.max(0, excess),
  ) as { created_at: string } | undefined;
  return row ? new Date(Date.parse(row.created_at) + limitWindowMs).toISOString() : null;
}

export function reserveUnits(db: Db, keys: readonly LimitKey[], taskId: string, executionId: number | null, now: Date): void {
  const insert = stmt(db, 'INSERT INTO rate_limit_events (limit_key, task_id, execution_id, created_at) VALUES (?, ?, ?, ?)');
  for (const key of keys) insert.run(key, taskId, executionId, isoTime(now));
}

export function releaseUnits(db: Db, executionId: number): void {
  forgetCounts(db);
  stmt(db, 'DELETE FROM rate_limit_events WHERE execution_id = ?').run(executionId);
}

/** Old units are never counted again; pruning keeps the table small. */
export function pruneExpiredUnits(db: Db, now: Date): void {
  forgetCounts(db);
  stmt(db, 'DELETE FROM rate_limit_events WHERE created_at <= ?').run(new Date(now.getTime() - limitWindowMs).toISOString());
}
