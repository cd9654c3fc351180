import { describe, expect, it } from 'vitest';
import { canDisconnect, connectRequest, connectableChannels, openConsentPage } from './channel-actions';

describe('connectRequest', () => {
  it('sends the OAuth client only when both fields are filled', () => {
    expect(connectRequest('gmail', '', '  ')).toEqual({ ok: true, input: { id: 'gmail' } });
    expect(connectRequest('gmail', ' id.apps ', ' s3cret ')).toEqual({ ok: true, input: { id: 'gmail', clientId: 'id.apps', clientSecret: 's3cret' } });
  });
  it('refuses one field without the other', () => {
    const result = connectRequest('gmail', 'id.apps', '');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toContain('both');
    expect(connectRequest('gmail', '', 'secret').ok).toBe(false);
  });
});

describe('openConsentPage', () => {
  const recorder = () => {
    const calls: unknown[][] = [];
    return { calls, open: (...args: unknown[]) => void calls.push(args) };
  };
  it('opens a new tab without an opener over HTTP', () => {
    const { calls, open } = recorder();
    expect(openConsentPage('https://accounts.google.com/o/oauth2/v2/auth?x=1', 'http', open)).toBe(true);
    expect(calls).toEqual([['https://accounts.google.com/o/oauth2/v2/auth?x=1', '_blank', 'noopener,noreferrer']]);
  });
  it('leaves it to the engine in the desktop app', () => {
    const { calls, open } = recorder();
    expect(openConsentPage('https://accounts.google.com/', 'ipc', open)).toBe(false);
    expect(calls).toEqual([]);
  });
  it('never opens a non-web URL', () => {
    const { calls, open } = recorder();
    expect(openConsentPage('javascript:alert(1)', 'http', open)).toBe(false);
    expect(openConsentPage('not a url', 'http', open)).toBe(false);
    expect(calls).toEqual([]);
  });
});

describe('channels', () => {
  it('only Gmail can be connected from the app', () => {
    expect([...connectableChannels]).toEqual(['gmail']);
  });
  it('offers Disconnect while tokens are stored', () => {
    expect(canDisconnect({ connected: true, detail: 'Connected as a@b' })).toBe(true);
    expect(canDisconnect({ connected: false, detail: 'Gmail needs to be reconnected: Google rejected …' })).toBe(true);
    expect(canDisconnect({ connected: false, detail: 'No Gmail account connected' })).toBe(false);
  });
});
