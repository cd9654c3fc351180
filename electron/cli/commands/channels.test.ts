import { spawn } from 'node:child_process';
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGmailServer } from '../../engine/channels/gmail/test-support/fake-gmail-server';
import { tempDir } from '../../engine/test-support/engine-fixture';

const entry = fileURLToPath(new URL('../index.ts', import.meta.url));
let fake: FakeGmailServer;
let dir: ReturnType<typeof tempDir>;
let env: Record<string, string>;

beforeEach(async () => {
  fake = await FakeGmailServer.start({ emailAddress: 'kenny@audico.example' });
  dir = tempDir();
  env = {
    MISSION_CONTROL_HOME: join(dir.path, 'home'),
    GMAIL_API_ROOT_URL: fake.rootUrl,
    GOOGLE_OAUTH_TOKEN_URL: fake.tokenUrl,
    GOOGLE_OAUTH_AUTH_URL: fake.authUrl,
    GMAIL_CLIENT_ID: '',
    GMAIL_CLIENT_SECRET: '',
    GMAIL_REFRESH_TOKEN: '',
  };
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

/** `mission-control channels ...` as a real process; `onStderr` sees prompts and the sign-in URL as they come. */
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

const openPrintedUrl = (text: string) => {
  const url = /https?:\/\/\S+/.exec(text)?.[0];
  if (url) void fetch(url); // the person opening the printed address
};

describe('mission-control channels (real processes)', () => {
  it('lists six channels; Gmail connects through the browser sign-in, checks, and disconnects', async () => {
    const listed = await channels(['list', '--json']);
    expect(listed.code).toBe(0);
    const items = JSON.parse(listed.stdout).items as { id: string; status: { state: string; detail: string }; descriptor: unknown }[];
    expect(items.map((item) => item.id)).toEqual(['gmail', 'x', 'meta', 'brevo', 'opencart', 'google-ads']);
    expect(items.every((item) => item.status.state === 'not_connected')).toBe(true);
    expect(items.find((item) => item.id === 'x')).toMatchObject({ descriptor: { id: 'x' }, status: { state: 'not_connected', detail: expect.stringMatching(/Connect X/) } });

    env.GMAIL_CLIENT_ID = fake.clientId;
    env.GMAIL_CLIENT_SECRET = fake.clientSecret;
    const connected = await channels(['connect', 'gmail', '--timeout', '30'], { onStderr: openPrintedUrl });
    expect(connected.stderr).toContain(fake.authUrl);
    expect(connected.code).toBe(0);
    expect(connected.stdout).toContain('Connected as kenny@audico.example');
    const secretsFile = join(env.MISSION_CONTROL_HOME!, 'secrets.json');
    expect(statSync(secretsFile).mode & 0o777).toBe(0o600);
    expect(Object.keys(JSON.parse(readFileSync(secretsFile, 'utf8')))).toContain('channel.gmail');

    const checked = await channels(['check', 'gmail', '--json']);
    expect(checked.code).toBe(0);
    expect(JSON.parse(checked.stdout)).toMatchObject({ id: 'gmail', status: { state: 'connected', account: 'kenny@audico.example', lastCheck: { ok: true } } });
    expect(fake.count('profile')).toBeGreaterThanOrEqual(2);

    const human = await channels(['list']);
    expect(human.stdout).toMatch(/^gmail\s+Gmail\s+connected\s+Connected as kenny@audico\.example/m);

    const gone = await channels(['disconnect', 'gmail', '--json']);
    expect(gone.code).toBe(0);
    expect(JSON.parse(gone.stdout)).toMatchObject({ state: 'not_connected' });
    expect((await channels(['check', 'gmail'])).code).toBe(1);
  }, 240_000);

  it('reads secrets from stdin, never from argv; a refused refresh token is a field error and is not kept', async () => {
    const argvSecret = await channels(['connect', 'gmail', '--method', 'refresh-token', '--refresh-token', 'x']);
    expect(argvSecret.code).toBe(2);
    expect(argvSecret.stderr).toMatch(/--refresh-token is a secret: it is never read from the command line/);

    // Fields in declared order: refresh token (hidden), client id, client secret (hidden).
    const refused = await channels(['connect', 'gmail', '--method', 'refresh-token'], { stdin: `1//not-issued\n${fake.clientId}\n${fake.clientSecret}\n` });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/Refresh token \(or set GMAIL_REFRESH_TOKEN\) \[hidden\]: /);
    expect(refused.stderr).toMatch(/Refresh token: Google refused it: invalid_grant/);
    expect(refused.stderr).not.toContain('1//not-issued');
    expect(JSON.parse((await channels(['list', '--json'])).stdout).items[0].status.state).toBe('not_connected');

    const token = fake.issueRefreshToken();
    const accepted = await channels(['connect', 'gmail', '--method', 'refresh-token', '--client-id', fake.clientId, '--json'], { stdin: `${token}\n${fake.clientSecret}\n` });
    expect(accepted.code).toBe(0);
    expect(JSON.parse(accepted.stdout)).toMatchObject({ status: { state: 'connected', account: 'kenny@audico.example', method: 'oauth' } });
  }, 240_000);

  it('refuses a secret on the command line, unknown channels and unknown methods', async () => {
    const x = await channels(['connect', 'x', '--method', 'oauth1', '--api-secret', 'visible-in-ps']);
    expect(x.code).toBe(2);
    expect(x.stderr).toMatch(/--api-secret is a secret: it is never read from the command line/);
    expect((await channels(['check', 'fax'])).stderr).toMatch(/unknown channel "fax"/);
    expect((await channels(['connect', 'gmail', '--method', 'carrier-pigeon'])).code).toBe(2);
  }, 240_000);
});
