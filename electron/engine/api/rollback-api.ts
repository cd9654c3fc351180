/**
 * Rollback, the same for every channel: a completed task's last succeeded (live, not dry-run)
 * execution is handed to its handler's `rollback`, within the handler's `rollbackWindowMs`
 * (default: no limit). The result becomes a 'rolled_back' decision (who, when, what was restored
 * and what was left alone) and a log line. A task is rolled back at most once; two clicks at the
 * same moment run it once.
 */
import type { MethodInput, MethodOutput, RollbackOffer } from '../../../shared/contract';
import type { Decision, Execution, Task } from '../../../shared/domain';
import type { ChannelRegistry } from '../channels/registry';
import type { AnyChannelHandler } from '../channels/types';
import type { Db } from '../db/open-db';
import { conflict, notFound, unavailable } from '../errors';
import { listDecisions } from '../store/decisions';
import { listExecutions } from '../store/executions';
import { getTask, updateTask } from '../store/tasks';
import type { ApiDeps } from './api-deps';

const inFlight = new Set<string>();

interface Rollbackable {
  handler: AnyChannelHandler;
  execution: Execution;
  until: Date | null;
}

const doneDecision = (decisions: Decision[]) => decisions.find((decision) => decision.kind === 'rolled_back') ?? null;

/** Why the task cannot be rolled back, or what to roll back. */
function findRollbackable(registry: ChannelRegistry, db: Db, task: Task, now: Date): Rollbackable | string {
  if (task.status !== 'completed') return `Only completed tasks can be rolled back; this one is ${task.status.replace('_', ' ')}.`;
  const handler = registry.find(task);
  if (!handler) return 'No channel takes this task.';
  if (!handler.rollback) return `${handler.name} cannot undo what a task did.`;
  const execution = listExecutions(db, task.id)
    .filter((candidate) => candidate.state === 'succeeded' && !candidate.dryRun)
    .at(-1);
  if (!execution) return 'The task has no live execution to undo (dry-run or nothing written).';
  const until = handler.rollbackWindowMs !== undefined && execution.finishedAt ? new Date(Date.parse(execution.finishedAt) + handler.rollbackWindowMs) : null;
  if (until && until.getTime() < now.getTime()) return `${handler.name} allows undoing only until ${until.toISOString()}.`;
  return { handler, execution, until };
}

function decisionOutcome(decision: Decision): MethodOutput<'tasks:rollback'> {
  const details = decision.details as { message?: string; restored?: string[]; leftAlone?: { what: string; why: string }[] };
  return { message: details.message ?? 'Rolled back', restored: details.restored ?? [], leftAlone: details.leftAlone ?? [], by: decision.actor, at: decision.createdAt };
}

/** What the task page shows about rollback. */
export function rollbackOffer(deps: Pick<ApiDeps, 'db' | 'registry' | 'now'>, task: Task, decisions: Decision[]): RollbackOffer {
  const done = doneDecision(decisions);
  if (done) return { available: false, reason: `Rolled back by ${done.actor}`, until: null, done: decisionOutcome(done) };
  const found = findRollbackable(deps.registry, deps.db, task, deps.now());
  if (typeof found === 'string') return { available: false, reason: found, until: null, done: null };
  return { available: true, reason: `Puts back what this task changed in ${found.handler.name}, where nobody changed it since`, until: found.until?.toISOString() ?? null, done: null };
}

export async function rollback(deps: ApiDeps, input: MethodInput<'tasks:rollback'>): Promise<MethodOutput<'tasks:rollback'>> {
  const by = input.by ?? deps.operatorName;
  const task = getTask(deps.db, input.id);
  if (!task) throw notFound(`Task ${input.id}`);
  const done = doneDecision(listDecisions(deps.db, task.id));
  if (done) throw conflict(`"${task.title}" was already rolled back by ${done.actor} at ${done.createdAt}.`);
  const found = findRollbackable(deps.registry, deps.db, task, deps.now());
  if (typeof found === 'string') throw conflict(`Cannot roll back "${task.title}": ${found}`);
  if (inFlight.has(task.id)) throw conflict(`"${task.title}" is being rolled back right now.`);
  inFlight.add(task.id);
  try {
    const { handler, execution } = found;
    let result;
    try {
      result = await handler.rollback!(
        {
          task: { id: task.id, title: task.title, description: task.description, assignedAgent: task.assignedAgent, priority: task.priority, metadata: task.metadata },
          execution: { idempotencyKey: execution.idempotencyKey, externalId: execution.externalId, externalUrl: execution.externalUrl, result: execution.result, progress: execution.progress },
        },
        { signal: deps.signal, now: deps.now },
      );
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      deps.activity.log({ level: 'error', eventType: 'task_rollback_failed', taskId: task.id, message: `${by} tried to roll back "${task.title}": ${message}` });
      throw unavailable(`Rolling back "${task.title}" failed: ${message}`);
    }
    const at = deps.now().toISOString();
    deps.activity.transaction(() => {
      // A new updated_at: previews loaded live (cached per task version) are read again.
      updateTask(deps.db, task.id, {}, deps.now());
      deps.activity.decision(task.id, 'rolled_back', by, input.reason ?? null, { message: result.message, restored: result.restored, leftAlone: result.leftAlone, executionId: execution.id, channel: handler.id });
      deps.activity.log({
        level: result.leftAlone.length ? 'warning' : 'info',
        eventType: 'task_rolled_back',
        taskId: task.id,
        message: `${by} rolled back "${task.title}": ${result.message}`,
        context: { restored: result.restored, leftAlone: result.leftAlone },
      });
      deps.activity.taskChanged(task);
    });
    return { ...result, by, at };
  } finally {
    inFlight.delete(task.id);
  }
}
