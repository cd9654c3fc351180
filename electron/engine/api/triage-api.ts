/**
 * Triage beyond approve/reject (issue 14): mark a manual task done, take an approval back within
 * its undo window, snooze a waiting task ("decide later"), what was decided today, and acknowledge
 * every alert at once. Each decision goes into the task's trail and the log, like the others.
 */
import type { MethodInput, MethodOutput } from '../../../shared/contract';
import type { Decision } from '../../../shared/domain';
import { conflict, invalidInput, notFound } from '../errors';
import { parseJsonColumn } from '../db/statements';
import { rowToTask, type TaskRow } from '../store/task-row';
import { awaitingDecisionSql, getTask, isAwaitingDecision, updateTask } from '../store/tasks';
import type { ApiDeps } from './api-deps';

const time = (iso: string) => iso.slice(11, 19);

/** Completes a manual task with the person's note; a task a channel runs is approved instead. */
export function markDone(deps: ApiDeps, input: MethodInput<'tasks:markDone'>): MethodOutput<'tasks:markDone'> {
  const by = input.by ?? deps.operatorName;
  const task = getTask(deps.db, input.id);
  if (!task) throw notFound(`Task ${input.id}`);
  if (deps.registry.hasAgent(task.assignedAgent)) throw conflict(`"${task.title}" is run by the ${task.assignedAgent}'s channel: approve or reject it instead.`);
  if (task.status !== 'new') throw conflict(`"${task.title}" is already ${task.status.replace('_', ' ')}.`);
  return deps.activity.transaction(() => {
    const now = deps.now();
    const updated = updateTask(deps.db, task.id, { status: 'completed', completed_at: now.toISOString(), hold_reason: null, not_before: null, snoozed_until: null }, now, `AND status = 'new'`);
    if (!updated) throw conflict(`"${task.title}" changed just now; look at it again.`);
    deps.activity.decision(task.id, 'done', by, input.note);
    deps.activity.log({ level: 'info', eventType: 'task_marked_done', taskId: task.id, message: `${by} marked "${task.title}" done: ${input.note}` });
    deps.activity.taskChanged(updated);
    return updated;
  });
}

/**
 * Takes back an approval whose undo window is still open (the task has not been claimed: a claim
 * needs not_before to have passed). Compare-and-swap on the window, so a task the executor has
 * started cannot be "undone".
 */
export function undoApproval(deps: ApiDeps, input: MethodInput<'approvals:undo'>): MethodOutput<'approvals:undo'> {
  const by = input.by ?? deps.operatorName;
  const task = getTask(deps.db, input.id);
  if (!task) throw notFound(`Task ${input.id}`);
  const now = deps.now();
  const open = task.status === 'new' && task.approvedAt !== null && task.notBefore !== null && Date.parse(task.notBefore) > now.getTime();
  if (!open) throw conflict(task.approvedAt ? `Too late to undo "${task.title}": its undo window has ended.` : `"${task.title}" is not approved.`);
  return deps.activity.transaction(() => {
    const updated = updateTask(
      deps.db,
      task.id,
      { approved_by: null, approved_at: null, not_before: null, hold_reason: null },
      now,
      `AND status = 'new' AND approved_at IS NOT NULL AND lease_owner IS NULL AND not_before > ?`,
      [now.toISOString()],
    );
    if (!updated) throw conflict(`Too late to undo "${task.title}": it has started.`);
    deps.activity.decision(task.id, 'approval_undone', by, null, { approvedBy: task.approvedBy, approvedAt: task.approvedAt });
    deps.activity.log({ level: 'info', eventType: 'task_approval_undone', taskId: task.id, message: `${by} undid the approval of "${task.title}"; it waits again` });
    deps.activity.taskChanged(updated);
    return updated;
  });
}

