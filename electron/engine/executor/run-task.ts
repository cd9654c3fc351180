/**
 * One task through the protocol: handler lookup, payload parsing, gates that hold without
 * spending an attempt (schedule, channel availability, guards such as a remote claim), the claim
 * (limits + CAS + intent), the channel call or dry-run preview, and the recorded outcome.
 */
import type { Task } from '../../../shared/domain';
import type { ExecutionPreview } from '../../../shared/preview';
import { describeSchedule, goesOutAt, nextAllowedTime, type ScheduledChannel } from '../../../shared/send-schedule';
import { channelGate, type ChannelGate } from '../channels/connection/channel-state';
import { classifyError, permanent } from '../channels/errors';
import { parsePayload } from '../channels/payload';
import type { AnyChannelHandler, DryRunContext, DryRunResult, ExecutionContext } from '../channels/types';
import { withContent } from '../store/content';
import { recordProgress } from '../store/executions';
import { isBusy, withWriteLock } from '../db/write-lock';
import { claimTask, renewLease, type ClaimRequest, type ClaimResult } from './claim';
import type { ExecutorContext } from './context';
import { completeDryRun, type PolicyDecisionColumns } from './dry-run';
import { dryRunVerdict, dryRunVerdictWords } from './dry-run-verdict';
import { completeTask, failBeforeClaim, holdTask, recordFailedAttempt } from './outcomes';
import type { OutcomeCarrier, PendingOutcome } from './outcome-carrier';
import { raiseReconnectAlertOnce } from './reconnect-alert';
import { holdUnseenDuplicate } from './duplicate-check';
import { hasFingerprint } from '../store/fingerprints';

export type TaskRunResult = 'completed' | 'failed' | 'retry' | 'held' | 'deferred' | 'lost';

/** A channel call still running after this long gets a log line of its own (ms). */
export const runningNoticeMs = 2_000;

/** How long a task waits before its channel is asked again whether it can act. */
const unavailableRecheckMs = 60_000;

/**
 * A task that passed every gate and is ready to be claimed, or the result that ended it early.
 * 'unfit': a probe (see `PrepareOptions`) met a gate that would have written something.
 */
export type PreparedTask =
  | { kind: 'done'; result: TaskRunResult }
  | { kind: 'unfit' }
  | ReadyTask;

export type ReadyTask = { kind: 'ready'; task: Task; handler: AnyChannelHandler; payload: unknown; payloadOk: boolean; request: ClaimRequest; asked: DryRunResult | null; gate: ChannelGate };

export interface PrepareOptions {
  /**
   * Write nothing: a gate that would fail or hold the task answers 'unfit' instead, and the
   * duplicate guard is left to the caller (the policy pass rehearsing a task it has not decided
   * yet: the task goes the ordinary way, decided first, when it is unfit).
   */
  probe?: boolean;
  /** The task is known to have a fingerprint (read with it): no need to look. */
  fingerprinted?: boolean;
}

/** Each gate that ends the task early writes why; a probe stops before writing. */
function endEarly(options: PrepareOptions, write: () => TaskRunResult): PreparedTask {
  return options.probe ? { kind: 'unfit' } : { kind: 'done', result: write() };
}

/**
 * Everything before the claim: handler lookup, payload parsing, and the gates that hold without
 * spending an attempt (schedule, channel availability, guards such as a remote claim). The only
 * step that may await; what follows for a dry run is synchronous, so dry runs commit in groups.
 */
