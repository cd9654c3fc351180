import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EngineError } from '../../errors';
import { MemorySecretStore } from '../../secrets/types';
import { SingleFlight, secretKeyFor } from './credential-connection';
import type { ConnectContext } from './types';
import { KeyApiServer } from './test-support/key-api-server';
import { keyConnection } from './test-support/key-channel';

let server: KeyApiServer;
let secrets: MemorySecretStore;
const context: ConnectContext = { signal: new AbortController().signal, openBrowser: async () => undefined, now: () => new Date('2026-11-29T10:00:00.000Z') };
const signal = new AbortController().signal;

beforeEach(async () => {
  server = await KeyApiServer.start();
  server.keys.set('key-good', 'Audico Marketing');
  secrets = new MemorySecretStore();
});
afterEach(() => server.close());

const refusal = async (promise: Promise<unknown>) => {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(EngineError);
  return error as EngineError & { details: { fields: Record<string, string> } };
};

describe('CredentialConnection', () => {
  it('validates fields before asking the provider: required, pattern, and unknown fields refused (not dropped)', async () => {
    const connection = keyConnection(server, secrets);
    const missing = await refusal(connection.connect('api-key', {}, context));
    expect(missing.code).toBe('invalid_input');
    expect(missing.details.fields).toEqual({ apiKey: 'API key is required' });
    expect((await refusal(connection.connect('api-key', { apiKey: 'xkeysib-1' }, context))).details.fields).toEqual({ apiKey: 'An Acme API key starts with key-' });
    const unknown = await refusal(connection.connect('api-key', { apiKey: 'key-good', apikey: 'typo' }, context));
    expect(unknown.details.fields).toEqual({ apikey: 'Unknown field "apikey" for API key' });
    await expect(connection.connect('password', {}, context)).rejects.toThrow(/no connection method "password" \(known: api-key, refresh\)/);
    expect(server.meCalls).toBe(0);
    expect(await secrets.get(secretKeyFor('brevo'))).toBeNull();
  });

  it('refused credentials are a field error and nothing is saved; accepted ones are saved and say as whom', async () => {
    const connection = keyConnection(server, secrets);
    const refused = await refusal(connection.connect('api-key', { apiKey: 'key-wrong' }, context));
    expect(refused.details.fields).toEqual({ apiKey: 'Key not found or revoked' });
    expect(refused.message).toBe('Acme refused these credentials: Key not found or revoked');
    expect(await connection.status()).toMatchObject({ state: 'not_connected', detail: 'Connect Acme in Settings → Channels' });

    const started = await connection.connect('api-key', { apiKey: ' key-good ', account: 'main' }, context);
    expect(started.authUrl).toBeNull();
    expect(await started.done).toMatchObject({ state: 'connected', account: 'Audico Marketing', source: 'app', method: 'api-key' });
    const stored = JSON.parse((await secrets.get('channel.brevo'))!);
    expect(stored.values).toEqual({ apiKey: 'key-good', account: 'main' });
    expect(await connection.unavailableReason()).toBeNull();
  });

  it('a provider that cannot be asked is not a field error and saves nothing', async () => {
    server.down = true;
    const error = await refusal(keyConnection(server, secrets).connect('api-key', { apiKey: 'key-good' }, context));
    expect(error.message).toMatch(/Could not check the credentials with Acme: Acme answered 503/);
    expect(error.details).toBeUndefined();
    expect(await secrets.get('channel.brevo')).toBeNull();
  });

  it('environment variables win over what the app saved, are never copied into the store, and new values start clean', async () => {
    const app = keyConnection(server, secrets);
    await (await app.connect('api-key', { apiKey: 'key-good' }, context)).done;
    server.keys.set('key-env', 'Env Account');
    const fromEnv = keyConnection(server, secrets, { ACME_API_KEY: 'key-env' });
    expect(await fromEnv.status()).toMatchObject({ state: 'connected', source: 'env', method: 'api-key', detail: 'Connected (from environment variables)' });
    expect(await fromEnv.check(signal)).toMatchObject({ state: 'connected', account: 'Env Account' });
    expect(await secrets.get('channel.brevo')).not.toContain('key-env');

    server.keys.delete('key-env');
    expect(await fromEnv.check(signal)).toMatchObject({ state: 'needs_reconnect', detail: 'Acme needs reconnecting: Key not found or revoked. Reconnect in Settings → Channels' });
    // A different key in the environment is a new connection: the refusal of the old one does not stick.
    server.keys.set('key-env-2', 'Env Account 2');
    expect(await keyConnection(server, secrets, { ACME_API_KEY: 'key-env-2' }).status()).toMatchObject({ state: 'connected' });
  });

  it('revoked → needs_reconnect (tasks held); an outage → error (tasks not held); a good check clears both', async () => {
    const connection = keyConnection(server, secrets);
    await (await connection.connect('api-key', { apiKey: 'key-good' }, context)).done;
    server.down = true;
    expect(await connection.check(signal)).toMatchObject({ state: 'error', lastCheck: { ok: false, message: expect.stringMatching(/503/) } });
    expect(await connection.unavailableReason()).toBeNull();
    server.down = false;
    server.keys.delete('key-good');
    expect(await connection.check(signal)).toMatchObject({ state: 'needs_reconnect' });
    expect(await connection.unavailableReason()).toMatch(/^Acme needs reconnecting: Key not found or revoked/);
    server.keys.set('key-good', 'Audico Marketing');
    expect(await connection.check(signal)).toMatchObject({ state: 'connected', lastCheck: { ok: true } });
    await connection.markReconnectNeeded('the provider answered 401 mid-send');
    expect(await connection.status()).toMatchObject({ state: 'needs_reconnect', detail: expect.stringContaining('401 mid-send') });
    await connection.disconnect();
    expect(await connection.status()).toMatchObject({ state: 'not_connected' });
    expect(await secrets.get('channel.brevo')).toBeNull();
  });

  it('a rotated refresh token is saved before it is used again; two checks at once refresh once', async () => {
    server.refreshTokens.add('refresh-0');
    const connection = keyConnection(server, secrets);
    const connected = await (await connection.connect('refresh', { refreshToken: 'refresh-0' }, context)).done;
    expect(connected).toMatchObject({ state: 'connected', account: 'Rotating Account' });
    expect(JSON.parse((await secrets.get('channel.brevo'))!).tokens).toEqual({ refreshToken: 'refresh-1' });

    const [first, second] = await Promise.all([connection.check(signal), connection.check(signal)]);
    expect(first.state).toBe('connected');
    expect(second.state).toBe('connected');
    expect(server.refreshCalls).toBe(2); // connect + ONE for both checks (single-use tokens: two would lock the account out)
    expect(JSON.parse((await secrets.get('channel.brevo'))!).tokens).toEqual({ refreshToken: 'refresh-2' });
    expect(server.refreshTokens).toEqual(new Set(['refresh-2']));
    // Another process reading the store now uses the token that still works.
    expect(await keyConnection(server, secrets).check(signal)).toMatchObject({ state: 'connected' });
  });
});

describe('SingleFlight', () => {
  it('shares one run per key while it is in flight, then runs again; failures are shared and cleared', async () => {
    const flight = new SingleFlight<number>();
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const work = async () => {
      runs++;
      await gate;
      return runs;
    };
    const a = flight.run('x', work);
    const b = flight.run('x', work);
    const other = flight.run('y', async () => 99);
    release();
    expect(await Promise.all([a, b, other])).toEqual([1, 1, 99]);
    expect(await flight.run('x', work)).toBe(2);
    const failing = flight.run('x', async () => Promise.reject(new Error('refused')));
    await expect(Promise.all([failing, flight.run('x', work)])).rejects.toThrow('refused');
    expect(await flight.run('x', work)).toBe(3);
  });
});
