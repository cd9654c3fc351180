/**
 * What a failed Gmail or OAuth call means for the executor. The distinction that matters is
 * whether the request may have reached Gmail: a refused connection or a DNS failure proves it did
 * not (retryable); a connection dropped after the request was written, a timeout or a 5xx do not
 * prove anything (ambiguous: the caller looks the message up before deciding).
 */
import { parseRetryAfter } from '../errors';

export interface GmailFailure {
  /** HTTP status, null for network errors. */
  status: number | null;
  /** Node/undici error codes found on the error or its causes (ECONNREFUSED, UND_ERR_SOCKET, ...). */
  codes: string[];
  message: string;
  retryAfterMs: number | null;
  /** Gmail's error reason (rateLimitExceeded, insufficientPermissions, ...). */
  reason: string | null;
  /** The OAuth token endpoint's error (invalid_grant, invalid_client, ...). */
  oauthError: string | null;
  /** Evidence kept with the execution. */
  details: Record<string, unknown>;
}

/** Codes that prove the request never left this machine. */
const notSentCodes = new Set([
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_CONNECT_TIMEOUT',
  'CERT_HAS_EXPIRED',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

interface ErrorLike {
  message?: string;
  code?: unknown;
  status?: unknown;
  cause?: unknown;
  response?: { status?: number; headers?: unknown; data?: unknown };
}

function headerValue(headers: unknown, name: string): string | null {
  if (!headers) return null;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name);
  const value = (headers as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : null;
}

/** Normalizes a gaxios/fetch error into the facts the classification needs. */
export function describeFailure(error: unknown, now: number = Date.now()): GmailFailure {
  const codes: string[] = [];
  let cursor: unknown = error;
  for (let depth = 0; cursor && depth < 6; depth++) {
    const code = (cursor as ErrorLike).code;
    if (typeof code === 'string' && !codes.includes(code)) codes.push(code);
    cursor = (cursor as ErrorLike).cause;
  }
  const err = (error ?? {}) as ErrorLike;
  const response = err.response;
  const status = typeof response?.status === 'number' ? response.status : typeof err.status === 'number' ? err.status : null;
  const data = response?.data as Record<string, unknown> | string | undefined;
  const apiError = typeof data === 'object' && data && typeof data.error === 'object' ? (data.error as { message?: string; errors?: { reason?: string }[] }) : null;
  const oauthError = typeof data === 'object' && data && typeof data.error === 'string' ? data.error : null;
  const description = typeof data === 'object' && data && typeof data.error_description === 'string' ? data.error_description : null;
  const message = apiError?.message ?? (oauthError ? `${oauthError}${description ? `: ${description}` : ''}` : (err.message ?? String(error)));
  return {
    status,
    codes,
    message,
    retryAfterMs: parseRetryAfter(headerValue(response?.headers, 'retry-after'), now),
    reason: apiError?.errors?.[0]?.reason ?? null,
    oauthError,
    details: { status, codes, reason: apiError?.errors?.[0]?.reason ?? null, oauth_error: oauthError, message, response: typeof data === 'string' ? data.slice(0, 500) : (data ?? null) },
  };
}

/** The request provably never reached Gmail. */
export const provablyNotSent = (failure: GmailFailure) => failure.status === null && failure.codes.some((code) => notSentCodes.has(code));

/** Gmail's rate limiting: 429, or 403 with a rate-limit reason. */
export const isRateLimited = (failure: GmailFailure) =>
  failure.status === 429 || (failure.status === 403 && /rateLimitExceeded|userRateLimitExceeded|quotaExceeded/i.test(failure.reason ?? ''));

/** Gmail may have acted: a 5xx, or a network failure after the request could have been written. */
export const isAmbiguous = (failure: GmailFailure) => (failure.status !== null && failure.status >= 500) || (failure.status === null && !provablyNotSent(failure));
