/**
 * rate_limit_events: each real execution spends one unit of each limit it touches; usage is the
 * count over a rolling 24 h window. Units are reserved inside the claim transaction (so two
 * executors cannot both take the last one) and released when nothing was sent.
 */
import type { LimitKey } from '../../../shared/domain';
import type { Db } from '../db/open-db';
import { stmt } from '../db/statements';

export const limitWindowMs = 24 * 60 * 60 * 1000;

export interface WindowUsage {
  used: number;
  /** Oldest counted unit; the window has room again 24 h after it. */
  oldestAt: string | null;
}

export function usageInWindow(db: Db, key: LimitKey, now: Date): WindowUsage {
  const since = new Date(now.getTime() - limitWindowMs).toISOString();
  const row = stmt(db, 'SELECT count(*) AS used, min(created_at) AS oldest FROM rate_limit_events WHERE limit_key = ? AND created_at > ?').get(
    key,
    since,
  ) as { used: number; oldest: string | null };
  return { used: row.used, oldestAt: row.oldest };
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
  for (const key of keys) insert.run(key, taskId, executionId, now.toISOString());
}

export function releaseUnits(db: Db, executionId: number): void {
  stmt(db, 'DELETE FROM rate_limit_events WHERE execution_id = ?').run(executionId);
}

/** Old units are never counted again; pruning keeps the table small. */
export function pruneExpiredUnits(db: Db, now: Date): void {
  stmt(db, 'DELETE FROM rate_limit_events WHERE created_at <= ?').run(new Date(now.getTime() - limitWindowMs).toISOString());
}
