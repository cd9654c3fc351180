/**
 * Channel errors carry their class, because the executor's safety depends on it
 * (DESIGN.md, "Execution safety protocol"):
 * - retryable: nothing happened at the provider (network error before the request was sent,
 *   429, a 5xx the provider documents as not applied). Retried with backoff.
 * - permanent: will fail the same way again (validation, auth, missing connection). Not retried.
 * - unknown_outcome: the request may have taken effect (timeout or connection drop after sending,
 *   a 5xx after the provider accepted it). Never retried automatically; reconciled or flagged.
 */
import type { ErrorClass } from '../../../shared/domain';

export class ChannelError extends Error {
  readonly errorClass: ErrorClass;
  /** A provider's Retry-After, in milliseconds, for retryable errors. */
  readonly retryAfterMs: number | null;
  /** Evidence for a person (status code, provider response) kept with the execution. */
  readonly details: Record<string, unknown>;
  /**
   * False for a provider's rate limit or a connection waiting to be reconnected: the task is
   * tried again at `retryAfterMs` without spending one of its attempts. Default: true.
   */
  readonly countsAsAttempt: boolean;

  constructor(errorClass: ErrorClass, message: string, options: { retryAfterMs?: number | null; details?: Record<string, unknown>; cause?: unknown; countsAsAttempt?: boolean } = {}) {
    super(message, { cause: options.cause });
    this.name = 'ChannelError';
    this.errorClass = errorClass;
    this.retryAfterMs = options.retryAfterMs ?? null;
    this.details = options.details ?? {};
    this.countsAsAttempt = errorClass !== 'retryable' || options.countsAsAttempt !== false;
  }
}

export const retryable = (message: string, options?: ConstructorParameters<typeof ChannelError>[2]) =>
  new ChannelError('retryable', message, options);
export const permanent = (message: string, options?: ConstructorParameters<typeof ChannelError>[2]) =>
  new ChannelError('permanent', message, options);
export const unknownOutcome = (message: string, options?: ConstructorParameters<typeof ChannelError>[2]) =>
  new ChannelError('unknown_outcome', message, options);

/**
 * Classifies anything a handler threw. A plain Error is "unknown_outcome": we cannot prove the
 * provider did nothing, so it is not retried blindly.
 */
export function classifyError(error: unknown): ChannelError {
  if (error instanceof ChannelError) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new ChannelError('unknown_outcome', message, { cause: error });
}

/** Parses an HTTP Retry-After header (seconds or HTTP date) into milliseconds from `now`. */
export function parseRetryAfter(value: string | null | undefined, now: number = Date.now()): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? null : Math.max(0, at - now);
}
