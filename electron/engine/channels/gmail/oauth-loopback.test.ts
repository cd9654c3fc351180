import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../secrets/types';
import { GmailAccount, gmailTokenSecret } from './gmail-account';
import { gmailConfigFromEnv } from './gmail-config';
import { connectGmail } from './oauth-loopback';
import { FakeGmailServer } from './test-support/fake-gmail-server';

let fake: FakeGmailServer;
let secrets: MemorySecretStore;
let account: GmailAccount;

beforeEach(async () => {
  fake = await FakeGmailServer.start({ emailAddress: 'kenny@audico.example' });
  secrets = new MemorySecretStore();
  account = new GmailAccount(
    gmailConfigFromEnv({
      GMAIL_CLIENT_ID: fake.clientId,
      GMAIL_CLIENT_SECRET: fake.clientSecret,
      GMAIL_API_ROOT_URL: fake.rootUrl,
      GOOGLE_OAUTH_TOKEN_URL: fake.tokenUrl,
      GOOGLE_OAUTH_AUTH_URL: fake.authUrl,
    }),
    secrets,
  );
});
afterEach(() => fake.close());

describe('connectGmail: loopback redirect + PKCE S256 + state, end to end', () => {
  it('connects: consent URL is right, the code is exchanged with the verifier, tokens are stored', async () => {
    let browser: Promise<Response> | null = null;
    let opened = '';
    const result = await connectGmail({
      account,
      openBrowser: (url) => {
        opened = url;
        browser = fetch(url); // the "system browser": follows Google's redirect to the loopback listener
      },
    });
    const consent = new URL(opened);
    expect(consent.origin + consent.pathname).toBe(fake.authUrl);
    const params = fake.lastAuthorization;
    expect(params?.get('code_challenge_method')).toBe('S256');
    expect(params?.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(params?.get('state')?.length).toBeGreaterThanOrEqual(43);
    expect(params?.get('redirect_uri')).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/oauth2callback$/);
    expect(params?.get('access_type')).toBe('offline');
    expect(params?.get('scope')).toBe('https://www.googleapis.com/auth/gmail.modify');
    const tokenRequest = fake.requests.find((request) => request.operation === 'token');
    expect(new URLSearchParams(tokenRequest?.body).get('code_verifier')).toMatch(/^[A-Za-z0-9._~-]{43,128}$/);

    expect(result.email).toBe('kenny@audico.example');
    const stored = JSON.parse((await secrets.get(gmailTokenSecret)) ?? '{}') as Record<string, unknown>;
    expect(stored).toMatchObject({ source: 'oauth', email: 'kenny@audico.example', reconnectNeeded: null });
    expect(stored.refreshToken).toMatch(/^1\/\/fake-refresh-/);
    expect(await account.unavailableReason()).toBeNull();
    const page = await (browser as unknown as Promise<Response>);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Gmail connected');
  });

  it('refuses a callback with the wrong state and still completes the real sign-in', async () => {
    let forged: Response | null = null;
    const result = await connectGmail({
      account,
      openBrowser: async (url) => {
        const redirectUri = new URL(url).searchParams.get('redirect_uri') as string;
        forged = await fetch(`${redirectUri}?code=stolen&state=attacker`);
        void fetch(url);
      },
    });
    expect((forged as unknown as Response).status).toBe(400);
    expect(await (forged as unknown as Response).text()).toContain('state mismatch');
    expect(fake.requests.filter((request) => request.operation === 'token')).toHaveLength(1);
    expect(result.email).toBe('kenny@audico.example');
  });

  it('a denied consent stores nothing and says why', async () => {
    fake.consent = 'deny';
    await expect(connectGmail({ account, openBrowser: (url) => void fetch(url) })).rejects.toThrow('sign-in did not complete: access_denied');
    expect(await secrets.get(gmailTokenSecret)).toBeNull();
  });

  it('without a client id it explains what to set', async () => {
    const bare = new GmailAccount(gmailConfigFromEnv({}), secrets);
    await expect(connectGmail({ account: bare, openBrowser: () => undefined })).rejects.toThrow(/GMAIL_CLIENT_ID/);
  });
});
