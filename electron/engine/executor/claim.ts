/**
 * Step 1-3 of the execution safety protocol in ONE transaction: check the daily limits, move the
 * task new -> in_progress with a lease only if it is still executable (compare-and-swap), reserve
 * its limit units and commit the execution intent. Either all of it happens or none.
 */
import type { Execution, LimitKey, Task } from '../../../shared/domain';
import type { ExecutionPreview } from '../../../shared/preview';
import { checkLimits, describeReset } from '../policy/limit-policy';
import { deleteUnstartedIntent, insertIntent } from '../store/executions';
import { refreshDryRunVerdict } from '../store/dry-run-verdict-column';
import { nextFreeAt, releaseUnits, reserveUnits, usageInWindow } from '../store/rate-limits';
import { updateReadTask, updateTask } from '../store/tasks';
import type { ExecutorContext } from './context';
import { isoTime } from '../store/iso-time';

export type ClaimResult =
  | { kind: 'claimed'; task: Task; execution: Execution }
  | { kind: 'deferred'; task: Task; reason: string; until: string | null }
  | { kind: 'lost' };

export interface ClaimRequest {
  task: Task;
  channel: string;
  limitKeys: readonly LimitKey[];
  dryRun: boolean;
  preview: ExecutionPreview | { error: string };
}

export function claimTask(context: ExecutorContext, request: ClaimRequest): ClaimResult {
  const { db, activity } = context;
  return activity.transaction((): ClaimResult => {
    const now = context.now();
    const { dailyLimits, leaseMs } = context.settings();
    // Every execution spends the executor's own budget; dry runs send nothing and spend nothing.
    const keys: LimitKey[] = request.dryRun ? [] : ['task_executor', ...request.limitKeys.filter((key) => key !== 'task_executor')];
    const limit = checkLimits(keys, (key) => usageInWindow(db, key, now).used, dailyLimits);
    if (!limit.ok) {
      const until = nextFreeAt(db, limit.key, now, limit.limit);
      const reason = describeReset(limit.reason, until);
      const held = updateTask(db, request.task.id, { not_before: until, hold_reason: reason }, now, `AND status = 'new'`);
      if (!held) return { kind: 'lost' };
      activity.log({ level: 'warning', eventType: 'task_deferred', taskId: held.id, message: `"${held.title}" deferred: ${reason}`, context: { limit_key: limit.key, used: limit.used, limit: limit.limit, until } });
      activity.taskChanged(held);
      return { kind: 'deferred', task: held, reason, until };
    }
    const nowIso = isoTime(now);
    // compare-and-swap: a second claimer (another executor, a cron call) sees 0 rows here.
    const claimed = updateReadTask(
      db,
      request.task,
      {
        status: 'in_progress',
        lease_owner: context.executorId,
        lease_expires_at: isoTime(new Date(now.getTime() + leaseMs)),
        execution_attempts: request.task.executionAttempts + 1,
        last_execution_attempt: nowIso,
        hold_reason: null,
        not_before: null,
        // the latest ledger row is now this attempt's intent: no dry-run verdict (store/task-list.ts)
        dry_run_verdict: null,
      },
      now,
      `AND status = 'new' AND execution_attempts = ? AND rejected_at IS NULL AND (requires_approval = 0 OR approved_at IS NOT NULL)`,
      [request.task.executionAttempts],
    );
    if (!claimed) return { kind: 'lost' };
    const execution = insertIntent(
      db,
      { taskId: claimed.id, channel: request.channel, dryRun: request.dryRun, requestPreview: request.preview, executorId: context.executorId },
      now,
    );
    reserveUnits(db, keys, claimed.id, execution.id, now);
    // No log line for the claim: the intent row records the start (attempt, channel, key, time)
    // and the outcome's line says what happened, one line per attempt; a call still running after
    // a while gets a line of its own (run-task.ts callClaimed).
    activity.taskChanged(claimed);
    return { kind: 'claimed', task: claimed, execution };
  });
}

/**
 * Gives back a claim whose channel call never started (a pause, stop or switch-off reached a group
 * of claims between two calls: live-group.ts): the task returns to the queue as it was before the
 * claim, its intent is deleted (the attempt never happened, and its key `task_id:attempt` stays
 * free for the real one) and its limit units are released. Only our own open claim is given back.
 */
export function releaseClaim(context: ExecutorContext, before: Task, claimed: Extract<ClaimResult, { kind: 'claimed' }>, reason: string): boolean {
  const { db, activity } = context;
  return activity.transaction(() => {
    const released = updateTask(
      db,
      before.id,
      { status: 'new', lease_owner: null, lease_expires_at: null, execution_attempts: before.executionAttempts, last_execution_attempt: before.lastExecutionAttempt },
      context.now(),
      `AND status = 'in_progress' AND lease_owner = ?`,
      [context.executorId],
    );
    if (!released) return false;
    if (!deleteUnstartedIntent(db, claimed.execution.id)) throw new Error(`the intent of "${before.title}" is no longer open; its claim cannot be given back`);
    releaseUnits(db, claimed.execution.id);
    // The claim cleared the dry-run verdict; the latest ledger row is an older one again.
    refreshDryRunVerdict(db, before.id);
    activity.log({ level: 'info', eventType: 'task_released', taskId: before.id, taskAgent: before.assignedAgent, message: `"${before.title}" not started (${reason}): back in the queue` });
    activity.taskChanged(released);
    return true;
  });
}

/** Extends our lease while a slow channel call runs, so nobody "recovers" live work. */
export function renewLease(context: ExecutorContext, taskId: string): void {
  const now = context.now();
  context.db
    .prepare(`UPDATE squad_tasks SET lease_expires_at = ? WHERE id = ? AND status = 'in_progress' AND lease_owner = ?`)
    .run(isoTime(new Date(now.getTime() + context.settings().leaseMs)), taskId, context.executorId);
}
