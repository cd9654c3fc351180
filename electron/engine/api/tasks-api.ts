/**
 * Task methods: list/search (in SQL), detail with attempts, decision trail and blocker, create,
 * re-queue and cancel.
 */
import { tasksListInputSchema, type MethodInput, type MethodOutput } from '../../../shared/contract';
import type { Task } from '../../../shared/domain';
import { isBrevoHandler } from '../channels/brevo/brevo-handler';
import { conflict, notFound } from '../errors';
import { channelProblem } from '../channels/connection/channel-state';
import { explainBlocker } from '../policy/blocker';
import { applyWriteBacks, withContent } from '../store/content';
import { listDecisions } from '../store/decisions';
import { listExecutions } from '../store/executions';
import { listLogs } from '../store/logs';
import { listTasks } from '../store/task-list';
import { findIdempotentTask, rememberIdempotencyKey } from '../store/idempotency';
import { getTask, insertTask, updateTask } from '../store/tasks';
import type { ApiDeps } from './api-deps';
import { loadPreviewForTask } from './preview-for-task';
import { rollbackOffer } from './rollback-api';
import { duplicateInfo } from './duplicate-info';

export function list(deps: ApiDeps, input: MethodInput<'tasks:list'>): MethodOutput<'tasks:list'> {
  const started = performance.now();
  const query = tasksListInputSchema.parse(input);
  const result = listTasks(deps.db, query, deps.registry.agents());
  return { ...result, queryMs: Math.round((performance.now() - started) * 100) / 100 };
}

export async function detail(deps: ApiDeps, input: MethodInput<'tasks:get'>): Promise<MethodOutput<'tasks:get'>> {
  const task = getTask(deps.db, input.id);
  if (!task) throw notFound(`Task ${input.id}`);
  const { settings } = deps.loadedSettings();
  if (task.status === 'completed') await followUpNewsletter(deps, task);
  const decisions = listDecisions(deps.db, task.id);
  return {
    task,
    executions: listExecutions(deps.db, task.id),
    decisions,
    rollback: rollbackOffer(deps, task, decisions),
    duplicate: duplicateInfo(deps.db, task.id),
    logs: listLogs(deps.db, { taskId: task.id, limit: 200 }),
    blocker: explainBlocker(task, { settings, hasHandler: deps.registry.hasAgent(task.assignedAgent), now: deps.now(), channel: await channelProblem(deps.registry.find(withContent(deps.db, task)), withContent(deps.db, task)) }),
    ...(await loadPreviewForTask(deps.db, deps.registry, task)),
  };
}

export function create(deps: ApiDeps, input: MethodInput<'tasks:create'>): MethodOutput<'tasks:create'> {
  const { idempotencyKey, ...fields } = input;
  const replayed = idempotencyKey === undefined ? null : findIdempotentTask(deps.db, idempotencyKey, fields);
  if (replayed) return getTask(deps.db, replayed) ?? notFoundAfterReplay(replayed);
  const task = deps.activity.transaction(() => {
    const created = insertTask(deps.db, fields);
    if (idempotencyKey !== undefined) rememberIdempotencyKey(deps.db, idempotencyKey, fields, created.id);
    deps.activity.log({ level: 'info', eventType: 'task_created', taskId: created.id, message: `Task created: "${created.title}" for ${created.assignedAgent}` });
    deps.activity.taskChanged(created);
    return created;
  });
  deps.decidePending();
  deps.wake();
  return getTask(deps.db, task.id) ?? task;
}

function notFoundAfterReplay(id: string): never {
  throw notFound(`Task ${id} (created earlier with this idempotency key, since deleted)`);
}

export function requeue(deps: ApiDeps, input: MethodInput<'tasks:requeue'>): MethodOutput<'tasks:requeue'> {
  const by = input.by ?? deps.operatorName;
  const task = getTask(deps.db, input.id);
  if (!task) throw notFound(`Task ${input.id}`);
  if (task.status !== 'failed') throw conflict(`Only failed tasks can be re-queued; "${task.title}" is ${task.status.replace('_', ' ')}.`);
  const queued = deps.activity.transaction(() => {
    const now = deps.now();
    const updated = updateTask(
      deps.db,
      task.id,
      { status: 'new', execution_attempts: 0, execution_error: null, outcome_unknown: false, not_before: null, hold_reason: null, completed_at: null },
      now,
      `AND status = 'failed'`,
    );
    if (!updated) throw conflict(`"${task.title}" changed just now; try again.`);
    deps.activity.decision(task.id, 'requeued', by, input.reason ?? null, { previous_error: task.executionError, outcome_unknown: task.outcomeUnknown });
    deps.activity.log({ level: 'info', eventType: 'task_requeued', taskId: task.id, message: `${by} re-queued "${task.title}"${input.reason ? `: ${input.reason}` : ''}` });
    deps.activity.taskChanged(updated);
    return updated;
  });
  deps.wake();
  return queued;
}

export function cancel(deps: ApiDeps, input: MethodInput<'tasks:cancel'>): MethodOutput<'tasks:cancel'> {
  const by = input.by ?? deps.operatorName;
  const task = getTask(deps.db, input.id);
  if (!task) throw notFound(`Task ${input.id}`);
  if (task.status !== 'new') {
    throw conflict(task.status === 'in_progress' ? `"${task.title}" is running now; it cannot be cancelled mid-flight.` : `"${task.title}" is already ${task.status}.`);
  }
  const reason = `Cancelled${input.reason ? `: ${input.reason}` : ''}`;
  return deps.activity.transaction(() => {
    const now = deps.now();
    const updated = updateTask(deps.db, task.id, { status: 'rejected', rejected_by: by, rejected_at: now.toISOString(), rejection_reason: reason, hold_reason: null }, now, `AND status = 'new'`);
    if (!updated) throw conflict(`"${task.title}" started running just now; it cannot be cancelled.`);
    deps.activity.decision(task.id, 'cancelled', by, input.reason ?? null);
    deps.activity.log({ level: 'info', eventType: 'task_cancelled', taskId: task.id, message: `${by} cancelled "${task.title}"` });
    deps.activity.taskChanged(updated);
    return updated;
  });
}

/**
 * A sent newsletter's statistics (delivered, opens, clicks) change for days: reading the task
 * asks Brevo once more and writes them to its newsletter_drafts row (pushed by sync). Best effort:
 * Brevo unreachable leaves the last figures.
 */
async function followUpNewsletter(deps: ApiDeps, task: Task): Promise<void> {
  const handler = deps.registry.find(task);
  if (!isBrevoHandler(handler)) return;
  try {
    const followed = await handler.followUp(withContent(deps.db, task));
    if (followed?.writeBack.length) deps.activity.transaction(() => void applyWriteBacks(deps.db, followed.writeBack, deps.now()));
  } catch {
    // The task page still shows the stored figures.
  }
}
