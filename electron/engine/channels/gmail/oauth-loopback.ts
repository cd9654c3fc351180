/**
 * Connecting a Gmail account the way Google requires for native apps (RFC 8252), through the
 * provider-neutral loopback sign-in (connection/oauth-loopback.ts: system browser, loopback
 * redirect on an ephemeral port, PKCE S256, state checked before anything is exchanged). This
 * file only says how Google builds its consent URL and exchanges the code. The host decides how
 * the browser opens (shell.openExternal in the desktop app; the headless CLI prints the URL).
 */
import { gmail, type gmail_v1 } from '@googleapis/gmail';
import { CodeChallengeMethod } from 'google-auth-library';
import { startLoopbackSignIn } from '../connection/oauth-loopback';
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

/**
 * Starts the sign-in: answers with the consent URL once the browser was asked to open it;
 * `result` settles when the tokens are stored (or the sign-in fails, times out, is cancelled).
 */
export async function startGmailSignIn(options: ConnectGmailOptions): Promise<{ authUrl: string; result: Promise<ConnectGmailResult> }> {
  const { account } = options;
  const credentials = await account.clientCredentials();
  if (!credentials) throw new Error(missingClientMessage);
  return startLoopbackSignIn<ConnectGmailResult>({
    providerName: 'Gmail',
    timeoutMs: options.timeoutMs,
    signal: options.signal,
    openBrowser: options.openBrowser,
    authorizationUrl: ({ redirectUri, state, codeChallenge }) => {
      const client = account.oauthClientWith(credentials, redirectUri);
      return client.generateAuthUrl({
        access_type: 'offline',
        prompt: 'consent',
        scope: gmailScopes,
        state,
        code_challenge: codeChallenge,
        code_challenge_method: CodeChallengeMethod.S256,
      });
    },
    exchange: ({ code, redirectUri, codeVerifier }) => exchange(account, code, codeVerifier, redirectUri, options.now?.() ?? new Date()),
  });
}

/** Runs the whole sign-in and stores the tokens; resolves with the connected address. */
export async function connectGmail(options: ConnectGmailOptions): Promise<ConnectGmailResult> {
  const { result } = await startGmailSignIn(options);
  return result;
}

async function exchange(account: GmailAccount, code: string, codeVerifier: string, redirectUri: string, now: Date): Promise<ConnectGmailResult> {
  const client = await account.oauthClient(redirectUri);
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
    lastCheck: null,
  });
  return { email, scope: tokens.scope ?? null };
}
