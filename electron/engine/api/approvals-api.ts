/**
 * Approve, reject (with a reason), edit-then-approve and bulk decisions. Only a task awaiting a
 * decision can be decided (the cloud never checked; defect 6). Approve keeps requires_approval=true
 * and records approved_by/approved_at; every decision goes into the task's trail.
 */
import type { MethodInput, MethodOutput, TaskEdits } from '../../../shared/contract';
import type { Task } from '../../../shared/domain';
import { editChanges, editDiffRecord } from '../../../shared/edit-diff';
import { channelProblem } from '../channels/connection/channel-state';
import { parsePayload } from '../channels/payload';
import { conflict, invalidInput, notFound } from '../errors';
import { withWriteLock } from '../db/write-lock';
import { withContent } from '../store/content';
import { rowToTask, type TaskRow } from '../store/task-row';
import { awaitingDecisionSql, getTask, isAwaitingDecision, priorityRankSql, updateTask } from '../store/tasks';
import type { ApiDeps } from './api-deps';
import { latestEdits, recordEdit } from './approval-edits';
import { loadPreviewForTask, previewForTask } from './preview-for-task';
import { recordFeedback, withoutFeedbackKey } from './owner-feedback';
import { duplicateInfo } from './duplicate-info';
import { clearDuplicate, getFingerprint, saveFingerprint } from '../store/fingerprints';
import { fingerprintTask } from '../executor/duplicate-check';
import { undoHold } from './triage-api';

const awaitingWhere = `AND ${awaitingDecisionSql}`;

function describeState(task: Task): string {
  if (task.status === 'new' && task.approvedAt) return `already approved by ${task.approvedBy ?? 'someone'}`;
  if (task.status === 'new') return 'not waiting for approval (the policy lets it run by itself)';
  return `${task.status.replace('_', ' ')}`;
}

function awaitingTask(deps: ApiDeps, id: string, verb: string): Task {
  deps.decidePending();
  const task = getTask(deps.db, id);
  if (!task) throw notFound(`Task ${id}`);
  if (!isAwaitingDecision(task)) throw conflict(`Cannot ${verb} "${task.title}": it is ${describeState(task)}.`, { status: task.status });
  return task;
}

/** Checks edits against the channel's payload schema; answers the task columns to update. */
export function validateEdits(deps: ApiDeps, task: Task, edits: TaskEdits): Record<string, unknown> {
  // The edit is checked against the rows it references, as the executor will run it.
  const edited = withContent(deps.db, { ...task, ...edits, metadata: edits.metadata ?? task.metadata });
  const handler = deps.registry.find(edited);
  if (handler) {
    const parsed = parsePayload(handler.payloadSchema, edited);
    if (!parsed.ok) throw invalidInput(`The edit is not valid for ${handler.name}: ${parsed.error}`);
  }
  const changes: Record<string, unknown> = {};
  if (edits.title !== undefined) changes.title = edits.title;
  if (edits.description !== undefined) changes.description = edits.description;
  if (edits.metadata !== undefined) changes.metadata = JSON.stringify(edits.metadata);
  return changes;
}

/** What the edit changed, field by field (metadata keys as `metadata.<key>`): kept in the trail. */
export function editDiff(before: Task, after: Task): Record<string, { before: unknown; after: unknown }> {
  return editDiffRecord(editChanges(before, after));
}

/**
 * Refuses approval of a task that cannot run as it stands (seen 5): its preview failed (invalid
 * payload, a missing referenced row) or lists blocking `problems` (a duplicate SEO keyword, a
 * value over a limit, a change beyond an Ads cap). The provider is read fresh, not from the
 * inbox's cache: the shop may have changed since. In dry run nothing goes out, so such a task may
 * still be approved and its dry run records "would fail" (the quick-start guide's Test 3).
 */
