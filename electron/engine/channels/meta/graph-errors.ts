/**
 * The Graph API's error envelope ({error: {message, type, code, error_subcode, is_transient,
 * error_user_msg, fbtrace_id}}) mapped to the protocol's classes from its codes: 190 (token
 * expired or revoked) needs reconnecting; 4, 17, 32, 613 and 80001-80014 are throttling (retried
 * when usage allows, not as an attempt); is_transient and 1/2 are retryable (unknown on a publish);
 * Instagram's 2207xxx subcodes say what was wrong with the media.
 */
import { ChannelError, permanent, retryable, unknownOutcome } from '../errors';

export type GraphCallKind = 'create' | 'read';

export interface GraphErrorBody {
  message?: string;
  type?: string;
  code?: number;
  error_subcode?: number;
  is_transient?: boolean;
  error_user_title?: string;
  error_user_msg?: string;
  fbtrace_id?: string;
}

const throttling = new Set([4, 17, 32, 613]);
/** Instagram subcodes worth retrying later (publishing limit, media not ready, temporary failures). */
const instagramRetryable = new Map<number, string>([
  [2207042, 'the account reached its publishing limit for 24 hours'],
  [2207027, 'the media is not ready yet'],
  [2207001, 'Instagram had a temporary server error'],
  [2207003, 'fetching the media timed out'],
]);

/** Minutes to wait from Meta's usage headers (estimated_time_to_regain_access), if any. */
function regainMs(response: Response): number | null {
  for (const header of ['x-business-use-case-usage', 'x-app-usage', 'x-page-usage']) {
    const raw = response.headers.get(header);
    const match = raw ? /"estimated_time_to_regain_access"\s*:\s*(\d+)/.exec(raw) : null;
    if (match && Number(match[1]) > 0) return Number(match[1]) * 60_000;
  }
  return null;
}

export function graphError(response: Response, body: unknown, kind: GraphCallKind, what: string): ChannelError {
  const error = ((body as { error?: GraphErrorBody } | null)?.error ?? {}) as GraphErrorBody;
  const code = error.code ?? null;
  const subcode = error.error_subcode ?? null;
  const reason = [error.error_user_msg ?? error.message ?? `HTTP ${response.status}`, code !== null ? `code ${code}${subcode ? `/${subcode}` : ''}` : null].filter(Boolean).join(', ');
  const details = { status: response.status, graph: error };
  if (code === 190 || (code === 102 && !subcode)) {
    return permanent(`Meta refused the access token while ${what} (${reason})`, { details: { ...details, reconnectNeeded: true } });
  }
  if ((code !== null && throttling.has(code)) || (code !== null && code >= 80001 && code <= 80014)) {
    return retryable(`Meta is throttling this app while ${what} (${reason}); tried again when usage allows`, { details, retryAfterMs: regainMs(response) ?? 15 * 60_000, countsAsAttempt: false });
  }
  if (subcode !== null && instagramRetryable.has(subcode)) {
    const retryAfterMs = subcode === 2207042 ? 60 * 60_000 : 60_000;
    return retryable(`Instagram: ${instagramRetryable.get(subcode)} while ${what} (${reason})`, { details, retryAfterMs, countsAsAttempt: subcode !== 2207042 });
  }
  if (subcode !== null && subcode >= 2207000 && subcode < 2208000) return permanent(`Instagram refused ${what} (${reason})`, { details });
  if (code === 506) return permanent(`Facebook refused a duplicate post while ${what} (${reason})`, { details });
  if (error.is_transient || code === 1 || code === 2 || response.status >= 500) {
    const message = `The Graph API failed while ${what} (${reason})`;
    return kind === 'create' ? unknownOutcome(`${message}: it may have been published; reconciling before any retry`, { details }) : retryable(message, { details });
  }
  if (code === 10 || (code !== null && code >= 200 && code < 300)) return permanent(`Meta denied the permission for ${what} (${reason}): the token lacks a permission`, { details });
  return permanent(`Meta refused ${what} (${reason})`, { details });
}

export const needsReconnect = (error: unknown): boolean => error instanceof ChannelError && error.details.reconnectNeeded === true;
