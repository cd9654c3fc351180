import { describe, expect, it } from 'vitest';
import { approvalRoute, deepLinkUrl, findDeepLink, isSafeRoute, parseDeepLink } from './routes';

describe('deep links', () => {
  it('round-trip', () => {
    for (const link of [
      { kind: 'approve', taskId: 'abc-123', nonce: 'xyz' },
      { kind: 'reject', taskId: 'with space/slash?', nonce: 'xyz' },
      { kind: 'open', route: approvalRoute('t 1') },
    ] as const) {
      if (link.kind !== 'open' && link.taskId.includes('/')) {
        expect(parseDeepLink(deepLinkUrl(link))).toBeNull();
        continue;
      }
      expect(parseDeepLink(deepLinkUrl(link))).toEqual(link);
    }
  });

  it('refuse other schemes, unknown verbs and unsafe routes', () => {
    expect(parseDeepLink('https://approve/abc?nonce=x')).toBeNull();
    expect(parseDeepLink('mission-control://delete/abc')).toBeNull();
    expect(parseDeepLink('mission-control://open/?route=javascript:alert(1)')).toBeNull();
    expect(parseDeepLink('mission-control://open/?route=%23%2Fapprovals%22onload')).toBeNull();
    expect(parseDeepLink('mission-control://approve/')).toBeNull();
    expect(parseDeepLink('not a url')).toBeNull();
    expect(isSafeRoute('#/task/abc%20d')).toBe(true);
    expect(isSafeRoute('https://x')).toBe(false);
  });

  it('an approve link without the nonce parses with an empty nonce (main then only opens the task)', () => {
    expect(parseDeepLink('mission-control://approve/abc')).toEqual({ kind: 'approve', taskId: 'abc', nonce: '' });
  });

  it('found among argv', () => {
    expect(findDeepLink(['/opt/Mission Control/mission-control', '--no-sandbox', 'mission-control://approve/t1?nonce=n'])).toEqual({ kind: 'approve', taskId: 't1', nonce: 'n' });
    expect(findDeepLink(['app', '--flag'])).toBeNull();
  });
});
