/**
 * How X connects: OAuth 2.0 with PKCE in the system browser (or headless X_CLIENT_ID,
 * X_CLIENT_SECRET, X_REFRESH_TOKEN), or OAuth 1.0a user keys that never expire. OAuth 2 access
 * tokens last about two hours and each refresh token works once: the rotated one is saved
 * (updateTokens) before the new access token is used, and only one refresh runs at a time.
 */
import { ApiResponseError, type TwitterApi } from 'twitter-api-v2';
import { z } from 'zod';
import type { ChannelDescriptor } from '../../../../shared/channel-connection';
import type { SecretStore } from '../../secrets/types';
import { CredentialConnection, CredentialsRefused, SingleFlight, type VerifyResult } from '../connection/credential-connection';
import { startLoopbackSignIn } from '../connection/oauth-loopback';
import type { ConnectContext } from '../connection/types';
import { permanent } from '../errors';
import { defaultXApiBase, xClient } from './x-client';
import { classifyXError, xReason } from './x-errors';

/** The scopes a post with media needs (offline.access gives the refresh token). */
export const xScopes = ['tweet.read', 'tweet.write', 'users.read', 'offline.access', 'media.write'];

export const xDescriptor: ChannelDescriptor = {
  id: 'x',
  name: 'X',
  agents: ['Social Media Agent'],
  methods: [
    {
      id: 'oauth2',
      label: 'Sign in with X (OAuth 2.0)',
      kind: 'oauth',
      help: 'Your X app\'s OAuth 2.0 client. Register the callback http://127.0.0.1:8976/callback (X_OAUTH_REDIRECT_PORT changes the port). Headless: set X_CLIENT_ID and X_REFRESH_TOKEN.',
      fields: [
        { key: 'clientId', label: 'Client ID', type: 'text', required: true, env: 'X_CLIENT_ID' },
        { key: 'clientSecret', label: 'Client secret (confidential clients)', type: 'secret', required: false, env: 'X_CLIENT_SECRET' },
        { key: 'refreshToken', label: 'Refresh token (headless, optional)', type: 'secret', required: false, env: 'X_REFRESH_TOKEN', help: 'The first one only: X rotates it on every refresh and the rotated ones live in the secret store.' },
      ],
    },
    {
      id: 'oauth1',
      label: 'OAuth 1.0a user keys',
      kind: 'form',
      help: 'The four keys from the X developer portal (Keys and tokens); they do not expire.',
      fields: [
        { key: 'apiKey', label: 'API key', type: 'text', required: true, env: 'X_API_KEY' },
        { key: 'apiSecret', label: 'API key secret', type: 'secret', required: true, env: 'X_API_SECRET' },
        { key: 'accessToken', label: 'Access token', type: 'text', required: true, env: 'X_ACCESS_TOKEN' },
        { key: 'accessSecret', label: 'Access token secret', type: 'secret', required: true, env: 'X_ACCESS_SECRET' },
      ],
    },
  ],
  endpoints: [{ env: 'X_API_BASE_URL', default: defaultXApiBase, meaning: 'Every X request (API, media upload, OAuth 2 token) goes to this origin instead' }],
  checkDescription: 'reads the account: GET /2/users/me',
};

const tokensSchema = z.object({
  accessToken: z.string().optional(),
  refreshToken: z.string().optional(),
  expiresAt: z.number().optional(),
  userId: z.string().optional(),
  username: z.string().optional(),
});
export type XTokens = z.infer<typeof tokensSchema>;

export interface XConnectionOptions {
  secrets: SecretStore;
  env: Record<string, string | undefined>;
  now?: () => Date;
  /** Told once when X refuses the saved credentials (the engine raises an alert). */
  onReconnectNeeded?: (message: string) => void;
}

/** The X connection plus the authenticated client the publisher uses. */
export class XAccount {
  readonly connection: CredentialConnection;
  readonly baseUrl: string;
  private readonly flight = new SingleFlight<string>();
  private readonly now: () => Date;

  constructor(private readonly options: XConnectionOptions) {
    this.baseUrl = options.env.X_API_BASE_URL?.trim() || defaultXApiBase;
    this.now = options.now ?? (() => new Date());
    this.connection = new CredentialConnection({
      descriptor: xDescriptor,
      secrets: options.secrets,
      env: options.env,
      now: this.now,
      verify: (method, values, tokens) => this.verify(method, values, tokens),
      startOAuth: (method, values, context) => this.startOAuth(values, context),
    });
  }

  /** Null when X can post; otherwise the reason tasks wait (not connected, sign-in unfinished, refused). */
  async unavailableReason(): Promise<string | null> {
    const reason = await this.connection.unavailableReason();
    if (reason) return reason;
    const record = await this.connection.record();
    const tokens = tokensSchema.parse(record?.tokens ?? {});
    if (record?.method === 'oauth2' && !tokens.refreshToken && !tokens.accessToken && !record.values.refreshToken) {
      return 'X sign-in is not finished: connect X in Settings → Channels (or set X_REFRESH_TOKEN)';
    }
    return null;
  }

