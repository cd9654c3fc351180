/**
 * Connecting a Gmail account the way Google requires for native apps (RFC 8252): the consent page
 * opens in the system browser, Google redirects to a loopback listener on an ephemeral port, the
 * code is bound to this sign-in by PKCE (S256) and `state` is checked before anything is
 * exchanged. The host decides how the browser opens (shell.openExternal in the desktop app; the
 * headless CLI prints the URL).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gmail, type gmail_v1 } from '@googleapis/gmail';
import { CodeChallengeMethod, type OAuth2Client } from 'google-auth-library';
import type { GmailAccount } from './gmail-account';
import { gmailScopes, missingClientMessage } from './gmail-config';

export interface ConnectGmailOptions {
  account: GmailAccount;
  /** Shows Google's consent page to the person. Called once with the authorization URL. */
  openBrowser: (url: string) => void | Promise<void>;
  /** How long to wait for the person. Default: 5 minutes. */
  timeoutMs?: number;
  signal?: AbortSignal;
  now?: () => Date;
}

export interface ConnectGmailResult {
  email: string | null;
  scope: string | null;
}

const page = (response: ServerResponse, status: number, title: string, text: string) =>
  response
    .writeHead(status, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
    .end(`<!doctype html><meta charset="utf-8"><title>${title}</title><body style="font-family:system-ui;margin:3rem"><h1>${title}</h1><p>${text}</p></body>`);

const sameState = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

/** Runs the whole sign-in and stores the tokens; resolves with the connected address. */
export async function connectGmail(options: ConnectGmailOptions): Promise<ConnectGmailResult> {
  const { account } = options;
  if (!(await account.clientCredentials())) throw new Error(missingClientMessage);
  const server = createServer();
  await new Promise<void>((resolve, reject) => server.once('error', reject).listen(0, '127.0.0.1', resolve));
  const redirectUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2callback`;
  let timer: NodeJS.Timeout | undefined;
  try {
    const client = await account.oauthClient(redirectUri);
    const { codeVerifier, codeChallenge } = await client.generateCodeVerifierAsync();
    const state = randomBytes(32).toString('base64url');
    const url = client.generateAuthUrl({
      access_type: 'offline',
      prompt: 'consent',
      scope: gmailScopes,
      state,
      code_challenge: codeChallenge,
      code_challenge_method: CodeChallengeMethod.S256,
    });

    const result = new Promise<ConnectGmailResult>((resolve, reject) => {
      timer = setTimeout(() => reject(new Error(`Timed out waiting for the Google sign-in (${Math.round((options.timeoutMs ?? 300_000) / 1000)} s)`)), options.timeoutMs ?? 300_000);
      options.signal?.addEventListener('abort', () => reject(new Error('Gmail connection cancelled')), { once: true });
      server.on('request', (request, response) => {
        const callback = new URL(request.url ?? '/', redirectUri);
        if (callback.pathname !== '/oauth2callback') return page(response, 404, 'Not found', 'This address only receives the Google sign-in.');
        // A response for another sign-in (or forged) is refused and the real one still awaited.
        if (!sameState(callback.searchParams.get('state') ?? '', state)) return page(response, 400, 'Sign-in not recognised', 'This response does not belong to the sign-in Mission Control started (state mismatch).');
        const error = callback.searchParams.get('error');
        if (error) {
          page(response, 400, 'Gmail not connected', `Google answered: ${error}. You can close this window.`);
          return reject(new Error(`Google sign-in did not complete: ${error}`));
        }
        const code = callback.searchParams.get('code');
        if (!code) return page(response, 400, 'Sign-in not recognised', 'The response carries no authorization code.');
        exchange(account, client, code, codeVerifier, redirectUri, options.now?.() ?? new Date()).then(
          (connected) => {
            page(response, 200, 'Gmail connected', `Mission Control can now send as ${connected.email ?? 'this account'}. You can close this window.`);
            resolve(connected);
          },
          (failure: unknown) => {
            page(response, 500, 'Gmail not connected', 'The sign-in could not be completed; see Mission Control for details.');
            reject(failure instanceof Error ? failure : new Error(String(failure)));
          },
        );
      });
    });
    await options.openBrowser(url);
    return await result;
  } finally {
    clearTimeout(timer);
    server.closeAllConnections();
    server.close();
  }
}

async function exchange(
  account: GmailAccount,
  client: OAuth2Client,
  code: string,
  codeVerifier: string,
  redirectUri: string,
  now: Date,
): Promise<ConnectGmailResult> {
  const { tokens } = await client.getToken({ code, codeVerifier, redirect_uri: redirectUri });
  if (!tokens.refresh_token) {
    throw new Error('Google returned no refresh token: remove Mission Control at https://myaccount.google.com/permissions and connect again');
  }
  client.setCredentials(tokens);
  let email: string | null = null;
  try {
    const api = gmail({ version: 'v1', auth: client as unknown as gmail_v1.Options['auth'], rootUrl: account.config.rootUrl });
    email = (await api.users.getProfile({ userId: 'me' })).data.emailAddress ?? null;
  } catch {
    email = null; // The address is only for display; the connection works without it.
  }
  await account.save({
    source: 'oauth',
    refreshToken: tokens.refresh_token,
    accessToken: tokens.access_token ?? null,
    expiryDate: tokens.expiry_date ?? null,
    scope: tokens.scope ?? null,
    email,
    connectedAt: now.toISOString(),
    reconnectNeeded: null,
  });
  return { email, scope: tokens.scope ?? null };
}
