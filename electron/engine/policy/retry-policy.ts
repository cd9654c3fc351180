/**
 * What happens after a failed attempt: a pure function of (error class, attempts made, policy).
 * Default policy: 3 attempts, backoff 1 s then 2 s (doubling: 1 s, 2 s, 4 s, ... if more attempts
 * are allowed), a provider's Retry-After wins when longer; unknown outcomes are never retried.
 */
import type { ErrorClass } from '../../../shared/domain';
import type { RetryPolicy } from '../../../shared/settings';

export type RetryDecision =
  | { action: 'retry'; delayMs: number; reason: string }
  | { action: 'escalate'; reason: string }
  | { action: 'flag_unknown'; reason: string };

export function backoffDelayMs(attemptsMade: number, policy: RetryPolicy): number {
  const exponential = policy.baseDelayMs * 2 ** Math.max(0, attemptsMade - 1);
  return Math.min(exponential, policy.maxDelayMs);
}

export function decideRetry(errorClass: ErrorClass, attemptsMade: number, policy: RetryPolicy, retryAfterMs: number | null): RetryDecision {
  if (errorClass === 'unknown_outcome') {
    return { action: 'flag_unknown', reason: 'The outcome is unknown: it may have been sent. Not retried automatically.' };
  }
  if (errorClass === 'permanent') return { action: 'escalate', reason: 'Permanent error: retrying would fail the same way.' };
  if (attemptsMade >= policy.maxAttempts) {
    return { action: 'escalate', reason: `Failed ${attemptsMade} of ${policy.maxAttempts} attempts.` };
  }
  const backoff = backoffDelayMs(attemptsMade, policy);
  const delayMs = Math.min(Math.max(backoff, retryAfterMs ?? 0), Math.max(policy.maxDelayMs, backoff));
  const source = retryAfterMs !== null && retryAfterMs > backoff ? "the provider's Retry-After" : 'backoff';
  return { action: 'retry', delayMs, reason: `Attempt ${attemptsMade} of ${policy.maxAttempts} failed; retry in ${formatDuration(delayMs)} (${source}).` };
}

export function formatDuration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${Math.round(ms / 100) / 10} s`;
  if (ms < 3_600_000) return `${Math.round(ms / 6_000) / 10} min`;
  return `${Math.round(ms / 360_000) / 10} h`;
}
