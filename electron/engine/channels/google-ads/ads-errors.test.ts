import { describe, expect, it } from 'vitest';
import { classifyAdsError, durationMs } from './ads-errors';

const envelope = (errorCode: Record<string, string>, extra: Record<string, unknown> = {}) => ({
  error: { code: 400, message: 'Request contains an invalid argument.', status: 'INVALID_ARGUMENT', details: [{ '@type': 'type.googleapis.com/google.ads.googleads.v23.errors.GoogleAdsFailure', errors: [{ errorCode, message: 'm', ...extra }] }] },
});

describe('GoogleAdsFailure → protocol classes', () => {
  it('RESOURCE_TEMPORARILY_EXHAUSTED retries after its retry delay', () => {
    const error = classifyAdsError(429, envelope({ quotaError: 'RESOURCE_TEMPORARILY_EXHAUSTED' }, { details: { quotaErrorDetails: { retryDelay: '1.5s' } } }), { version: 'v23', mutation: true });
    expect(error).toMatchObject({ errorClass: 'retryable', retryAfterMs: 1500 });
  });

  it.each([
    [{ authorizationError: 'USER_PERMISSION_DENIED' }, 403],
    [{ campaignBudgetError: 'NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT' }, 400],
    [{ currencyCodeError: 'UNSUPPORTED' }, 400],
    [{ fieldError: 'REQUIRED' }, 400],
  ])('%j is permanent with the code', (code, status) => {
    const error = classifyAdsError(status, envelope(code), { version: 'v23', mutation: true });
    expect(error.errorClass).toBe('permanent');
    expect(error.message).toContain(Object.entries(code)[0]!.join('.'));
  });

  it('a 5xx without details on a mutation is an unknown outcome; on a read it retries', () => {
    expect(classifyAdsError(502, { error: { code: 502, message: 'Bad Gateway' } }, { version: 'v23', mutation: true }).errorClass).toBe('unknown_outcome');
    expect(classifyAdsError(502, { error: { code: 502, message: 'Bad Gateway' } }, { version: 'v23', mutation: false }).errorClass).toBe('retryable');
  });

  it('a bare 404 points at the API version setting', () => {
    expect(classifyAdsError(404, null, { version: 'v14', mutation: false }).message).toMatch(/API version v14.*GOOGLE_ADS_API_VERSION/);
  });

  it('reads protobuf durations', () => {
    expect([durationMs('30s'), durationMs('0.25s'), durationMs('soon'), durationMs(undefined)]).toEqual([30_000, 250, null, null]);
  });
});
