/**
 * What a Brevo failure means for the executor (channels/errors.ts). A 429 waits for Brevo's
 * `x-sib-ratelimit-reset` and spends no attempt; 402 (not enough credits) and other 4xx are
 * permanent with Brevo's own message; a refused connection proves nothing was sent; a 5xx or a
 * dropped connection on a call that sends proves nothing either way (the caller reads the campaign).
 */
import { ChannelError, permanent, retryable } from '../errors';
import { BrevoApiError } from './brevo-client';

/** Node error codes that prove the request never left this machine. */
const notSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ERR_INVALID_URL']);

export const isBrevoError = (error: unknown): error is BrevoApiError => error instanceof BrevoApiError;

/** True when Brevo may have acted on the request (5xx, timeout, connection dropped mid-request). */
export function mayHaveActed(error: unknown): boolean {
  if (!(error instanceof BrevoApiError)) return true;
  if (error.status === null) return !error.networkCodes.some((code) => notSentCodes.has(code));
  return error.status >= 500 || error.status === 408;
}

const details = (error: BrevoApiError) => ({ status: error.status, code: error.code, message: error.brevoMessage, operation: error.operation });

/**
 * A failure that says for certain what happened (Brevo refused the request), or null when Brevo
 * may have acted. `what` names the step for the message ("creating the campaign").
 */
export function knownBrevoFailure(error: unknown, what: string): ChannelError | null {
  if (!(error instanceof BrevoApiError)) return null;
  const info = { details: details(error), cause: error };
  if (error.status === 429) {
    const retryAfterMs = error.rateLimitResetSeconds !== null ? Math.max(1, error.rateLimitResetSeconds) * 1000 : 60_000;
    return retryable(`Brevo rate limit while ${what} (429${error.code ? ` ${error.code}` : ''}: ${error.brevoMessage}); trying again when the limit resets in ${Math.round(retryAfterMs / 1000)} s`, { ...info, retryAfterMs });
  }
  if (error.status === 402) return permanent(`Brevo refused ${what}: not enough credits (402 ${error.code ?? 'not_enough_credits'}: ${error.brevoMessage}). Add credits or upgrade the Brevo plan, then re-queue`, info);
  if (error.status === 401) return permanent(`Brevo refused the API key while ${what} (401: ${error.brevoMessage}). Reconnect Brevo in Settings → Channels`, info);
  if (error.status === 403) return permanent(`Brevo denied ${what} (403${error.code ? ` ${error.code}` : ''}: ${error.brevoMessage})`, info);
  if (error.status !== null && error.status >= 400 && error.status < 500 && error.status !== 408) {
    return permanent(`Brevo rejected ${what} (${error.status}${error.code ? ` ${error.code}` : ''}: ${error.brevoMessage})`, info);
  }
  if (!mayHaveActed(error)) return retryable(`Could not reach Brevo while ${what} (${error.brevoMessage}): nothing was sent`, info);
  return null;
}

/** Any failure of a step that sends nothing (reads, creating a draft found again by its marker): never an unknown outcome. */
export function beforeSendFailure(error: unknown, what: string): ChannelError {
  if (error instanceof ChannelError) return error;
  const known = knownBrevoFailure(error, what);
  if (known) return known;
  const message = error instanceof Error ? error.message : String(error);
  return retryable(`Brevo failed while ${what}, nothing was sent: ${message}`, { details: error instanceof BrevoApiError ? details(error) : {}, cause: error });
}
