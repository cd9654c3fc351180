// X's browser sign-in end to end: `mission-control channels connect x` as a real process, the
// consent page and token endpoint of the local X server (PKCE S256 verified, state round-tripped),
// the app's loopback listener (connection/oauth-loopback.ts), the tokens in the 0600 secrets file;
// then a post published with them after X expired the access token: the single-use refresh token
// is rotated and the new one stored before use.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createXHandler } from '../../engine/channels/x/x-handler';
import { FakeXServer } from '../../engine/channels/x/test-support/fake-x-server';
import { FileSecretStore } from '../../engine/secrets/file-secret-store';
import { tempDir, testEngine } from '../../engine/test-support/engine-fixture';

const entry = fileURLToPath(new URL('../index.ts', import.meta.url));
let fake: FakeXServer;
let dir: ReturnType<typeof tempDir>;
let env: Record<string, string>;

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

beforeEach(async () => {
  fake = await FakeXServer.start();
  dir = tempDir();
  env = { MISSION_CONTROL_HOME: join(dir.path, 'home'), X_API_BASE_URL: fake.baseUrl, X_OAUTH_AUTHORIZE_URL: fake.authorizeUrl, X_OAUTH_REDIRECT_PORT: String(await freePort()), X_CLIENT_ID: '', X_REFRESH_TOKEN: '', X_API_KEY: '' };
});
afterEach(async () => {
  await fake.close();
  dir.cleanup();
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** `mission-control channels ...`; `onStderr` sees the printed sign-in address as it comes. */
function channels(argv: string[], options: { stdin?: string; onStderr?: (text: string) => void } = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry, 'channels', ...argv, '--db', join(dir.path, 'mc.db')], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
      options.onStderr?.(chunk.toString());
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(options.stdin ?? '');
  });
}

/** The person's browser: opens the printed consent address, follows X's redirect to the app's listener. */
function browser(pages: { status: number; text: string }[], before?: (authUrl: URL) => Promise<void>) {
  let opened = false;
  return (text: string) => {
    const url = new RegExp(`${fake.authorizeUrl.replace(/[.?]/g, '\\$&')}\\S+`).exec(text)?.[0];
    if (!url || opened) return;
    opened = true;
    void (async () => {
      await before?.(new URL(url));
      const answer = await fetch(url);
      pages.push({ status: answer.status, text: await answer.text() });
    })();
  };
}

