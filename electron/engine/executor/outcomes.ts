/**
 * Step 4-5 of the protocol: the outcome of an attempt is recorded in the same transaction that
 * moves the task on (completed, back to the queue with backoff, failed and escalated, or flagged
 * "outcome unknown"). Also the escalation the cloud did: an urgent alert and a task for Jarvis.
 */
import type { Execution, Task } from '../../../shared/domain';
import type { ChannelError } from '../channels/errors';
import type { ExecutionOutcome } from '../channels/types';
import { decideRetry } from '../policy/retry-policy';
import { applyWriteBacks } from '../store/content';
import { recordFailure, recordSuccess } from '../store/executions';
import { releaseUnits } from '../store/rate-limits';
import { isoTime } from '../store/iso-time';
import { insertTask, updateReadTask, updateTask } from '../store/tasks';
import type { ExecutorContext } from './context';

const clearLease = { lease_owner: null, lease_expires_at: null };

export function completeTask(context: ExecutorContext, task: Task, execution: Execution, outcome: ExecutionOutcome, note?: string): Task | null {
  return context.activity.transaction(() => {
    const now = context.now();
    recordSuccess(context.db, execution.id, outcome, now);
    const done = updateReadTask(
      context.db,
      task,
      { ...clearLease, status: 'completed', completed_at: isoTime(now), execution_error: null, hold_reason: null, not_before: null, deliverable_url: outcome.externalUrl ?? task.deliverableUrl },
      now,
    );
    if (!done) return null;
    // The cloud sees results on its content rows (email_logs 'sent', ...) once this commits.
    const refused = outcome.writeBack?.length ? applyWriteBacks(context.db, outcome.writeBack, now) : [];
    if (refused.length) {
      context.activity.log({ level: 'warning', eventType: 'write_back_incomplete', taskId: task.id, message: `"${task.title}" completed; write-back: ${refused.join('; ')}` });
    }
    const prefix = execution.dryRun ? '[DRY RUN] ' : '';
    context.activity.log({
      level: outcome.result.wouldFail || (outcome.result.verdict && outcome.result.verdict !== 'would_run') ? 'warning' : 'info',
      eventType: 'task_completed',
      taskId: task.id,
      taskAgent: task.assignedAgent,
      message: note ?? `${prefix}Completed "${task.title}"${outcome.externalId ? ` (${outcome.externalId})` : ''}`,
      context: { attempt: execution.attempt, channel: execution.channel, dry_run: execution.dryRun, external_id: outcome.externalId, external_url: outcome.externalUrl, idempotency_key: execution.idempotencyKey },
    });
    context.activity.taskChanged(done);
    return done;
  });
}

/** Applies the retry policy to a failed attempt. Returns the task as it now stands. */
export function recordFailedAttempt(context: ExecutorContext, task: Task, execution: Execution, error: ChannelError): Task | null {
  const { retry } = context.settings();
  // A rate limit's reset (or a reconnect wait) is the next try, not an attempt: the attempt is given back.
  const free = !error.countsAsAttempt;
  const decision = free
    ? { action: 'retry' as const, delayMs: Math.max(1_000, error.retryAfterMs ?? retry.baseDelayMs), reason: 'Not counted as an attempt;' }
    : decideRetry(error.errorClass, task.executionAttempts, retry, error.retryAfterMs);
  return context.activity.transaction(() => {
    const now = context.now();
    const unknown = decision.action === 'flag_unknown';
    recordFailure(context.db, execution.id, { state: unknown ? 'unknown' : 'failed', errorClass: error.errorClass, message: error.message, details: error.details }, now);
    // Nothing was sent: give back the daily-limit units. An unknown outcome may have been sent: keep them.
    if (!unknown) releaseUnits(context.db, execution.id);
    if (decision.action === 'retry') {
      const at = new Date(now.getTime() + decision.delayMs).toISOString();
      const attempts = free ? { execution_attempts: Math.max(0, task.executionAttempts - 1) } : {};
      const queued = updateTask(context.db, task.id, { ...clearLease, ...attempts, status: 'new', not_before: at, execution_error: error.message, hold_reason: `Retry at ${at.slice(11, 19)} UTC: ${error.message}` }, now);
      context.activity.log({ level: 'warning', eventType: 'task_retry_scheduled', taskId: task.id, message: `"${task.title}": ${decision.reason} ${error.message}`, context: { attempt: task.executionAttempts, delay_ms: decision.delayMs, error_class: error.errorClass, channel: execution.channel, idempotency_key: execution.idempotencyKey }, errorDetails: error.details });
      if (queued) context.activity.taskChanged(queued);
      return queued;
    }
    const failed = updateTask(context.db, task.id, { ...clearLease, status: 'failed', execution_error: error.message, outcome_unknown: unknown, hold_reason: null, not_before: null }, now);
    context.activity.log({
      level: unknown ? 'critical' : 'error',
      eventType: unknown ? 'task_outcome_unknown' : 'task_failed',
      taskId: task.id,
      message: `"${task.title}" ${unknown ? 'has an unknown outcome' : 'failed'}: ${error.message}. ${decision.reason}`,
      context: { attempt: task.executionAttempts, error_class: error.errorClass, channel: execution.channel, idempotency_key: execution.idempotencyKey },
      errorDetails: error.details,
    });
    if (failed) {
      escalate(context, failed, unknown ? `Outcome unknown: ${error.message}` : error.message, unknown ? 'outcome_unknown' : 'agent_error', decision.reason);
      context.activity.taskChanged(failed);
    }
    return failed;
  });
}

