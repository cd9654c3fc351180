/**
 * Dashboard figures: status counts, completion over 24 h and 7 days, hourly and daily series.
 */
import type { ExecutorStatus, Stats } from '../../../shared/contract';
import type { Db } from '../db/open-db';
import { stmt } from '../db/statements';
import { awaitingDecisionSql } from './tasks';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

/** How long time alone may age the 24-hour counts before they are recounted: 10 s. */
const countsMaxAgeMs = 10_000;

interface CountsMemo {
  key: string;
  counts: ExecutorStatus['counts'];
}
const memos = new WeakMap<Db, CountsMemo>();

/**
 * The status counts, recounted only when the database changed: every page load and event stream
 * asks for them (status:get), and with 100,000 tasks the failed-task counts visit every failed
 * row, which blocked the server for hundreds of ms while the dashboard's first page waited
 * behind them. `total_changes()` sees this connection's writes, `data_version` other
 * connections' (the CLI, another process); a 10 s bucket lets the 24-hour window move.
 */
export function statusCounts(db: Db, handledAgents: readonly string[], now: Date): ExecutorStatus['counts'] {
  const { version, changes } = db.prepare('SELECT total_changes() AS changes, (SELECT data_version FROM pragma_data_version) AS version').get() as { version: number; changes: number };
  const key = `${version}:${changes}:${Math.floor(now.getTime() / countsMaxAgeMs)}:${handledAgents.join('\n')}`;
  const memo = memos.get(db);
  if (memo?.key === key) return { ...memo.counts };
  const counts = countStatuses(db, handledAgents, now);
  memos.set(db, { key, counts });
  return { ...counts };
}

function countStatuses(db: Db, handledAgents: readonly string[], now: Date): ExecutorStatus['counts'] {
  const since = new Date(now.getTime() - dayMs).toISOString();
  const agents = handledAgents.length ? handledAgents : [''];
  // The failed counts read failed tasks by time (idx_tasks_status_updated, migration 0019) and the
  // flagged tasks' partial index (0018), named because without statistics the planner prefers the
  // status index and visits every failed task.
  const row = db
    .prepare(
      `SELECT
        (SELECT count(*) FROM squad_tasks WHERE ${awaitingDecisionSql}) AS awaiting,
        (SELECT count(*) FROM squad_tasks WHERE status = 'new' AND NOT (${awaitingDecisionSql}) AND assigned_agent IN (${agents.map(() => '?').join(',')})) AS queued,
        (SELECT count(*) FROM squad_tasks WHERE status = 'in_progress') AS in_progress,
        (SELECT count(*) FROM squad_tasks WHERE completed_at > ?) AS completed24h,
        (SELECT count(*) FROM squad_tasks INDEXED BY idx_tasks_status_updated WHERE status = 'failed' AND updated_at > ?) AS failed24h,
        (SELECT count(*) FROM squad_tasks INDEXED BY idx_tasks_outcome_unknown WHERE outcome_unknown = 1 AND status = 'failed') AS unknown_outcome`,
    )
    .get(...agents, since, since) as Record<string, number | null>;
  return {
    awaitingApproval: row.awaiting ?? 0,
    queued: row.queued ?? 0,
    inProgress: row.in_progress ?? 0,
    failed24h: row.failed24h ?? 0,
    completed24h: row.completed24h ?? 0,
    outcomeUnknown: row.unknown_outcome ?? 0,
  };
}

function windowCounts(db: Db, since: string): Stats['window24h'] {
  const row = stmt(
    db,
    `SELECT
      (SELECT count(*) FROM squad_tasks WHERE completed_at > @since) AS completed,
      (SELECT count(*) FROM squad_tasks INDEXED BY idx_tasks_status_updated WHERE status = 'failed' AND updated_at > @since) AS failed,
      (SELECT count(*) FROM squad_tasks INDEXED BY idx_tasks_rejected WHERE rejected_at > @since) AS rejected`,
  ).get({ since }) as { completed: number; failed: number; rejected: number };
  const finished = row.completed + row.failed;
  return { ...row, completionRate: finished === 0 ? null : Math.round((row.completed / finished) * 1000) / 1000 };
}

export function completionStats(db: Db, now: Date): Stats {
  const day = new Date(now.getTime() - dayMs).toISOString();
  const week = new Date(now.getTime() - 7 * dayMs).toISOString();
  const hourly = new Map<string, { completed: number; failed: number }>();
  for (let i = 23; i >= 0; i--) hourly.set(new Date(now.getTime() - i * hourMs).toISOString().slice(0, 13), { completed: 0, failed: 0 });
  const daily = new Map<string, { completed: number; failed: number; rejected: number }>();
  for (let i = 6; i >= 0; i--) daily.set(new Date(now.getTime() - i * dayMs).toISOString().slice(0, 10), { completed: 0, failed: 0, rejected: 0 });
  const buckets = stmt(
    db,
    `SELECT substr(completed_at, 1, 13) AS hour, 'completed' AS kind, count(*) AS n FROM squad_tasks WHERE completed_at > @since GROUP BY hour
     UNION ALL SELECT substr(updated_at, 1, 13), 'failed', count(*) FROM squad_tasks INDEXED BY idx_tasks_status_updated WHERE status = 'failed' AND updated_at > @since GROUP BY 1
     UNION ALL SELECT substr(rejected_at, 1, 13), 'rejected', count(*) FROM squad_tasks INDEXED BY idx_tasks_rejected WHERE rejected_at > @since GROUP BY 1`,
  ).all({ since: week }) as { hour: string; kind: 'completed' | 'failed' | 'rejected'; n: number }[];
  for (const bucket of buckets) {
    const dayPoint = daily.get(bucket.hour.slice(0, 10));
    if (dayPoint) dayPoint[bucket.kind] += bucket.n;
    const hourPoint = hourly.get(bucket.hour);
    if (hourPoint && bucket.kind !== 'rejected') hourPoint[bucket.kind] += bucket.n;
  }
  return {
    window24h: windowCounts(db, day),
    window7d: windowCounts(db, week),
    hourly: [...hourly].map(([hour, counts]) => ({ hour: `${hour}:00:00.000Z`, ...counts })),
    daily: [...daily].map(([dayKey, counts]) => ({ day: dayKey, ...counts })),
  };
}