export async function prepareTask(context: ExecutorContext, task: Task, options: PrepareOptions = {}): Promise<PreparedTask> {
  // The rows the task points to (email_id, post_id, ...), read locally before parsing.
  const input = withContent(context.db, task);
  const handler = context.registry.find(input);
  if (!handler) {
    return endEarly(options, () => (failBeforeClaim(context, task, `No channel can run this ${task.assignedAgent} task (metadata: ${JSON.stringify(task.metadata).slice(0, 200)})`) ? 'failed' : 'lost'));
  }
  const { dryRun } = context.settings();
  const parsed = parsePayload(handler.payloadSchema, input);
  if (!parsed.ok && !dryRun) return endEarly(options, () => (failBeforeClaim(context, task, parsed.error) ? 'failed' : 'lost'));

  // The duplicate guard, for a task the policy pass did not fingerprint (one primary-key read otherwise).
  if (parsed.ok && !options.probe && !options.fingerprinted && !hasFingerprint(context.db, task.id)) {
    const held = holdUnseenDuplicate(context, task);
    if (held) return { kind: 'done', result: held === 'lost' ? 'lost' : 'held' };
  }
  if (parsed.ok) {
    const notBefore = handler.notBefore?.(parsed.payload) ?? null;
    if (notBefore && notBefore.getTime() > context.now().getTime()) {
      return endEarly(options, () => (holdTask(context, task, `Scheduled for ${notBefore.toISOString()}`, notBefore) ? 'held' : 'lost'));
    }
  }
  // The channel's send window (business hours, posting times): wait for it, as a scheduled send does.
  const settings = context.settings();
  const opensAt = nextAllowedTime(handler.id, context.now(), settings.sendSchedule, settings.timeZone);
  if (opensAt) {
    const reason = `${goesOutAt(opensAt, context.now(), settings.timeZone)} (${handler.name}: ${describeSchedule(settings.sendSchedule[handler.id as ScheduledChannel])})`;
    return endEarly(options, () => (holdTask(context, task, reason, opensAt) ? 'held' : 'lost'));
  }
  // Live: not connected fails the attempt below with the reason; needs reconnecting holds (one
  // alert per channel). Dry run: the same answer becomes the honest verdict, nothing is held.
  const gate = await channelGate(handler, parsed.ok ? parsed.payload : undefined);
  if (!dryRun && gate.kind === 'hold') {
    return endEarly(options, () => {
      if (gate.reconnect) raiseReconnectAlertOnce(context.db, (alert) => context.activity.alert(alert), handler, gate.reason);
      return holdTask(context, task, gate.reason, new Date(context.now().getTime() + unavailableRecheckMs)) ? 'held' : 'lost';
    });
  }
  for (const guard of context.guards) {
    const verdict = await guard(task);
    if (!verdict.ok) return endEarly(options, () => (holdTask(context, task, verdict.reason, new Date(context.now().getTime() + unavailableRecheckMs)) ? 'held' : 'lost'));
  }

  // A handler that can ask its provider (validateOnly) answers the dry run itself.
  const asked = dryRun && parsed.ok && handler.dryRun ? await safeDryRun(handler, parsed.payload, { taskId: task.id, signal: context.signal, now: context.now }) : null;
  const preview = asked ? asked.preview : parsed.ok ? safePreview(handler, parsed.payload) : { error: parsed.error };
  const request: ClaimRequest = {
    task,
    channel: handler.id,
    limitKeys: parsed.ok ? handler.limitKeys(parsed.payload) : [],
    dryRun,
    preview: 'error' in preview ? { error: preview.error } : preview,
  };
  return { kind: 'ready', task, handler, payload: parsed.ok ? parsed.payload : null, payloadOk: parsed.ok, request, asked, gate };
}

/**
 * Dry run: nothing is sent; the task still transitions (quick-start guide) and the ledger keeps
 * exactly what would have been sent, or why it would fail. With no side effect to protect, claim,
 * intent and outcome commit together, and the cycle commits several dry runs in one transaction.
 */
export function commitDryRun(context: ExecutorContext, prepared: ReadyTask, decided?: PolicyDecisionColumns): TaskRunResult {
  const { task, request, asked, gate } = prepared;
  const preview = request.preview;
  // Everything a live run would check, nothing spent: would fail (and why), would be held by a
  // daily limit, channel not connected. A provider's own answer (Google Ads validateOnly) counts.
  let found = dryRunVerdict(context, preview, request.limitKeys, gate.kind === 'run' ? null : gate.reason);
  if (asked?.wouldFail && found.verdict === 'would_run') found = { verdict: 'would_fail', reason: asked.wouldFail };
  const result: Record<string, unknown> = {
    dryRun: true,
    verdict: found.verdict,
    reason: found.reason,
    ...(found.verdict === 'would_fail' ? { wouldFail: found.reason } : {}),
    ...('error' in preview ? {} : { preview }),
    ...(asked ? { providerVerdict: asked.verdict } : {}),
  };
  const provider = asked ? ` (${asked.verdict})` : '';
  const note =
    found.verdict === 'would_run'
      ? `[DRY RUN] Would ${lowerFirst((preview as ExecutionPreview).summary)}${provider}`
      : `[DRY RUN] "${task.title}" ${dryRunVerdictWords[found.verdict]}: ${found.reason}${provider}`;
  return completeDryRun(context, request, result, note, decided);
}

/**
 * Live, one task: the claim and the intent commit BEFORE the channel is called (protocol step 3),
 * with the previous task's waiting outcome (outcome-carrier.ts); a success comes back as a
 * PendingOutcome for `carrier` to commit with the next claim. `callTimes` learns how long the call
 * took (live-group.ts sizes groups of claims with it).
 */