/** Fails a task that never reached a channel (invalid payload, no handler): no attempt is spent. */
export function failBeforeClaim(context: ExecutorContext, task: Task, message: string): Task | null {
  return context.activity.transaction(() => {
    const now = context.now();
    const failed = updateTask(context.db, task.id, { status: 'failed', execution_error: message, hold_reason: null, not_before: null }, now, `AND status = 'new'`);
    if (!failed) return null;
    context.activity.log({ level: 'error', eventType: 'task_failed', taskId: task.id, message: `"${task.title}" cannot run: ${message}` });
    escalate(context, failed, message, 'agent_error', 'Permanent error: the task must be fixed.');
    context.activity.taskChanged(failed);
    return failed;
  });
}

/** Holds a task without spending an attempt (scheduled send, channel waiting for reconnection, claimed elsewhere). */
export function holdTask(context: ExecutorContext, task: Task, reason: string, until: Date | null): Task | null {
  return context.activity.transaction(() => {
    const now = context.now();
    const held = updateTask(context.db, task.id, { hold_reason: reason, not_before: until ? until.toISOString() : null }, now, `AND status = 'new'`);
    if (!held) return null;
    if (task.holdReason !== reason) {
      context.activity.log({ level: 'info', eventType: 'task_held', taskId: task.id, message: `"${task.title}" held: ${reason}`, context: { until: until?.toISOString() ?? null } });
    }
    context.activity.taskChanged(held);
    return held;
  });
}

/** An urgent alert plus an escalation task for Jarvis (the cloud's escalation record). */
function escalate(context: ExecutorContext, task: Task, error: string, type: 'agent_error' | 'outcome_unknown', why: string): void {
  context.activity.alert({
    type,
    severity: 'urgent',
    title: type === 'outcome_unknown' ? `Check by hand: ${task.title}` : `Task failed: ${task.title}`,
    message: `${task.assignedAgent}: ${error}. ${why}`,
    metadata: { task_id: task.id, agent: task.assignedAgent, attempts: task.executionAttempts, error },
  });
  const escalation = insertTask(context.db, {
    title: `Escalation: ${task.title}`,
    description: `${task.assignedAgent} could not complete "${task.title}" after ${task.executionAttempts} attempt(s).\n\nError: ${error}\n${why}`,
    assignedAgent: 'Jarvis',
    priority: task.priority === 'low' ? 'medium' : 'high',
    mentionsKenny: true,
    metadata: { escalated_from: task.id, original_agent: task.assignedAgent, error },
  });
  context.activity.decision(task.id, 'escalated', 'executor', error, { escalation_task_id: escalation.id });
  context.activity.log({ level: 'warning', eventType: 'task_escalated', taskId: task.id, message: `Escalated "${task.title}" to Jarvis`, context: { escalation_task_id: escalation.id } });
  context.activity.taskChanged(escalation);
}