async function refuseBlocked(deps: ApiDeps, plain: Task): Promise<void> {
  if (deps.loadedSettings().settings.dryRun) return;
  const task = withContent(deps.db, plain);
  const handler = deps.registry.find(task);
  const local = previewForTask(deps.registry, task);
  if (local.channel && local.previewError) throw conflict(`Cannot approve "${task.title}": ${local.previewError}. Fix it (Edit) first.`, { problem: local.previewError });
  let problems = local.preview?.problems ?? [];
  if (handler?.loadPreview && local.preview) problems = (await handler.loadPreview(task).catch(() => null))?.problems ?? problems;
  if (problems.length) {
    const named = problems.map((problem) => (problem.field ? `${problem.field}: ${problem.message}` : problem.message)).join('; ');
    throw conflict(`Cannot approve "${task.title}": ${named}. Fix it (Edit) first.`, { problems });
  }
}

export async function approve(deps: ApiDeps, input: MethodInput<'approvals:approve'>): Promise<MethodOutput<'approvals:approve'>> {
  const by = input.by ?? deps.operatorName;
  const task = awaitingTask(deps, input.id, 'approve');
  // A manual task has nothing to run: approving it would leave it "Queued" forever (seen 8).
  if (!deps.registry.hasAgent(task.assignedAgent)) throw conflict(`"${task.title}" is a manual task (no channel runs ${task.assignedAgent}'s tasks): mark it done instead.`);
  const edits = input.edits && Object.keys(input.edits).length ? validateEdits(deps, task, input.edits) : {};
  await refuseBlocked(deps, input.edits ? { ...task, ...input.edits, metadata: input.edits.metadata ?? task.metadata } : task);
  // The live preview read above may await; the decision itself takes the write lock without blocking.
  const approved = await withWriteLock(deps.db, () => deps.activity.transaction(() => {
    const now = deps.now();
    const changes: Record<string, unknown> = { ...edits };
    const edited = Object.keys(edits).length > 0;
    const after = { ...task, title: input.edits?.title ?? task.title, description: input.edits?.description ?? task.description, metadata: input.edits?.metadata ?? task.metadata };
    const diff = edited ? withoutFeedbackKey(editDiff(task, after)) : {};
    // Feedback to the agent (issue 15): the diff under metadata.owner_feedback and a squad_messages row.
    if (Object.keys(diff).length) changes.metadata = JSON.stringify(recordFeedback(deps.db, task, { decision: 'edited', by, reason: null, diff }, after.metadata, now).metadata);
    const updated = updateTask(deps.db, task.id, { ...changes, approved_by: by, approved_at: now.toISOString(), snoozed_until: null, ...undoHold(deps, input.undo, now) }, now, `${awaitingWhere} AND updated_at = ?`, [task.updatedAt]);
    if (!updated) throw conflict(`"${task.title}" was changed or decided by someone else just now; look at it again.`);
    if (edited) {
      // The trail compares with the agent's proposal; the feedback key is the app's, not Kenny's edit.
      recordEdit(deps, task, { ...updated, metadata: after.metadata }, by);
      // The duplicate guard compares later tasks with what goes out now.
      const fingerprint = fingerprintTask(deps.db, deps.registry, updated);
      if (fingerprint) saveFingerprint(deps.db, updated.id, fingerprint, updated.createdAt);
    }
    const held = getFingerprint(deps.db, task.id);
    if (held?.duplicateOf && !held.clearedAt && clearDuplicate(deps.db, task.id, by, now)) {
      deps.activity.decision(task.id, 'not_duplicate', by, held.duplicateReason, { duplicateOf: held.duplicateOf });
    }
    deps.activity.decision(task.id, 'approved', by, null);
    deps.activity.log({ level: 'info', eventType: 'task_approved', taskId: task.id, message: `${by} approved "${updated.title}"${edited ? ' with edits' : ''}` });
    deps.activity.taskChanged(updated);
    return updated;
  }));
  deps.wake();
  return approved;
}