export async function executeLive(context: ExecutorContext, prepared: ReadyTask, carrier: OutcomeCarrier, callTimes?: CallTimes): Promise<TaskRunResult | PendingOutcome> {
  const claimed = await withWriteLock(context.db, () => {
    carrier.commitInto();
    return claimInto(context, prepared);
  });
  if (claimed.kind === 'error') throw claimed.error;
  if (claimed.kind !== 'claimed') return claimed.kind;
  return callClaimed(context, prepared, claimed, { callTimes });
}

export type ClaimAttempt = ClaimResult | { kind: 'error'; error: unknown };

/**
 * The claim of a prepared live task, inside the caller's write transaction. The claim is a
 * savepoint: should it fail, whatever else the transaction carries (outcomes, other claims) still
 * commits, and the error comes back to be thrown after.
 */
export function claimInto(context: ExecutorContext, prepared: ReadyTask): ClaimAttempt {
  try {
    return claimTask(context, prepared.request);
  } catch (error) {
    return { kind: 'error', error };
  }
}

/** Learns how long channel calls take (live-group.ts). */
export interface CallTimes {
  record(callMs: number): void;
}

/**
 * Protocol step 5 for a claimed task: calls the channel, renewing the lease while the call runs
 * (and the leases of `waiting`: claims of the same group whose calls come after this one). A
 * success comes back as a PendingOutcome; a failure is recorded at once.
 */
export async function callClaimed(
  context: ExecutorContext,
  prepared: ReadyTask,
  claim: Extract<ClaimResult, { kind: 'claimed' }>,
  options: { callTimes?: CallTimes; waiting?: () => readonly string[] } = {},
): Promise<TaskRunResult | PendingOutcome> {
  const { task, handler } = prepared;
  const renewal = setInterval(() => {
    try {
      for (const id of [task.id, ...(options.waiting?.() ?? [])]) renewLease(context, id);
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
  const started = performance.now();
  // A call still running after a while shows in the logs while it runs; a quick one is logged
  // once, with its outcome. `settled` keeps the line out once the outcome is known.
  let settled = false;
  const runningNotice = setTimeout(() => {
    void withWriteLock(context.db, () => {
      if (settled) return;
      context.activity.log({
        level: 'info',
        eventType: 'task_running',
        taskId: task.id,
        taskAgent: task.assignedAgent,
        message: `Executing "${task.title}" (attempt ${claim.execution.attempt}) via ${handler.name}: still running after ${runningNoticeMs / 1000} s`,
        context: { attempt: claim.execution.attempt, channel: handler.id, idempotency_key: claim.execution.idempotencyKey },
      });
      // A notice only: should the lock never come, the outcome's line still tells what happened.
    }, outcomeLock).catch(() => undefined);
  }, runningNoticeMs);
  runningNotice.unref?.();
  try {
    let outcome;
    try {
      // A channel with nothing connected never reaches the provider and never fakes success.
      if (prepared.gate.kind === 'refuse') throw permanent(prepared.gate.reason);
      outcome = await handler.execute(prepared.payload, executionContext);
    } catch (error) {
      const failed = await withWriteLock(context.db, () => recordFailedAttempt(context, claim.task, claim.execution, classifyError(error)), outcomeLock);
      return failed?.status === 'new' ? 'retry' : 'failed';
    }
    return { task: claim.task, commit: () => (completeTask(context, claim.task, claim.execution, outcome) ? 'completed' : 'lost') };
  } finally {
    settled = true;
    clearTimeout(runningNotice);
    options.callTimes?.record(performance.now() - started);
    clearInterval(renewal);
    context.signal.removeEventListener('abort', onStop);
  }
}

async function safeDryRun(handler: AnyChannelHandler, payload: unknown, context: DryRunContext): Promise<DryRunResult> {
  try {
    return await handler.dryRun!(payload, context);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { preview: safePreviewOrGeneric(handler, payload), wouldFail: message, verdict: 'The dry run could not ask the provider' };
  }
}

function safePreviewOrGeneric(handler: AnyChannelHandler, payload: unknown): ExecutionPreview {
  const preview = safePreview(handler, payload);
  return 'error' in preview ? { channel: handler.id, summary: preview.error, detail: { kind: 'generic', fields: {} } } : preview;
}

function safePreview(handler: AnyChannelHandler, payload: unknown): ExecutionPreview | { error: string } {
  try {
    return handler.preview(payload);
  } catch (error) {
    return { error: `Preview failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
