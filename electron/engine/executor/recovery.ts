/**
 * Step 6 of the protocol: claimed work whose executor died. A claim without an open intent goes
 * back to the queue; an intent without an outcome is reconciled with the provider when the
 * channel can (a Gmail draft that no longer exists was sent), otherwise flagged "outcome unknown"
 * for a person. Nothing is re-sent blindly. (Dry runs never leave an open intent: their claim,
 * intent and outcome commit in one transaction.)
 */
import type { Task } from '../../../shared/domain';
import { retryable, unknownOutcome } from '../channels/errors';
import { withContent } from '../store/content';
import { openIntent, recordProgress } from '../store/executions';
import { updateTask } from '../store/tasks';
import type { ExecutorContext } from './context';
import { ownerIsDead } from './executor-id';
import { completeTask, recordFailedAttempt } from './outcomes';
import { claimedTasks } from './queue-queries';

/** Recovers expired leases, and at start-up also leases whose owner process is gone. */
export async function recoverClaims(context: ExecutorContext, atStartup: boolean): Promise<number> {
  const now = context.now().toISOString();
  const stale = claimedTasks(context.db).filter(
    (task) => task.leaseOwner !== context.executorId && ((task.leaseExpiresAt ?? '') <= now || (atStartup && ownerIsDead(task.leaseOwner))),
  );
  let recovered = 0;
  for (const task of stale) if (await recoverTask(context, task)) recovered++;
  return recovered;
}

async function recoverTask(context: ExecutorContext, stale: Task): Promise<boolean> {
  const now = context.now();
  // compare-and-swap on the old lease: of two executors recovering at once, one wins.
  const task = updateTask(
    context.db,
    stale.id,
    { lease_owner: context.executorId, lease_expires_at: new Date(now.getTime() + context.settings().leaseMs).toISOString() },
    now,
    `AND status = 'in_progress' AND lease_owner IS ?`,
    [stale.leaseOwner],
  );
  if (!task) return false;
  context.activity.log({ level: 'warning', eventType: 'task_recovered', taskId: task.id, message: `Recovering "${task.title}": its executor (${stale.leaseOwner ?? 'unknown'}) stopped mid-execution` });
  const intent = openIntent(context.db, task.id);
  if (!intent) {
    context.activity.transaction(() => {
      const queued = updateTask(context.db, task.id, { status: 'new', lease_owner: null, lease_expires_at: null }, context.now());
      if (queued) context.activity.taskChanged(queued);
    });
    return true;
  }
  const handler = context.registry.byId(intent.channel);
  if (!handler?.reconcile) {
    recordFailedAttempt(context, task, intent, unknownOutcome(`The executor stopped while ${intent.channel} was being called, and ${intent.channel} cannot confirm whether it happened. Check by hand, then re-queue or mark done.`));
    return true;
  }
  try {
    const verdict = await handler.reconcile(
      { task: withContent(context.db, task), idempotencyKey: intent.idempotencyKey, attempt: intent.attempt, requestPreview: intent.requestPreview, progress: intent.progress },
      {
        idempotencyKey: intent.idempotencyKey,
        attempt: intent.attempt,
        taskId: task.id,
        signal: context.signal,
        now: context.now,
        recordProgress: (patch) => recordProgress(context.db, intent.id, patch),
      },
    );
    if (verdict.status === 'succeeded') {
      completeTask(context, task, intent, verdict.outcome, `Recovered "${task.title}": it had been done before the executor stopped (${verdict.evidence})`);
    } else if (verdict.status === 'not_sent') {
      recordFailedAttempt(context, task, intent, retryable(`Interrupted before anything was sent (${verdict.evidence})`));
    } else {
      recordFailedAttempt(context, task, intent, unknownOutcome(`Could not establish whether it was sent: ${verdict.evidence}`));
    }
  } catch (error) {
    recordFailedAttempt(context, task, intent, unknownOutcome(`Reconciliation failed: ${error instanceof Error ? error.message : String(error)}`));
  }
  return true;
}
