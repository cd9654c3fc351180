/**
 * Where the Gmail channel finds its OAuth client and endpoints. Environment variables win; the
 * defaults are Google's production endpoints. Overriding the endpoints (GMAIL_API_ROOT_URL,
 * GOOGLE_OAUTH_TOKEN_URL, GOOGLE_OAUTH_AUTH_URL) points the real clients at a local server
 * that speaks the same protocol, as the tests do.
 */

export interface GmailConfig {
  clientId: string | null;
  clientSecret: string | null;
  /** A refresh token from the environment (the cloud's GMAIL_REFRESH_TOKEN). */
  envRefreshToken: string | null;
  /** Default: https://gmail.googleapis.com/ */
  rootUrl: string;
  /** Default: https://oauth2.googleapis.com/token */
  tokenUrl: string;
  /** Default: https://accounts.google.com/o/oauth2/v2/auth */
  authUrl: string;
  /** Default: https://oauth2.googleapis.com/revoke */
  revokeUrl: string;
}

/** Full mailbox access minus permanent deletion: drafts.send, messages.send and the Sent lookups reconciliation needs. */
export const gmailScopes = ['https://www.googleapis.com/auth/gmail.modify'];

const value = (env: Record<string, string | undefined>, name: string) => {
  const text = env[name]?.trim();
  return text ? text : null;
};

export function gmailConfigFromEnv(env: Record<string, string | undefined>, overrides: Partial<GmailConfig> = {}): GmailConfig {
  return {
    clientId: value(env, 'GMAIL_CLIENT_ID'),
    clientSecret: value(env, 'GMAIL_CLIENT_SECRET'),
    envRefreshToken: value(env, 'GMAIL_REFRESH_TOKEN'),
    rootUrl: value(env, 'GMAIL_API_ROOT_URL') ?? 'https://gmail.googleapis.com/',
    tokenUrl: value(env, 'GOOGLE_OAUTH_TOKEN_URL') ?? 'https://oauth2.googleapis.com/token',
    authUrl: value(env, 'GOOGLE_OAUTH_AUTH_URL') ?? 'https://accounts.google.com/o/oauth2/v2/auth',
    revokeUrl: value(env, 'GOOGLE_OAUTH_REVOKE_URL') ?? 'https://oauth2.googleapis.com/revoke',
    ...overrides,
  };
}

export const notConnectedMessage = 'No Gmail account connected: connect Gmail in Settings → Channels (or run `mission-control channels connect gmail`)';
export const missingClientMessage =
  'Gmail OAuth client not configured: enter it in Settings → Channels or set GMAIL_CLIENT_ID and GMAIL_CLIENT_SECRET (a Google Cloud "Desktop app" OAuth client)';
export const reconnectMessage = (detail: string) =>
  `Gmail needs to be reconnected: Google rejected the saved authorization (${detail}). Reconnect Gmail in Settings → Channels (or run \`mission-control channels connect gmail\`)`;
