/**
 * Google Ads REST errors → the protocol's classes. The error envelope is
 * `{error: {code, message, status, details: [{"@type": ".../GoogleAdsFailure", errors: [{errorCode:
 * {quotaError: "RESOURCE_EXHAUSTED"}, message, location: {fieldPathElements}, details:
 * {quotaErrorDetails: {retryDelay: "30s"}}}], requestId}]}}`. Quota and transient errors retry
 * (after Google's retry delay); argument, authorization, budget and currency errors are permanent
 * with Google's message and field path; a sunset API version says which setting to raise.
 */
import { ChannelError, permanent, retryable, unknownOutcome } from '../errors';

export interface AdsErrorItem {
  /** "quotaError.RESOURCE_EXHAUSTED" */
  code: string;
  message: string;
  /** "operations[0].update.cpc_bid_micros" */
  field: string | null;
  /** The operation this error belongs to (partial failure), or null. */
  operationIndex: number | null;
  retryDelayMs: number | null;
}

interface FieldPathElement {
  fieldName?: string;
  index?: number;
}
interface RawError {
  errorCode?: Record<string, string>;
  message?: string;
  location?: { fieldPathElements?: FieldPathElement[] };
  details?: { quotaErrorDetails?: { retryDelay?: string } };
}

const retryCodes = new Set(['RESOURCE_EXHAUSTED', 'RESOURCE_TEMPORARILY_EXHAUSTED', 'TRANSIENT_ERROR', 'CONCURRENT_MODIFICATION']);

/** "30s" / "1.5s" (protobuf Duration JSON) → ms. */
export const durationMs = (text: string | undefined): number | null => {
  const match = text?.match(/^(\d+(?:\.\d+)?)s$/);
  return match ? Math.round(Number(match[1]) * 1000) : null;
};

/** The GoogleAdsFailure errors inside a google.rpc.Status (an error body or a partialFailureError). */
export function failureItems(status: { details?: unknown[] } | undefined): AdsErrorItem[] {
  const items: AdsErrorItem[] = [];
  for (const detail of status?.details ?? []) {
    const errors = (detail as { errors?: RawError[] }).errors;
    if (!Array.isArray(errors)) continue;
    for (const error of errors) {
      const [kind, value] = Object.entries(error.errorCode ?? {})[0] ?? ['unknown', 'UNKNOWN'];
      const path = error.location?.fieldPathElements ?? [];
      const field = path.length ? path.map((e) => `${e.fieldName ?? '?'}${e.index !== undefined ? `[${e.index}]` : ''}`).join('.') : null;
      const operationIndex = path[0]?.fieldName === 'operations' && path[0].index !== undefined ? path[0].index : null;
      items.push({ code: `${kind}.${value}`, message: error.message ?? value, field, operationIndex, retryDelayMs: durationMs(error.details?.quotaErrorDetails?.retryDelay) });
    }
  }
  return items;
}

const describe = (item: AdsErrorItem) => `${item.message} (${item.code}${item.field ? ` at ${item.field}` : ''})`;

export const unsupportedVersionMessage = (version: string) =>
  `Google Ads no longer supports API version ${version} (UNSUPPORTED_VERSION): set GOOGLE_ADS_API_VERSION to a newer version (see https://developers.google.com/google-ads/api/docs/sunset-dates) and restart`;

/**
 * Classifies a non-2xx answer. `mutation`: the request could have changed something, so a 5xx
 * without a GoogleAdsFailure is an unknown outcome (reconciled by reading the value back).
 */
export function classifyAdsError(status: number, body: unknown, context: { version: string; mutation: boolean; retryAfterMs?: number | null }): ChannelError {
  const envelope = (body as { error?: { message?: string; status?: string; details?: unknown[] } } | null)?.error;
  const items = failureItems(envelope);
  const details = { httpStatus: status, status: envelope?.status ?? null, errors: items };
  if (items.some((item) => item.code.endsWith('.UNSUPPORTED_VERSION'))) return permanent(unsupportedVersionMessage(context.version), { details });
  if (status === 404 && !items.length) {
    // A sunset version's path is eventually not found at all: no GoogleAdsFailure to read.
    return permanent(`Google Ads answered 404 Not Found for API version ${context.version}; the version is probably no longer supported: set GOOGLE_ADS_API_VERSION to a newer version and restart`, { details });
  }
  const retry = items.find((item) => retryCodes.has(item.code.split('.')[1] ?? ''));
  if (retry) {
    const delay = Math.max(...items.map((item) => item.retryDelayMs ?? 0), context.retryAfterMs ?? 0);
    return retryable(`Google Ads asks to try again: ${describe(retry)}`, { retryAfterMs: delay > 0 ? delay : null, details });
  }
  const internal = items.find((item) => item.code.startsWith('internalError.'));
  if (internal) {
    return context.mutation ? unknownOutcome(`Google Ads had an internal error; the change may have been applied: ${describe(internal)}`, { details }) : retryable(`Google Ads had an internal error: ${describe(internal)}`, { details });
  }
  if (items.length) return permanent(`Google Ads refused the change: ${items.map(describe).join('; ')}`, { details });
  const message = envelope?.message ?? `HTTP ${status}`;
  if (status === 429) return retryable(`Google Ads rate limit: ${message}`, { retryAfterMs: context.retryAfterMs ?? null, details });
  if (status >= 500) {
    return context.mutation
      ? unknownOutcome(`Google Ads answered ${status} (${envelope?.status ?? 'server error'}: ${message}); the change may have been applied`, { details })
      : retryable(`Google Ads answered ${status}: ${message}`, { details });
  }
  return permanent(`Google Ads refused the request: ${envelope?.status ?? status}: ${message}`, { details });
}
