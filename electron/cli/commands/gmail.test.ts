import { statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakeGmailServer } from '../../engine/channels/gmail/test-support/fake-gmail-server';
import { createEngine } from '../../engine/index';
import { tempDir } from '../../engine/test-support/engine-fixture';
import type { CliIo } from '../command';
import { gmailCommand } from './gmail';
import { parseArgs } from '../args';
import { runCli } from '../run-cli';

let fake: FakeGmailServer;
let dir: ReturnType<typeof tempDir>;
let env: Record<string, string>;

beforeEach(async () => {
  fake = await FakeGmailServer.start({ emailAddress: 'kenny@audico.example' });
  dir = tempDir();
  env = {
    MISSION_CONTROL_HOME: join(dir.path, 'home'),
    GMAIL_CLIENT_ID: fake.clientId,
    GMAIL_CLIENT_SECRET: fake.clientSecret,
    GMAIL_API_ROOT_URL: fake.rootUrl,
    GOOGLE_OAUTH_TOKEN_URL: fake.tokenUrl,
    GOOGLE_OAUTH_AUTH_URL: fake.authUrl,
  };
});
afterEach(async () => {
  await fake.close();
  dir.cleanup();
});

async function gmail(argv: string[], onOutput?: (text: string) => void, secret = ''): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const io: CliIo = {
    stdout: (text) => {
      stdout += text;
      onOutput?.(text);
    },
    stderr: (text) => void (stdout += text),
    env,
    openEngine: createEngine,
    readSecret: async () => secret,
  };
  const code = await gmailCommand.run(parseArgs(argv, gmailCommand.booleanFlags, gmailCommand.valueFlags ?? undefined), io);
  return { code, stdout };
}

describe('mission-control gmail', () => {
  it('status says how to connect; connect prints the URL and stores tokens 0600; disconnect removes them', async () => {
    const before = await gmail(['status']);
    expect(before).toEqual({ code: 1, stdout: 'Gmail: not available\nNo Gmail account connected: connect Gmail in Settings → Channels (or run `mission-control channels connect gmail`)\n' });

    const connected = await gmail(['connect', '--timeout', '30'], (text) => {
      const url = /https?:\/\/\S+/.exec(text)?.[0];
      if (url) void fetch(url); // the person opening the printed address
    });
    expect(connected.code).toBe(0);
    expect(connected.stdout).toContain(fake.authUrl);
    expect(connected.stdout).toContain('Connected Gmail as kenny@audico.example');
    expect(statSync(join(env.MISSION_CONTROL_HOME as string, 'secrets.json')).mode & 0o777).toBe(0o600);

    const status = await gmail(['status', '--json']);
    expect(status.code).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({ connected: true, email: 'kenny@audico.example', source: 'oauth' });

    const checked = await gmail(['status', '--check']);
    expect(checked).toMatchObject({ code: 0 });
    expect(checked.stdout).toContain('Gmail: connected (checked with Gmail)');

    expect((await gmail(['disconnect'])).code).toBe(0);
    expect((await gmail(['status'])).code).toBe(1);
  });
});

describe('mission-control gmail status --check', () => {
  it('with a revoked GMAIL_REFRESH_TOKEN reports reconnect needed and remembers it', async () => {
    env.GMAIL_REFRESH_TOKEN = fake.issueRefreshToken();
    expect((await gmail(['status'])).code).toBe(0);
    fake.revokeRefreshToken(env.GMAIL_REFRESH_TOKEN);
    const checked = await gmail(['status', '--check']);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toContain('Gmail needs to be reconnected');
    expect(checked.stdout).toContain('Gmail answered: invalid_grant');
    expect((await gmail(['status'])).stdout).toContain('Gmail needs to be reconnected');
  });
});

describe('registration', () => {
  it('is reachable as `mission-control gmail`', async () => {
    let stdout = '';
    const io: CliIo = { stdout: (text) => void (stdout += text), stderr: (text) => void (stdout += text), env, openEngine: createEngine };
    expect(await runCli(['gmail', 'status', '--check'], io)).toBe(1);
    expect(stdout).toContain('No Gmail account connected');
    expect(await runCli(['gmail', 'launch'], io)).toBe(2);
  });
});

describe('mission-control gmail connect --client-id (secret from a prompt or stdin)', () => {
  it('saves the OAuth client for later runs when the environment has none', async () => {
    delete env.GMAIL_CLIENT_ID;
    delete env.GMAIL_CLIENT_SECRET;
    expect((await gmail(['status'])).stdout).toContain('No Gmail account connected');
    const connected = await gmail(
      ['connect', '--client-id', fake.clientId],
      (text) => {
        const url = /https?:\/\/\S+/.exec(text)?.[0];
        if (url) void fetch(url);
      },
      fake.clientSecret,
    );
    expect(connected.code).toBe(0);
    expect(await gmail(['status', '--check'])).toMatchObject({ code: 0 });
    await expect(gmail(['connect', '--client-id', 'only-one'])).rejects.toThrow('no client secret given');
  });

  it('refuses --client-secret on the command line (it would show in the process list)', async () => {
    await expect(gmail(['connect', '--client-id', fake.clientId, '--client-secret', fake.clientSecret])).rejects.toThrow(/process list/);
  });
});
