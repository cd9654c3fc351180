/**
 * X's answers mapped to the protocol's error classes from their structured parts: the HTTP status,
 * the problem JSON (`type`, `title`, `detail`) and the rate-limit headers. A 429's
 * `x-rate-limit-reset` becomes the next try; 403 duplicate content and 402 depleted credits are
 * permanent; a 5xx or dropped connection on a call that creates something is an unknown outcome
 * (X may have accepted it), on a read it is retryable.
 */
import { ApiPartialResponseError, ApiRequestError, ApiResponseError } from 'twitter-api-v2';
import { ChannelError, permanent, retryable, unknownOutcome } from '../errors';

/** Whether the failed call creates something at X (a post): then a lost answer is an unknown outcome. */
export type XCallKind = 'create' | 'read';

const problemName = (type: unknown) => (typeof type === 'string' && type !== 'about:blank' ? type.split('/').pop() : undefined);

/** X's own words for a refused call: "UsageCapped: Usage cap exceeded: Monthly product cap". */
export function xReason(error: ApiResponseError): string {
  const data = (error.data ?? {}) as Record<string, unknown>;
  // OAuth endpoints answer {error, error_description} (the library also copies it into errors[]).
  if (typeof data.error === 'string') return typeof data.error_description === 'string' ? `${data.error}: ${data.error_description}` : data.error;
  const firstError = Array.isArray(data.errors) ? (data.errors[0] as Record<string, unknown> | undefined) : undefined;
  const name = problemName(data.type) ?? problemName(firstError?.type) ?? (typeof data.title === 'string' ? data.title : undefined);
  const detail = data.detail ?? firstError?.detail ?? firstError?.message ?? data.error_description ?? data.error ?? data.title;
  const text = [name, typeof detail === 'string' ? detail : undefined].filter((part, index, all) => part && all.indexOf(part) === index).join(': ');
  return text || `HTTP ${error.code}`;
}

const isDuplicate = (error: ApiResponseError) => /duplicate/i.test(JSON.stringify(error.data ?? {}));

export function isXAuthRefusal(error: unknown): error is ApiResponseError {
  return error instanceof ApiResponseError && error.code === 401;
}

/** Any error from an X call, as the ChannelError the executor acts on. */
export function classifyXError(error: unknown, what: string, kind: XCallKind, now: number = Date.now()): ChannelError {
  if (error instanceof ChannelError) return error;
  if (error instanceof ApiResponseError) {
    const reason = xReason(error);
    const details = { status: error.code, x: error.data, rateLimit: error.rateLimit ?? null };
    if (error.code === 429) {
      const reset = error.rateLimit?.reset ? error.rateLimit.reset * 1000 - now : null;
      const retryAfterMs = Math.max(1_000, reset ?? 60_000);
      return retryable(`X rate limit reached while ${what} (${reason}); next try at ${new Date(now + retryAfterMs).toISOString().slice(11, 19)} UTC when the limit resets`, {
        retryAfterMs,
        details: { ...details, rateLimited: true },
        countsAsAttempt: false,
        cause: error,
      });
    }
    if (error.code === 403 && isDuplicate(error)) return permanent(`X refused the post as duplicate content (${reason}): X does not allow posting the same text twice`, { details, cause: error });
    if (error.code === 402) return permanent(`X refused ${what}: the account's API credits are depleted (${reason})`, { details, cause: error });
    if (error.code === 401) return permanent(`X refused the credentials while ${what} (${reason})`, { details: { ...details, reconnectNeeded: true }, cause: error });
    if (error.code >= 500) {
      const message = `X answered ${error.code} while ${what} (${reason})`;
      return kind === 'create' ? unknownOutcome(`${message}: the post may exist; reconciling before any retry`, { details, cause: error }) : retryable(message, { details, cause: error });
    }
    return permanent(`X refused ${what} (${reason})`, { details, cause: error });
  }
  if (error instanceof ApiPartialResponseError) {
    const message = `X's answer was cut off while ${what}`;
    return kind === 'create' ? unknownOutcome(`${message}: the post may exist`, { cause: error }) : retryable(message, { cause: error });
  }
  if (error instanceof ApiRequestError) {
    const cause = error.requestError as NodeJS.ErrnoException;
    const neverSent = ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN'].includes(cause.code ?? '');
    const message = `Could not reach X while ${what} (${cause.code ?? cause.message})`;
    return neverSent || kind === 'read' ? retryable(message, { cause: error }) : unknownOutcome(`${message}: the post may exist`, { cause: error });
  }
  const message = error instanceof Error ? error.message : String(error);
  return kind === 'create' ? unknownOutcome(`${what}: ${message}`, { cause: error }) : retryable(`${what}: ${message}`, { cause: error });
}
