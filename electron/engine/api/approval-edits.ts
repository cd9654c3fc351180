/**
 * Kenny's edits of a waiting task: the live preview of an edit before it is saved
 * (approvals:preview, what the editor shows as he types), saving edits without deciding
 * (approvals:save), and the record of what changed against the agent's proposal. Every edit is an
 * 'edited' decision whose details keep the version before it, the version after it, the diff from
 * the previous version (`diff`) and the diff from the agent's proposal (`proposalDiff`, what the
 * dashboard shows); the proposal is the `before` of the task's first edit.
 */
import type { MethodInput, MethodOutput, TaskEdits } from '../../../shared/contract';
import type { Task } from '../../../shared/domain';
import { changesFromRecord, editChanges, editDiffRecord, type EditableTask, type TaskEditSummary } from '../../../shared/edit-diff';
import { withWriteLock } from '../db/write-lock';
import { conflict, notFound } from '../errors';
import { parseJsonColumn } from '../db/statements';
import type { Db } from '../db/open-db';
import { withContent } from '../store/content';
import { getTask, isAwaitingDecision, updateTask, awaitingDecisionSql } from '../store/tasks';
import type { ApiDeps } from './api-deps';
import { canLoadPreview, previewForTask, type TaskPreview } from './preview-for-task';

const editable = (task: EditableTask): EditableTask => ({ title: task.title, description: task.description, metadata: task.metadata });

/** The task as the agent proposed it: the version before its first edit, or the task itself. */
export function proposalOf(db: Db, task: Task): EditableTask {
  const row = db.prepare(`SELECT details FROM task_decisions WHERE task_id = ? AND kind = 'edited' ORDER BY id LIMIT 1`).get(task.id) as { details: string } | undefined;
  const before = row ? parseJsonColumn<{ before?: EditableTask }>(row.details, {}).before : undefined;
  return before && typeof before.title === 'string' && before.metadata && typeof before.metadata === 'object' ? editable(before) : editable(task);
}

/** Records an edit (inside the caller's transaction): before, after, and the diffs from the last version and from the proposal. */
export function recordEdit(deps: ApiDeps, before: Task, after: Task, by: string): void {
  const diff = editChanges(before, after);
  if (diff.length === 0) return;
  const proposal = proposalOf(deps.db, before);
  deps.activity.decision(before.id, 'edited', by, null, {
    before: editable(before),
    after: editable(after),
    diff: editDiffRecord(diff),
    proposalDiff: editDiffRecord(editChanges(proposal, after)),
  });
}

/** The latest edit of each task against its proposal (approval items); tasks never edited are absent. */
export function latestEdits(db: Db, taskIds: string[]): Map<string, TaskEditSummary> {
  const found = new Map<string, TaskEditSummary>();
  if (taskIds.length === 0) return found;
  const rows = db
    .prepare(`SELECT task_id, actor, details, created_at FROM task_decisions WHERE kind = 'edited' AND task_id IN (SELECT value FROM json_each(?)) ORDER BY id`)
    .all(JSON.stringify(taskIds)) as { task_id: string; actor: string; details: string; created_at: string }[];
  for (const row of rows) {
    const details = parseJsonColumn<{ proposalDiff?: unknown; diff?: unknown }>(row.details, {});
    found.set(row.task_id, { by: row.actor, at: row.created_at, changes: changesFromRecord(details.proposalDiff ?? details.diff) });
  }
  for (const [id, edit] of found) if (edit.changes.length === 0) found.delete(id); // edited back to the proposal
  return found;
}

/** The task with the edits applied (not saved). */
export function applyEdits(task: Task, edits: TaskEdits | undefined): Task {
  if (!edits) return task;
  return { ...task, ...(edits.title !== undefined ? { title: edits.title } : {}), ...(edits.description !== undefined ? { description: edits.description } : {}), metadata: edits.metadata ?? task.metadata };
}

/**
 * The preview of a task as it would be with `edits` (nothing saved): the handler's exact request
 * with its problems, live reads included (the shop's current values, the Ads account), or the
 * validation error naming the field.
 */
export async function previewEdits(deps: ApiDeps, input: MethodInput<'approvals:preview'>): Promise<MethodOutput<'approvals:preview'>> {
  const plain = getTask(deps.db, input.id);
  if (!plain) throw notFound(`Task ${input.id}`);
  const task = withContent(deps.db, applyEdits(plain, input.edits));
  const local: TaskPreview = previewForTask(deps.registry, task);
  const handler = deps.registry.find(task);
  if (!handler?.loadPreview || !local.preview || !canLoadPreview(handler, task)) return local;
  try {
    return { preview: await handler.loadPreview(task), previewError: null, channel: handler.id };
  } catch (error) {
    return { ...local, previewError: `Showing what the task says; the provider's copy could not be loaded: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * Saves edits without deciding: the task keeps waiting, now as edited (its card says so). The
 * edit must fit the channel's payload (`validate`, the same check approve makes).
 */
export async function saveEdits(deps: ApiDeps, input: MethodInput<'approvals:save'>, validate: (task: Task, edits: TaskEdits) => Record<string, unknown>): Promise<MethodOutput<'approvals:save'>> {
  const by = input.by ?? deps.operatorName;
  deps.decidePending();
  const task = getTask(deps.db, input.id);
  if (!task) throw notFound(`Task ${input.id}`);
  if (!isAwaitingDecision(task)) throw conflict(`Cannot edit "${task.title}": it is no longer waiting for a decision.`, { status: task.status });
  const changes = validate(task, input.edits);
  if (Object.keys(changes).length === 0) return task;
  return withWriteLock(deps.db, () =>
    deps.activity.transaction(() => {
      const now = deps.now();
      const updated = updateTask(deps.db, task.id, changes, now, `AND ${awaitingDecisionSql} AND updated_at = ?`, [task.updatedAt]);
      if (!updated) throw conflict(`"${task.title}" was changed or decided by someone else just now; look at it again.`);
      recordEdit(deps, task, updated, by);
      deps.activity.log({ level: 'info', eventType: 'task_edited', taskId: task.id, message: `${by} edited "${updated.title}"` });
      deps.activity.taskChanged(updated);
      return updated;
    }),
  );
}
