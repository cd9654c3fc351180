import { describe, expect, it } from 'vitest';
import type { ConnectionMethod, ConnectionStatus } from '../../../shared/channel-connection';
import { canCheck, canDisconnect, connectInput, fieldErrorsOf, initialMethod, lockedFields, needsInput, openConsentPage, stateBadge } from './channel-actions';

const oauth: ConnectionMethod = {
  id: 'oauth',
  label: 'Sign in with Google',
  kind: 'oauth',
  fields: [
    { key: 'clientId', label: 'OAuth client id', type: 'text', required: false, env: 'GMAIL_CLIENT_ID' },
    { key: 'clientSecret', label: 'OAuth client secret', type: 'secret', required: false, env: 'GMAIL_CLIENT_SECRET' },
  ],
};
const apiKey: ConnectionMethod = { id: 'api-key', label: 'API key', kind: 'form', fields: [{ key: 'apiKey', label: 'API key', type: 'secret', required: true, env: 'BREVO_API_KEY' }] };
const status = (patch: Partial<ConnectionStatus>): ConnectionStatus => ({ state: 'not_connected', account: null, detail: '', source: null, method: null, lastCheck: null, ...patch });

describe('connectInput', () => {
  it('sends the filled, trimmed fields of the chosen method and never the ones the environment supplies', () => {
    expect(connectInput('gmail', oauth, { clientId: ' id.apps ', clientSecret: ' s3cret ' }, [])).toEqual({ id: 'gmail', method: 'oauth', values: { clientId: 'id.apps', clientSecret: 's3cret' } });
    expect(connectInput('gmail', oauth, { clientId: '', clientSecret: '  ' }, [])).toEqual({ id: 'gmail', method: 'oauth', values: {} });
    expect(connectInput('gmail', oauth, { clientId: 'typed', clientSecret: 'typed' }, ['GMAIL_CLIENT_ID'])).toEqual({ id: 'gmail', method: 'oauth', values: { clientSecret: 'typed' } });
  });
  it('asks for the form first when a required field is empty and not locked', () => {
    expect(needsInput(apiKey, {}, [])).toBe(true);
    expect(needsInput(apiKey, { apiKey: 'xkeysib-1' }, [])).toBe(false);
    expect(needsInput(apiKey, {}, ['BREVO_API_KEY'])).toBe(false);
    expect(needsInput(oauth, {}, [])).toBe(false);
    expect([...lockedFields(oauth, ['GMAIL_CLIENT_SECRET'])]).toEqual([['clientSecret', 'GMAIL_CLIENT_SECRET']]);
  });
  it('reads the engine’s field errors from invalid_input details', () => {
    expect(fieldErrorsOf({ details: { fields: { apiKey: 'Brevo refused it', bad: 3 } } })).toEqual({ apiKey: 'Brevo refused it' });
    expect(fieldErrorsOf(new Error('x'))).toEqual({});
    expect(fieldErrorsOf(null)).toEqual({});
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
  const descriptor = { id: 'gmail' as const, name: 'Gmail', agents: [], methods: [oauth, apiKey], endpoints: [], checkDescription: '' };
  it('offers Disconnect while the app holds credentials, not for environment variables or nothing', () => {
    expect(canDisconnect({ status: status({ state: 'connected', source: 'app' }) })).toBe(true);
    expect(canDisconnect({ status: status({ state: 'needs_reconnect', source: 'app' }) })).toBe(true);
    expect(canDisconnect({ status: status({ state: 'connected', source: 'env' }) })).toBe(false);
    expect(canDisconnect({ status: status({}) })).toBe(false);
  });
  it('offers Check now when something is configured and the channel has a client', () => {
    expect(canCheck({ descriptor, status: status({ state: 'error', source: 'app' }) })).toBe(true);
    expect(canCheck({ descriptor, status: status({}) })).toBe(false);
    expect(canCheck({ descriptor: null, status: status({ state: 'connected' }) })).toBe(false);
  });
  it('badges say what a person must do', () => {
    expect(stateBadge({ state: 'needs_reconnect' }, true)).toEqual({ label: 'Needs reconnecting', tone: 'failed' });
    expect(stateBadge({ state: 'not_connected' }, false).label).toBe('No client yet');
    expect(stateBadge({ state: 'not_connected' }, true).label).toBe('Not connected');
  });
  it('starts with the method in use, else the first', () => {
    expect(initialMethod({ descriptor, status: status({ method: 'api-key' }) })).toBe('api-key');
    expect(initialMethod({ descriptor, status: status({}) })).toBe('oauth');
  });
});