describe('mission-control channels connect x (OAuth 2.0 with PKCE, real processes)', () => {
  it('signs in through the browser, stores the tokens, and publishes after rotating the refresh token', async () => {
    const pages: { status: number; text: string }[] = [];
    // A forged answer (wrong state) reaching the listener first is refused and does not end the sign-in.
    const forged = async (authUrl: URL) => {
      const callback = new URL(authUrl.searchParams.get('redirect_uri')!);
      callback.search = new URLSearchParams({ code: 'attacker-code', state: 'not-ours' }).toString();
      const answer = await fetch(callback);
      pages.push({ status: answer.status, text: await answer.text() });
    };
    // Client secret and first refresh token are optional (public client, browser sign-in): Enter twice.
    const connected = await channels(['connect', 'x', '--method', 'oauth2', '--client-id', fake.clientId, '--timeout', '60'], { stdin: '\n\n', onStderr: browser(pages, forged) });
    expect(connected.stderr).toContain(fake.authorizeUrl);
    expect(connected.code).toBe(0);
    expect(connected.stdout).toContain('Connected as @AudicoSA');
    expect(pages).toEqual([
      { status: 400, text: expect.stringContaining('state mismatch') },
      { status: 200, text: expect.stringContaining('X is connected to Mission Control') },
    ]);

    const consent = fake.lastAuthorization!;
    expect(consent.get('scope')).toBe('tweet.read tweet.write users.read offline.access media.write');
    expect(consent.get('code_challenge_method')).toBe('S256');
    expect(consent.get('redirect_uri')).toBe(`http://127.0.0.1:${env.X_OAUTH_REDIRECT_PORT}/callback`);
    expect(consent.get('state')).toMatch(/^[\w-]{40,}$/);

    const secrets = new FileSecretStore(join(env.MISSION_CONTROL_HOME!, 'secrets.json'));
    const stored = JSON.parse((await secrets.get('channel.x'))!) as { source: string; values: Record<string, string>; tokens: { refreshToken: string; accessToken: string } };
    expect(stored).toMatchObject({ source: 'app', method: 'oauth2', values: { clientId: fake.clientId }, account: '@AudicoSA', tokens: { userId: fake.user.id, username: 'AudicoSA' } });
    const first = stored.tokens.refreshToken;
    expect(first).toMatch(/^rt-/);

    // Two hours later: X refuses the access token; the post refreshes once, saving the rotated token first.
    fake.expireAccessTokens();
    const engine = testEngine({ dir: dir.path, name: 'mc.db', secrets, handlers: [createXHandler({ env: { X_API_BASE_URL: fake.baseUrl }, secrets })] });
    try {
      const task = await engine.api['tasks:create']({ title: 'Launch post', assignedAgent: 'Social Media Agent', metadata: { platform: 'x', content: 'The Sonos Era 300 is in stock at Audico' } });
      await engine.api['approvals:approve']({ id: task.id, by: 'Kenny' });
      await engine.runCycle();
      const done = await engine.api['tasks:get']({ id: task.id });
      expect(done.task.status).toBe('completed');
      expect(fake.live().map((tweet) => tweet.text)).toEqual(['The Sonos Era 300 is in stock at Audico']);
    } finally {
      await engine.close();
    }
    const rotated = JSON.parse((await secrets.get('channel.x'))!) as { tokens: { refreshToken: string } };
    expect(rotated.tokens.refreshToken).toMatch(/^rt-/);
    expect(rotated.tokens.refreshToken).not.toBe(first);
    const reuse = await fetch(`${fake.baseUrl}/2/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'refresh_token', refresh_token: first, client_id: fake.clientId }) });
    expect(reuse.status).toBe(400); // the first refresh token worked once
  }, 240_000);

  it('headless: X_CLIENT_ID from the environment; a code redeemed without the PKCE verifier is refused; a denied consent is reported', async () => {
    env.X_CLIENT_ID = fake.clientId;
    const pages: { status: number; text: string }[] = [];
    const connected = await channels(['connect', 'x', '--timeout', '60', '--json'], { stdin: '\n\n', onStderr: browser(pages) });
    expect(connected.code).toBe(0);
    expect(JSON.parse(connected.stdout)).toMatchObject({ id: 'x', status: { state: 'connected', account: '@AudicoSA', source: 'env' } });
    const checked = await channels(['check', 'x', '--json']);
    expect(JSON.parse(checked.stdout)).toMatchObject({ status: { state: 'connected', lastCheck: { ok: true } } });

    // The token endpoint binds each code to its challenge: a stolen code without the verifier is useless.
    const redirect = `http://127.0.0.1:${env.X_OAUTH_REDIRECT_PORT}/callback`;
    const consent = await fetch(`${fake.authorizeUrl}?${new URLSearchParams({ response_type: 'code', client_id: fake.clientId, redirect_uri: redirect, scope: 'tweet.read', state: 's', code_challenge: 'E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM', code_challenge_method: 'S256' })}`, { redirect: 'manual' });
    const code = new URL(consent.headers.get('location')!).searchParams.get('code')!;
    const stolen = await fetch(`${fake.baseUrl}/2/oauth2/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirect, code_verifier: 'guessed', client_id: fake.clientId }) });
    expect(await stolen.json()).toMatchObject({ error: 'invalid_request', error_description: expect.stringContaining('code verifier') });

    fake.consent = 'deny';
    const denied = await channels(['connect', 'x', '--timeout', '60'], { stdin: '\n\n', onStderr: browser([]) });
    expect(denied.code).toBe(1);
    expect(denied.stderr).toMatch(/X \(Twitter\) was not connected: X sign-in did not complete: access_denied/);
  }, 240_000);
});
