/**
 * The calendar's rows: waiting tasks (status new, not rejected) with a time — a `scheduled_for` in
 * their metadata, or a hold until `not_before` (send window, retry backoff, limit deferral).
 */
import type { CalendarItem } from '../../../shared/calendar';
import type { TaskPriority } from '../../../shared/domain';
import type { Db } from '../db/open-db';
import { stmt } from '../db/statements';
import { awaitingDecisionSql } from './tasks';
import { windowHoldPrefix } from './window-holds';

interface Row {
  id: string;
  title: string;
  assigned_agent: string;
  priority: TaskPriority;
  not_before: string | null;
  scheduled_for: string | null;
  hold_reason: string | null;
  awaiting: number;
}

const isoOrNull = (value: string | null): string | null => {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
};

/** Items in [from, to), ordered by time. `channelOf` names the channel that takes a task's agent. */
export function calendarItems(db: Db, from: Date, to: Date, channelOf: (taskId: string) => string | null): CalendarItem[] {
  // scheduled_for is free text from agents: compared after normalising in JS, pre-filtered loosely in SQL.
  const rows = stmt(
    db,
    `SELECT id, title, assigned_agent, priority, not_before, hold_reason,
       CASE WHEN json_valid(metadata) THEN json_extract(metadata, '$.scheduled_for') END AS scheduled_for,
       (${awaitingDecisionSql}) AS awaiting
     FROM squad_tasks
     WHERE status = 'new' AND rejected_at IS NULL
       AND (not_before IS NOT NULL OR (json_valid(metadata) AND json_type(metadata, '$.scheduled_for') = 'text'))`,
  ).all() as Row[];
  const items: CalendarItem[] = [];
  for (const row of rows) {
    const scheduled = isoOrNull(row.scheduled_for);
    const at = row.not_before ?? scheduled;
    if (!at || at < from.toISOString() || at >= to.toISOString()) continue;
    const reason = row.hold_reason;
    const kind: CalendarItem['kind'] = reason?.startsWith(windowHoldPrefix)
      ? 'window'
      : reason?.startsWith('Retry at')
        ? 'retry'
        : scheduled && (!row.not_before || row.not_before === scheduled)
          ? 'scheduled'
          : 'held';
    items.push({ taskId: row.id, title: row.title, agent: row.assigned_agent, priority: row.priority, channel: channelOf(row.id), kind, at, holdReason: reason, awaitingApproval: row.awaiting === 1 });
  }
  return items.sort((a, b) => a.at.localeCompare(b.at) || a.title.localeCompare(b.title));
}
