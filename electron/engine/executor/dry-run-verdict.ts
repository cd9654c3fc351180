/**
 * The honest verdict of a dry run (seen 4): everything a live run would check, nothing spent.
 * Order matters: a task that would fail is reported as failing even when its channel is also
 * not connected, because connecting the channel would not save it.
 */
import type { LimitKey } from '../../../shared/domain';
import type { DryRunVerdict } from '../../../shared/dry-run';
import type { ExecutionPreview } from '../../../shared/preview';
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
