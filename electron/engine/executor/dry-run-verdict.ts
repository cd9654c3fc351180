/**
 * The honest verdict of a dry run (seen 4): everything a live run would check, nothing spent.
 * Order matters: a task that would fail is reported as failing even when its channel is also
 * not connected, because connecting the channel would not save it.
 */
import type { LimitKey } from '../../../shared/domain';
import type { DryRunVerdict } from '../../../shared/dry-run';
import type { ExecutionPreview } from '../../../shared/preview';
import type { AnyChannelHandler } from '../channels/types';
import { checkLimits, describeReset } from '../policy/limit-policy';
import { nextFreeAt, usageInWindow } from '../store/rate-limits';
import type { ExecutorContext } from './context';

export interface FoundVerdict {
  verdict: DryRunVerdict;
  /** Why (null when it would run). */
  reason: string | null;
}

/** Log wording per verdict ("would fail: …"). */
export const dryRunVerdictWords: Record<Exclude<DryRunVerdict, 'would_run'>, string> = {
  would_fail: 'would fail',
  would_be_held: 'would be held by a daily limit',
  not_connected: 'would wait: channel not connected',
};

/**
 * Why the channel could not act live, asked the way the dashboard's channel list asks: the
 * handler's own hold reason, else its connection, else its status; a handler with none of them
 * has no client yet (the ChannelHandler default), so it is "not connected".
 */
export async function connectionProblem(handler: AnyChannelHandler, unavailable: string | null): Promise<string | null> {
  if (unavailable) return unavailable;
  if (handler.connection) return handler.connection.unavailableReason();
  if (handler.status) {
    const status = await handler.status();
    return status.connected ? null : status.detail;
  }
  return `${handler.name} is not connected: the app has no client for it yet`;
}

export function dryRunVerdict(context: ExecutorContext, preview: ExecutionPreview | { error: string }, limitKeys: readonly LimitKey[], unavailable: string | null): FoundVerdict {
  if ('error' in preview) return { verdict: 'would_fail', reason: preview.error };
  const problems = preview.problems ?? [];
  if (problems.length) return { verdict: 'would_fail', reason: problems.map((problem) => (problem.field ? `${problem.field}: ${problem.message}` : problem.message)).join('; ') };
  if (unavailable) return { verdict: 'not_connected', reason: unavailable };
  const now = context.now();
  const keys: LimitKey[] = ['task_executor', ...limitKeys.filter((key) => key !== 'task_executor')];
  const limit = checkLimits(keys, (key) => usageInWindow(context.db, key, now).used, context.settings().dailyLimits);
  if (!limit.ok) return { verdict: 'would_be_held', reason: describeReset(limit.reason, nextFreeAt(context.db, limit.key, now, limit.limit)) };
  return { verdict: 'would_run', reason: null };
}