  /** The client for the connected account and its user id. */
  async client(options: { forceRefresh?: boolean } = {}): Promise<{ client: TwitterApi; userId: string | null; username: string | null }> {
    const record = await this.connection.record();
    if (!record) throw permanent('No X account connected: connect X in Settings → Channels');
    const tokens = tokensSchema.parse(record.tokens);
    const who = { userId: tokens.userId ?? null, username: tokens.username ?? null };
    if (record.method === 'oauth1') {
      const { apiKey, apiSecret, accessToken, accessSecret } = record.values;
      return { client: xClient({ appKey: apiKey!, appSecret: apiSecret!, accessToken: accessToken!, accessSecret: accessSecret! }, this.baseUrl), ...who };
    }
    const valid = tokens.accessToken && (tokens.expiresAt ?? 0) > this.now().getTime() + 60_000;
    const accessToken = valid && !options.forceRefresh ? tokens.accessToken! : await this.flight.run('refresh', () => this.refresh(options.forceRefresh ? tokens.accessToken : undefined));
    return { client: xClient(accessToken, this.baseUrl), ...who };
  }

  /** Who the account is (for post URLs), remembered with the connection. */
  async identify(client: TwitterApi): Promise<{ userId: string; username: string }> {
    try {
      const me = await client.v2.me();
      await this.connection.updateTokens({ userId: me.data.id, username: me.data.username });
      return { userId: me.data.id, username: me.data.username };
    } catch (error) {
      throw classifyXError(error, 'reading the account (GET /2/users/me)', 'read');
    }
  }

  /**
   * Exchanges the current refresh token (single-use) for new tokens and saves them before
   * answering. `stale`: the access token that failed; when another refresh replaced it meanwhile,
   * that one is used instead of refreshing again.
   */
  private async refresh(stale?: string): Promise<string> {
    const record = await this.connection.record();
    if (!record) throw permanent('No X account connected: connect X in Settings → Channels');
    const tokens = tokensSchema.parse(record.tokens);
    if (stale && tokens.accessToken && tokens.accessToken !== stale && (tokens.expiresAt ?? 0) > this.now().getTime() + 60_000) return tokens.accessToken;
    const refreshToken = tokens.refreshToken ?? record.values.refreshToken;
    if (!refreshToken) throw permanent('X sign-in is not finished: connect X in Settings → Channels (or set X_REFRESH_TOKEN)');
    const app = xClient({ clientId: record.values.clientId!, clientSecret: record.values.clientSecret }, this.baseUrl);
    let result: Awaited<ReturnType<TwitterApi['refreshOAuth2Token']>>;
    try {
      result = await app.refreshOAuth2Token(refreshToken);
    } catch (error) {
      if (error instanceof ApiResponseError && (error.code === 400 || error.code === 401)) {
        const reason = `X refused the refresh token (${xReason(error)})`;
        await this.connection.markReconnectNeeded(reason);
        this.options.onReconnectNeeded?.(this.connection.reconnectMessage(reason));
        throw new CredentialsRefused(reason);
      }
      throw classifyXError(error, 'refreshing the X access token', 'read');
    }
    // Saved before the access token is used: the old refresh token no longer works.
    await this.connection.updateTokens({ accessToken: result.accessToken, refreshToken: result.refreshToken ?? refreshToken, expiresAt: this.now().getTime() + result.expiresIn * 1000 });
    return result.accessToken;
  }

  private async verify(method: string, values: Record<string, string>, tokens: Record<string, unknown>): Promise<VerifyResult> {
    const parsed = tokensSchema.parse(tokens);
    let client: TwitterApi;
    if (method === 'oauth1') client = xClient({ appKey: values.apiKey!, appSecret: values.apiSecret!, accessToken: values.accessToken!, accessSecret: values.accessSecret! }, this.baseUrl);
    else if (parsed.accessToken && (parsed.expiresAt ?? 0) > this.now().getTime() + 60_000) client = xClient(parsed.accessToken, this.baseUrl);
    else client = (await this.client()).client;
    try {
      const me = await client.v2.me();
      return { account: `@${me.data.username}`, tokens: { userId: me.data.id, username: me.data.username } };
    } catch (error) {
      if (error instanceof ApiResponseError && (error.code === 401 || error.code === 403)) throw new CredentialsRefused(`X refused the credentials (${xReason(error)})`);
      throw classifyXError(error, 'reading the account (GET /2/users/me)', 'read');
    }
  }

  private async startOAuth(values: Record<string, string>, context: ConnectContext) {
    const app = xClient({ clientId: values.clientId!, clientSecret: values.clientSecret }, this.baseUrl);
    const authorizeUrl = this.options.env.X_OAUTH_AUTHORIZE_URL?.trim() || 'https://x.com/i/oauth2/authorize';
    const port = Number(this.options.env.X_OAUTH_REDIRECT_PORT ?? 8976);
    const signIn = await startLoopbackSignIn({
      providerName: 'X',
      port,
      callbackPath: '/callback',
      signal: context.signal,
      openBrowser: context.openBrowser,
      authorizationUrl: ({ redirectUri, state, codeChallenge }) => {
        const query = new URLSearchParams({ response_type: 'code', client_id: values.clientId!, redirect_uri: redirectUri, scope: xScopes.join(' '), state, code_challenge: codeChallenge, code_challenge_method: 'S256' });
        return `${authorizeUrl}?${query.toString()}`;
      },
      exchange: async ({ code, redirectUri, codeVerifier }) => {
        const result = await app.loginWithOAuth2({ code, codeVerifier, redirectUri });
        const me = await xClient(result.accessToken, this.baseUrl).v2.me();
        const tokens: XTokens = { accessToken: result.accessToken, refreshToken: result.refreshToken, expiresAt: this.now().getTime() + result.expiresIn * 1000, userId: me.data.id, username: me.data.username };
        return { tokens, account: `@${me.data.username}` };
      },
    });
    return { authUrl: signIn.authUrl, finished: signIn.result };
  }
}
