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
import { claimTask, renewLease } from './claim';
import type { ExecutorContext } from './context';
import { connectionProblem, dryRunVerdict, dryRunVerdictWords } from './dry-run-verdict';
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
  const unavailable = await handler.unavailableReason?.();
  if (unavailable && !dryRun) return holdTask(context, task, unavailable, new Date(context.now().getTime() + unavailableRecheckMs)) ? 'held' : 'lost';
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
    // Dry run: nothing is sent and no limit units are spent; the task still transitions
    // (quick-start guide) and the ledger keeps exactly what would have been sent, or the honest
    // verdict: would fail (and why), would be held by a daily limit, channel not connected.
    const found = dryRunVerdict(context, preview, request.limitKeys, await connectionProblem(handler, unavailable ?? null));
    const result = { dryRun: true, verdict: found.verdict, reason: found.reason, ...(found.verdict === 'would_fail' ? { wouldFail: found.reason } : {}), ...('error' in preview ? {} : { preview }) };
    const note = found.verdict === 'would_run' ? `[DRY RUN] Would ${lowerFirst((preview as ExecutionPreview).summary)}` : `[DRY RUN] "${task.title}" ${dryRunVerdictWords[found.verdict]}: ${found.reason}`;
    return context.activity.transaction((): TaskRunResult => {
      const claim = claimTask(context, request);
      if (claim.kind !== 'claimed') return claim.kind;
      return completeTask(context, claim.task, claim.execution, { externalId: null, externalUrl: null, result }, note) ? 'completed' : 'lost';
    });
  }

  // Live: the claim and the intent commit BEFORE the channel is called (protocol step 3).
  const claim = claimTask(context, request);
  if (claim.kind !== 'claimed') return claim.kind;

  const renewal = setInterval(() => renewLease(context, task.id), Math.max(1_000, Math.floor(context.settings().leaseMs / 3)));
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
  try {
    const outcome = await handler.execute((parsed as { payload: unknown }).payload, executionContext);
    return completeTask(context, claim.task, claim.execution, outcome) ? 'completed' : 'lost';
  } catch (error) {
    const failed = recordFailedAttempt(context, claim.task, claim.execution, classifyError(error));
    return failed?.status === 'new' ? 'retry' : 'failed';
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