export function reject(deps: ApiDeps, input: MethodInput<'approvals:reject'>): MethodOutput<'approvals:reject'> {
  const by = input.by ?? deps.operatorName;
  const task = awaitingTask(deps, input.id, 'reject');
  return deps.activity.transaction(() => {
    const now = deps.now();
    // Feedback to the agent (issue 15): the reason under metadata.owner_feedback and a squad_messages row.
    const { metadata } = recordFeedback(deps.db, task, { decision: 'rejected', by, reason: input.reason, diff: {} }, task.metadata, now);
    const updated = updateTask(deps.db, task.id, { status: 'rejected', rejected_by: by, rejected_at: now.toISOString(), rejection_reason: input.reason, hold_reason: null, metadata: JSON.stringify(metadata) }, now, awaitingWhere);
    if (!updated) throw conflict(`"${task.title}" was decided by someone else just now.`);
    deps.activity.decision(task.id, 'rejected', by, input.reason);
    deps.activity.log({ level: 'info', eventType: 'task_rejected', taskId: task.id, message: `${by} rejected "${task.title}": ${input.reason}` });
    deps.activity.taskChanged(updated);
    return updated;
  });
}

export async function bulk(deps: ApiDeps, input: MethodInput<'approvals:bulk'>): Promise<MethodOutput<'approvals:bulk'>> {
  if (input.decision === 'reject' && !input.reason?.trim()) throw invalidInput('reason: a reason is required to reject');
  const results = [];
  for (const id of new Set(input.ids)) {
    try {
      const task = input.decision === 'approve' ? await approve(deps, { id, by: input.by, undo: input.undo }) : await withWriteLock(deps.db, () => reject(deps, { id, by: input.by, reason: input.reason ?? '' }));
      results.push({ id, ok: true, error: null, task });
    } catch (error) {
      results.push({ id, ok: false, error: error instanceof Error ? error.message : String(error), task: null });
    }
  }
  return { results };
}

export async function listApprovals(deps: ApiDeps, input: MethodInput<'approvals:list'>): Promise<MethodOutput<'approvals:list'>> {
  deps.decidePending();
  const limit = input.limit ?? 200;
  const now = deps.now().toISOString();
  // A snoozed task is out of the inbox until its time comes; then it is back by this query alone.
  const inInbox = `${awaitingDecisionSql} AND (snoozed_until IS NULL OR snoozed_until <= ?)`;
  const rows = deps.db
    .prepare(`SELECT * FROM squad_tasks WHERE ${inInbox} ORDER BY ${priorityRankSql}, created_at LIMIT ?`)
    .all(now, limit) as TaskRow[];
  const { total } = deps.db.prepare(`SELECT count(*) AS total FROM squad_tasks WHERE ${inInbox}`).get(now) as { total: number };
  const later = deps.db.prepare(`SELECT count(*) AS n, min(snoozed_until) AS next FROM squad_tasks WHERE ${awaitingDecisionSql} AND snoozed_until > ?`).get(now) as { n: number; next: string | null };
  const tasks = rows.map(rowToTask);
  const edits = latestEdits(deps.db, tasks.map((task) => task.id));
  // One connection read per channel, not per task.
  const problems = new Map<string, Promise<{ reason: string } | null>>();
  const problemOf = (task: (typeof tasks)[number]) => {
    const input = withContent(deps.db, task);
    const handler = deps.registry.find(input);
    if (!handler) return Promise.resolve(null);
    // A handler that answers per payload (Brevo outreach through Gmail) is asked per task.
    const key = handler.decidesAvailability ? `${handler.id}:${task.id}` : handler.id;
    if (!problems.has(key)) problems.set(key, channelProblem(handler, input));
    return problems.get(key)!;
  };
  return {
    total,
    snoozed: later.n,
    nextSnoozeEndsAt: later.next,
    items: await Promise.all(
      tasks.map(async (task) => ({
        task,
        ...(await loadPreviewForTask(deps.db, deps.registry, task)),
        channelProblem: (await problemOf(task))?.reason ?? null,
        manual: !deps.registry.hasAgent(task.assignedAgent),
        duplicate: duplicateInfo(deps.db, task.id),
        edited: edits.get(task.id) ?? null,
      })),
    ),
  };
}
