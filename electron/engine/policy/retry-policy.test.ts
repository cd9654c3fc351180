import { describe, expect, it } from 'vitest';
import { defaultSettings } from '../../../shared/settings';
import { backoffDelayMs, decideRetry } from './retry-policy';

const policy = defaultSettings.retry;

describe('retry policy', () => {
  it('backs off 1 s, 2 s, 4 s by default', () => {
    expect([1, 2, 3].map((attempt) => backoffDelayMs(attempt, policy))).toEqual([1000, 2000, 4000]);
  });

  it('retries retryable errors until the third attempt, then escalates', () => {
    expect(decideRetry('retryable', 1, policy, null)).toMatchObject({ action: 'retry', delayMs: 1000 });
    expect(decideRetry('retryable', 2, policy, null)).toMatchObject({ action: 'retry', delayMs: 2000 });
    expect(decideRetry('retryable', 3, policy, null)).toMatchObject({ action: 'escalate' });
  });

  it("honours a provider's Retry-After when it is longer than the backoff", () => {
    expect(decideRetry('retryable', 1, policy, 30_000)).toMatchObject({ action: 'retry', delayMs: 30_000 });
    expect(decideRetry('retryable', 1, policy, 10)).toMatchObject({ action: 'retry', delayMs: 1000 });
  });

  it('never retries unknown outcomes and does not retry permanent errors', () => {
    expect(decideRetry('unknown_outcome', 1, policy, null).action).toBe('flag_unknown');
    expect(decideRetry('permanent', 1, policy, null).action).toBe('escalate');
  });
});
