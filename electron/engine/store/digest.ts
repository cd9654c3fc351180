/**
 * The daily digest built from the database for one local day (shared/digest.ts). Read-only and
 * deterministic for a given (db, day, time zone, limits, now), so the page, the Today card and
 * the e-mail agree, and tests pin it with a fixed `now`.
 */
import { digestSchema, type Digest, type DigestTask } from '../../../shared/digest';
import { limitKeys, type TaskPriority } from '../../../shared/domain';
import type { DailyLimits } from '../../../shared/settings';
import { localDayRange } from '../../../shared/zoned-time';
import type { Db } from '../db/open-db';
import { stmt } from '../db/statements';
import { usageInWindow } from './rate-limits';
import { awaitingDecisionSql, priorityRankSql } from './tasks';

/** Most items listed per group (the counts stay exact). Default: 50. */
export const digestItemsPerGroup = 50;

interface Row {
  task_id: string;
  title: string;
  agent: string;
  at: string;
  link: string | null;
  note: string | null;
}

const toItem = (row: Row): DigestTask => ({ taskId: row.task_id, title: row.title, agent: row.agent, at: row.at, link: row.link, note: row.note });

function grouped<T extends Row>(rows: T[], key: (row: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const name = key(row);
    groups.set(name, [...(groups.get(name) ?? []), row]);
  }
  return groups;
}

export interface DigestInput {
  day: string;
  timeZone: string;
  dailyLimits: DailyLimits;
  now: Date;
}

export function buildDigest(db: Db, input: DigestInput): Digest {
  const { start, end } = localDayRange(input.day, input.timeZone);
  const range = { from: start.toISOString(), to: end.toISOString() };

  const ranRows = stmt(
    db,
    `SELECT e.task_id, t.title, t.assigned_agent AS agent, e.finished_at AS at, e.external_url AS link, e.external_id AS note, e.channel
     FROM task_executions e JOIN squad_tasks t ON t.id = e.task_id
     WHERE e.dry_run = 0 AND e.state = 'succeeded' AND e.finished_at >= @from AND e.finished_at < @to ORDER BY e.finished_at`,
  ).all(range) as (Row & { channel: string })[];
  const ran = [...grouped(ranRows, (row) => row.channel)].map(([channel, rows]) => ({ channel, count: rows.length, items: rows.slice(0, digestItemsPerGroup).map(toItem) }));

  const dryRuns = (stmt(db, `SELECT count(*) AS n FROM task_executions WHERE dry_run = 1 AND finished_at >= @from AND finished_at < @to`).get(range) as { n: number }).n;

  const failedRows = stmt(
    db,
    `SELECT t.id AS task_id, t.title, t.assigned_agent AS agent, t.updated_at AS at, NULL AS link,
       CASE WHEN t.outcome_unknown = 1 THEN 'Outcome unknown: ' || coalesce(t.execution_error, '') ELSE t.execution_error END AS note,
       (SELECT channel FROM task_executions e WHERE e.task_id = t.id ORDER BY e.id DESC LIMIT 1) AS channel
     FROM squad_tasks t WHERE t.status = 'failed' AND t.updated_at >= @from AND t.updated_at < @to ORDER BY t.updated_at`,
  ).all(range) as (Row & { channel: string | null })[];
  const failed = [...grouped(failedRows, (row) => `${row.agent}${row.channel ? ` / ${row.channel}` : ''}`)].map(([kind, rows]) => ({
    kind,
    agent: rows[0]!.agent,
    channel: rows[0]!.channel,
    count: rows.length,
    items: rows.slice(0, digestItemsPerGroup).map(toItem),
  }));

  const waitingWhere = `(${awaitingDecisionSql}) OR (status = 'new' AND assigned_agent = 'Jarvis')`;
  const waitingTotal = (stmt(db, `SELECT count(*) AS n FROM squad_tasks WHERE ${waitingWhere}`).get() as { n: number }).n;
  const waitingRows = stmt(
    db,
    `SELECT id AS task_id, title, assigned_agent AS agent, created_at AS at, NULL AS link, coalesce(policy_reason, description) AS note, priority
     FROM squad_tasks WHERE ${waitingWhere} ORDER BY ${priorityRankSql}, created_at LIMIT ${digestItemsPerGroup}`,
  ).all() as (Row & { priority: TaskPriority })[];

  const nowIso = input.now.toISOString();
  const held = (stmt(db, `SELECT count(*) AS n FROM squad_tasks WHERE status = 'new' AND not_before > ? AND hold_reason IS NOT NULL`).get(nowIso) as { n: number }).n;

  const asOf = new Date(Math.min(input.now.getTime(), end.getTime()));
  const limits = limitKeys.map((key) => ({ key, used: usageInWindow(db, key, asOf).used, limit: input.dailyLimits[key] }));

  const outcomeUnknown = (
    stmt(
      db,
      `SELECT id AS task_id, title, assigned_agent AS agent, updated_at AS at, deliverable_url AS link, execution_error AS note
       FROM squad_tasks WHERE status = 'failed' AND outcome_unknown = 1 ORDER BY updated_at LIMIT ${digestItemsPerGroup}`,
    ).all() as Row[]
  ).map(toItem);
  const withoutRule = (
    stmt(
      db,
      `SELECT e.task_id, t.title, t.assigned_agent AS agent, e.finished_at AS at, e.external_url AS link, t.policy_reason AS note
       FROM task_executions e JOIN squad_tasks t ON t.id = e.task_id
       WHERE e.dry_run = 0 AND e.state = 'succeeded' AND e.finished_at >= @from AND e.finished_at < @to
         AND t.policy_decision = 'auto_execute' AND t.policy_rule_id IS NULL AND t.approved_at IS NULL
       ORDER BY e.finished_at LIMIT ${digestItemsPerGroup}`,
    ).all(range) as Row[]
  ).map(toItem);

  const delivery = stmt(db, `SELECT status, updated_at AS at, recipient AS "to", error FROM digest_deliveries WHERE day = ?`).get(input.day) as Digest['delivery'] | undefined;

  return digestSchema.parse({
    day: input.day,
    timeZone: input.timeZone,
    ...range,
    generatedAt: nowIso,
    ran,
    dryRuns,
    failed,
    waiting: { total: waitingTotal, items: waitingRows.map((row) => ({ ...toItem(row), priority: row.priority })) },
    held,
    limits,
    flagged: { outcomeUnknown, withoutRule },
    delivery: delivery ?? null,
  });
}
