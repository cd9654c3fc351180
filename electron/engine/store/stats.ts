/**
 * Dashboard figures: status counts, completion over 24 h and 7 days, hourly and daily series.
 */
import type { ExecutorStatus, Stats } from '../../../shared/contract';
import type { Db } from '../db/open-db';
import { stmt } from '../db/statements';
import { awaitingDecisionSql } from './tasks';

const hourMs = 3_600_000;
const dayMs = 24 * hourMs;

export function statusCounts(db: Db, handledAgents: readonly string[], now: Date): ExecutorStatus['counts'] {
  const since = new Date(now.getTime() - dayMs).toISOString();
  const agents = handledAgents.length ? handledAgents : [''];
  const row = db
    .prepare(
      `SELECT
        (SELECT count(*) FROM squad_tasks WHERE ${awaitingDecisionSql}) AS awaiting,
        (SELECT count(*) FROM squad_tasks WHERE status = 'new' AND NOT (${awaitingDecisionSql}) AND assigned_agent IN (${agents.map(() => '?').join(',')})) AS queued,
        (SELECT count(*) FROM squad_tasks WHERE status = 'in_progress') AS in_progress,
        (SELECT count(*) FROM squad_tasks WHERE status = 'failed' AND updated_at > ?) AS failed24h,
        (SELECT count(*) FROM squad_tasks WHERE completed_at > ?) AS completed24h,
        (SELECT count(*) FROM squad_tasks WHERE status = 'failed' AND outcome_unknown = 1) AS unknown_outcome`,
    )
    .get(...agents, since, since) as Record<string, number>;
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
      (SELECT count(*) FROM squad_tasks WHERE status = 'failed' AND updated_at > @since) AS failed,
      (SELECT count(*) FROM squad_tasks WHERE rejected_at > @since) AS rejected`,
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
     UNION ALL SELECT substr(updated_at, 1, 13), 'failed', count(*) FROM squad_tasks WHERE status = 'failed' AND updated_at > @since GROUP BY 1
     UNION ALL SELECT substr(rejected_at, 1, 13), 'rejected', count(*) FROM squad_tasks WHERE rejected_at > @since GROUP BY 1`,
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
