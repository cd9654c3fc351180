/**
 * The calendar and the digest (issue 15): calendar:list, tasks:reschedule (a recorded decision),
 * digest:get, and tasks:resolveFailed (the digest's "retry all" / "drop all").
 */
import type { MethodInput, MethodOutput } from '../../../shared/contract';
import type { Task } from '../../../shared/domain';
import { localDate } from '../../../shared/zoned-time';
import { conflict, invalidInput, notFound } from '../errors';
import { calendarItems } from '../store/calendar';
import { buildDigest } from '../store/digest';
import { getTask, updateTask } from '../store/tasks';
import type { ApiDeps } from './api-deps';
import { requeue } from './tasks-api';

const yearMs = 366 * 86_400_000;

export function listCalendar(deps: ApiDeps, input: MethodInput<'calendar:list'>): MethodOutput<'calendar:list'> {
  const from = new Date(input.from);
  const to = new Date(from.getTime() + (input.days ?? 7) * 86_400_000);
  const channelOf = (id: string) => {
    const task = getTask(deps.db, id);
    return task ? (deps.registry.find(task)?.id ?? null) : null;
  };
  return { timeZone: deps.loadedSettings().settings.timeZone, items: calendarItems(deps.db, from, to, channelOf) };
}

export function reschedule(deps: ApiDeps, input: MethodInput<'tasks:reschedule'>): MethodOutput<'tasks:reschedule'> {
  const by = input.by ?? deps.operatorName;
  const now = deps.now();
  const at = new Date(input.at);
  if (at.getTime() < now.getTime() - 60_000) throw invalidInput(`at: ${input.at} is in the past; pick a time from now on`);
  if (at.getTime() > now.getTime() + yearMs) throw invalidInput(`at: ${input.at} is more than a year ahead`);
  const task = getTask(deps.db, input.id);
  if (!task) throw notFound(`Task ${input.id}`);
  if (task.status !== 'new' || task.rejectedAt) throw conflict(`"${task.title}" is ${task.status.replace('_', ' ')}; only a waiting task can be moved.`);
  const handler = deps.registry.find(task);
  const iso = at.toISOString();
  const previous = task.notBefore ?? (typeof task.metadata.scheduled_for === 'string' ? task.metadata.scheduled_for : null);
  // Channels that read scheduled_for keep it in step; others are only held (their payload knows no time).
  const usesScheduledFor = Boolean(handler?.notBefore) || typeof task.metadata.scheduled_for === 'string';
  const changes: Record<string, unknown> = { not_before: iso, hold_reason: `Scheduled for ${iso}` };
  if (usesScheduledFor) changes.metadata = JSON.stringify({ ...task.metadata, scheduled_for: iso });
  return deps.activity.transaction(() => {
    const updated = updateTask(deps.db, task.id, changes, now, `AND status = 'new' AND updated_at = ?`, [task.updatedAt]);
    if (!updated) throw conflict(`"${task.title}" changed just now; try again.`);
    deps.activity.decision(task.id, 'rescheduled', by, input.reason ?? null, { from: previous, to: iso, scheduled_for_set: usesScheduledFor });
    deps.activity.log({ level: 'info', eventType: 'task_rescheduled', taskId: task.id, message: `${by} moved "${task.title}" to ${iso}`, context: { from: previous, to: iso } });
    deps.activity.taskChanged(updated);
    return updated;
  });
}

export function getDigest(deps: ApiDeps, input: MethodInput<'digest:get'>): MethodOutput<'digest:get'> {
  const { settings } = deps.loadedSettings();
  const now = deps.now();
  return buildDigest(deps.db, { day: input.day ?? localDate(now, settings.timeZone), timeZone: settings.timeZone, dailyLimits: settings.dailyLimits, now });
}

export function resolveFailed(deps: ApiDeps, input: MethodInput<'tasks:resolveFailed'>): MethodOutput<'tasks:resolveFailed'> {
  const by = input.by ?? deps.operatorName;
  const results = [...new Set(input.ids)].map((id) => {
    try {
      const task = input.action === 'retry' ? requeue(deps, { id, by, reason: input.reason ?? 'Retried from the daily digest' }) : drop(deps, id, by, input.reason);
      return { id, ok: true, error: null, task };
    } catch (error) {
      return { id, ok: false, error: error instanceof Error ? error.message : String(error), task: null };
    }
  });
  return { results };
}

function drop(deps: ApiDeps, id: string, by: string, reason: string | undefined): Task {
  const task = getTask(deps.db, id);
  if (!task) throw notFound(`Task ${id}`);
  if (task.status !== 'failed') throw conflict(`"${task.title}" is ${task.status.replace('_', ' ')}, not failed; left alone.`);
  return deps.activity.transaction(() => {
    const now = deps.now();
    const why = `Dropped after failing${reason ? `: ${reason}` : ''}`;
    const updated = updateTask(deps.db, id, { status: 'rejected', rejected_by: by, rejected_at: now.toISOString(), rejection_reason: why, hold_reason: null, not_before: null }, now, `AND status = 'failed'`);
    if (!updated) throw conflict(`"${task.title}" changed just now; left alone.`);
    deps.activity.decision(id, 'cancelled', by, reason ?? null, { dropped_from: 'failed', previous_error: task.executionError });
    deps.activity.log({ level: 'info', eventType: 'task_dropped', taskId: id, message: `${by} dropped failed task "${task.title}"` });
    deps.activity.taskChanged(updated);
    return updated;
  });
}
