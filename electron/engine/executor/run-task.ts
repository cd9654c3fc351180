/**
 * One task through the protocol: handler lookup, payload parsing, gates that hold without
 * spending an attempt (schedule, channel availability, guards such as a remote claim), the claim
 * (limits + CAS + intent), the channel call or dry-run preview, and the recorded outcome.
 */
import type { Task } from '../../../shared/domain';
import type { ExecutionPreview } from '../../../shared/preview';
import { classifyError } from '../channels/errors';
import { parsePayload } from '../channels/payload';
import type { AnyChannelHandler, ExecutionContext } from '../channels/types';
import { recordProgress } from '../store/executions';
import { isBusy, withWriteLock } from '../db/write-lock';
import { claimTask, renewLease } from './claim';
import type { ExecutorContext } from './context';
import { completeTask, failBeforeClaim, holdTask, recordFailedAttempt } from './outcomes';

export type TaskRunResult = 'completed' | 'failed' | 'retry' | 'held' | 'deferred' | 'lost';

/** How long a task waits before its channel is asked again whether it can act. */
const unavailableRecheckMs = 60_000;

export async function runTask(context: ExecutorContext, task: Task): Promise<TaskRunResult> {
  const handler = context.registry.find(task);
  if (!handler) {
    return failBeforeClaim(context, task, `No channel can run this ${task.assignedAgent} task (metadata: ${JSON.stringify(task.metadata).slice(0, 200)})`) ? 'failed' : 'lost';
  }
  const { dryRun } = context.settings();
  const parsed = parsePayload(handler.payloadSchema, task);
  if (!parsed.ok && !dryRun) return failBeforeClaim(context, task, parsed.error) ? 'failed' : 'lost';

  if (parsed.ok) {
    const notBefore = handler.notBefore?.(parsed.payload) ?? null;
    if (notBefore && notBefore.getTime() > context.now().getTime()) {
      return holdTask(context, task, `Scheduled for ${notBefore.toISOString()}`, notBefore) ? 'held' : 'lost';
    }
  }
  if (!dryRun) {
    const unavailable = await handler.unavailableReason?.();
    if (unavailable) return holdTask(context, task, unavailable, new Date(context.now().getTime() + unavailableRecheckMs)) ? 'held' : 'lost';
  }
  for (const guard of context.guards) {
    const verdict = await guard(task);
    if (!verdict.ok) return holdTask(context, task, verdict.reason, new Date(context.now().getTime() + unavailableRecheckMs)) ? 'held' : 'lost';
  }

  const preview = parsed.ok ? safePreview(handler, parsed.payload) : { error: parsed.error };
  const request = {
    task,
    channel: handler.id,
    limitKeys: parsed.ok ? handler.limitKeys(parsed.payload) : [],
    dryRun,
    preview: 'error' in preview ? { error: preview.error } : preview,
  };

  if (dryRun) {
    // Dry run: nothing is sent; the task still transitions (quick-start guide) and the ledger
    // keeps exactly what would have been sent, or why it would fail. With no side effect to
    // protect, claim, intent and outcome commit together in one transaction.
    const result = parsed.ok && !('error' in preview) ? { dryRun: true, preview } : { dryRun: true, wouldFail: 'error' in preview ? preview.error : 'invalid payload' };
    const note = 'wouldFail' in result ? `[DRY RUN] "${task.title}" would fail: ${result.wouldFail}` : `[DRY RUN] Would ${lowerFirst((preview as ExecutionPreview).summary)}`;
    return withWriteLock(context.db, () =>
      context.activity.transaction((): TaskRunResult => {
        const claim = claimTask(context, request);
        if (claim.kind !== 'claimed') return claim.kind;
        return completeTask(context, claim.task, claim.execution, { externalId: null, externalUrl: null, result }, note) ? 'completed' : 'lost';
      }),
    );
  }

  // Live: the claim and the intent commit BEFORE the channel is called (protocol step 3). The
  // write lock is awaited without blocking the event loop (db/write-lock.ts).
  const claim = await withWriteLock(context.db, () => claimTask(context, request));
  if (claim.kind !== 'claimed') return claim.kind;

  const renewal = setInterval(() => {
    try {
      renewLease(context, task.id);
    } catch (error) {
      // Locked by another process right now: the next renewal (a third of the lease later) retries.
      if (!isBusy(error)) throw error;
    }
  }, Math.max(1_000, Math.floor(context.settings().leaseMs / 3)));
  renewal.unref?.();
  const abort = new AbortController();
  const onStop = () => abort.abort();
  context.signal.addEventListener('abort', onStop, { once: true });
  const executionContext: ExecutionContext = {
    idempotencyKey: claim.execution.idempotencyKey,
    attempt: claim.execution.attempt,
    taskId: task.id,
    signal: abort.signal,
    now: context.now,
    recordProgress: (patch) => recordProgress(context.db, claim.execution.id, patch),
  };
  // Recording the outcome waits for the write lock (up to a lease) without blocking; should it
  // never come, the intent stays open and recovery reconciles it, as after a crash.
  const outcomeLock = { timeoutMs: context.settings().leaseMs };
  try {
    let outcome;
    try {
      outcome = await handler.execute((parsed as { payload: unknown }).payload, executionContext);
    } catch (error) {
      const failed = await withWriteLock(context.db, () => recordFailedAttempt(context, claim.task, claim.execution, classifyError(error)), outcomeLock);
      return failed?.status === 'new' ? 'retry' : 'failed';
    }
    return (await withWriteLock(context.db, () => completeTask(context, claim.task, claim.execution, outcome), outcomeLock)) ? 'completed' : 'lost';
  } finally {
    clearInterval(renewal);
    context.signal.removeEventListener('abort', onStop);
  }
}

function safePreview(handler: AnyChannelHandler, payload: unknown): ExecutionPreview | { error: string } {
  try {
    return handler.preview(payload);
  } catch (error) {
    return { error: `Preview failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