/** Puts a waiting task off until `until` (or back now with null); it stays waiting meanwhile. */
export function snooze(deps: ApiDeps, input: MethodInput<'approvals:snooze'>): MethodOutput<'approvals:snooze'> {
  const by = input.by ?? deps.operatorName;
  const task = getTask(deps.db, input.id);
  if (!task) throw notFound(`Task ${input.id}`);
  if (!isAwaitingDecision(task)) throw conflict(`"${task.title}" does not wait for a decision; only waiting tasks can be put off.`);
  const now = deps.now();
  const until = input.until === null ? null : new Date(input.until);
  if (until && until.getTime() <= now.getTime()) throw invalidInput('until: must be in the future');
  return deps.activity.transaction(() => {
    const updated = updateTask(deps.db, task.id, { snoozed_until: until ? until.toISOString() : null }, now, `AND ${awaitingDecisionSql}`);
    if (!updated) throw conflict(`"${task.title}" was decided just now.`);
    deps.activity.decision(task.id, 'snoozed', by, null, { until: updated.snoozedUntil ?? null });
    deps.activity.log({ level: 'info', eventType: until ? 'task_snoozed' : 'task_unsnoozed', taskId: task.id, message: until ? `${by} put "${task.title}" off until ${until.toISOString()}` : `${by} brought "${task.title}" back to the inbox` });
    deps.activity.taskChanged(updated);
    return updated;
  });
}

interface DecidedRow extends TaskRow {
  d_id: number;
  d_kind: string;
  d_actor: string;
  d_reason: string | null;
  d_details: string;
  d_created_at: string;
}

/** Tasks whose latest person-made decision (approved, rejected, cancelled, done) is since `since`. */
export function decidedSince(deps: ApiDeps, input: MethodInput<'approvals:decided'>): MethodOutput<'approvals:decided'> {
  const since = new Date(input.since).toISOString();
  const rows = deps.db
    .prepare(
      `SELECT t.*, d.id AS d_id, d.kind AS d_kind, d.actor AS d_actor, d.reason AS d_reason, d.details AS d_details, d.created_at AS d_created_at
       FROM task_decisions d JOIN squad_tasks t ON t.id = d.task_id
       WHERE d.created_at >= ? AND d.kind IN ('approved', 'rejected', 'cancelled', 'done')
         AND d.id = (SELECT max(x.id) FROM task_decisions x WHERE x.task_id = d.task_id AND x.kind IN ('approved', 'rejected', 'cancelled', 'done', 'approval_undone'))
       ORDER BY d.id DESC LIMIT ?`,
    )
    .all(since, input.limit ?? 200) as DecidedRow[];
  return {
    items: rows.map((row) => ({
      task: rowToTask(row),
      decision: {
        id: row.d_id,
        taskId: row.id,
        kind: row.d_kind as Decision['kind'],
        actor: row.d_actor,
        reason: row.d_reason,
        details: parseJsonColumn<Record<string, unknown>>(row.d_details, {}),
        createdAt: row.d_created_at,
      },
    })),
  };
}

/**
 * The hold an approval with undo gets: not_before and the words "why not running" shows. The
 * window counts from `approvedAt`, the approval's own time (a second clock read could land a
 * millisecond later).
 */
export function undoHold(deps: ApiDeps, undo: boolean | undefined, approvedAt: Date): Record<string, unknown> {
  const seconds = undo ? deps.loadedSettings().settings.approvalUndoSeconds : 0;
  if (seconds <= 0) return { hold_reason: null };
  const until = new Date(approvedAt.getTime() + seconds * 1000).toISOString();
  return { not_before: until, hold_reason: `Approved: sends after ${time(until)} UTC unless undone` };
}

export function acknowledgeAll(deps: ApiDeps, input: MethodInput<'alerts:acknowledgeAll'>): MethodOutput<'alerts:acknowledgeAll'> {
  const by = input.by ?? deps.operatorName;
  const result = deps.db.prepare('UPDATE alerts SET acknowledged_at = ?, acknowledged_by = ? WHERE acknowledged_at IS NULL').run(deps.now().toISOString(), by);
  return { count: result.changes };
}
