/**
 * The connected Gmail account: its tokens in the SecretStore (never in the database), the OAuth
 * client that refreshes them, and the "reconnect needed" state. A refresh token that Google
 * rejects (invalid_grant) is remembered, so email tasks are held with a clear reason instead of
 * failing in a loop; connecting again (or a different GMAIL_REFRESH_TOKEN) clears it.
 */
import { createHash } from 'node:crypto';
import { gmail, type gmail_v1 } from '@googleapis/gmail';
import { OAuth2Client, type Credentials } from 'google-auth-library';
import { z } from 'zod';
import type { SecretStore } from '../../secrets/types';
import { permanent } from '../errors';
import { missingClientMessage, notConnectedMessage, reconnectMessage, type GmailConfig } from './gmail-config';
import { describeFailure } from './gmail-errors';

/** SecretStore key holding the token record (JSON): every channel's secrets live under `channel.<id>`. */
export const gmailTokenSecret = 'channel.gmail';
/** SecretStore key holding an OAuth client saved from Settings or `channels connect gmail` (JSON). */
export const gmailClientSecret = 'channel.gmail.client';
/** Where releases before the connection model kept them: moved to the keys above on first read. */
export const legacyGmailSecrets = { [gmailTokenSecret]: 'gmail.oauth', [gmailClientSecret]: 'gmail.client' } as const;

export interface GmailClientCredentials {
  clientId: string;
  clientSecret: string;
}

export const storedGmailTokenSchema = z.object({
  source: z.enum(['oauth', 'env']),
  refreshToken: z.string().min(1),
  accessToken: z.string().nullable().default(null),
  expiryDate: z.number().nullable().default(null),
  scope: z.string().nullable().default(null),
  email: z.string().nullable().default(null),
  connectedAt: z.string(),
  reconnectNeeded: z.object({ reason: z.string(), at: z.string() }).nullable().default(null),
  /** The last `check` (users.getProfile): shown in Settings → Channels. */
  lastCheck: z.object({ at: z.string(), ok: z.boolean(), message: z.string() }).nullable().default(null),
});
export type StoredGmailToken = z.infer<typeof storedGmailTokenSchema>;

export interface GmailStatus {
  connected: boolean;
  reconnectNeeded: boolean;
  email: string | null;
  source: 'oauth' | 'env' | null;
  /** One line for `gmail status` and the Channels page. */
  detail: string;
}

const fingerprint = (token: string) => createHash('sha256').update(token).digest('hex').slice(0, 12);

export class GmailAccount {
  constructor(
    readonly config: GmailConfig,
    readonly secrets: SecretStore,
  ) {}

  /** The token in use: a connected account first, else GMAIL_REFRESH_TOKEN (with its remembered state). */
  async token(): Promise<StoredGmailToken | null> {
    const raw = await this.read(gmailTokenSecret);
    const parsed = raw ? storedGmailTokenSchema.safeParse(safeJson(raw)) : null;
    const stored = parsed?.success ? parsed.data : null;
    if (stored?.source === 'oauth') return stored;
    const envToken = this.config.envRefreshToken;
    if (!envToken) return null;
    if (stored && fingerprint(stored.refreshToken) === fingerprint(envToken)) return stored;
    return { source: 'env', refreshToken: envToken, accessToken: null, expiryDate: null, scope: null, email: stored?.email ?? null, connectedAt: new Date().toISOString(), reconnectNeeded: null, lastCheck: null };
  }

  /** Reads a secret, moving it from its pre-connection-model key first (older installs keep working). */
  private async read(key: keyof typeof legacyGmailSecrets): Promise<string | null> {
    const current = await this.secrets.get(key);
    if (current !== null) return current;
    const legacy = await this.secrets.get(legacyGmailSecrets[key]);
    if (legacy === null) return null;
    await this.secrets.set(key, legacy);
    await this.secrets.delete(legacyGmailSecrets[key]);
    return legacy;
  }

  async save(token: StoredGmailToken): Promise<void> {
    await this.secrets.set(gmailTokenSecret, JSON.stringify(token));
  }

  /** Null when the channel can send; otherwise why not (the executor holds email tasks with it). */
  async unavailableReason(): Promise<string | null> {
    const token = await this.token();
    if (!token) return notConnectedMessage;
    if (token.reconnectNeeded) return reconnectMessage(token.reconnectNeeded.reason);
    if (!(await this.clientCredentials())) return missingClientMessage;
    return null;
  }

  async status(): Promise<GmailStatus> {
    const token = await this.token();
    const reason = await this.unavailableReason();
    const who = token?.email ?? 'unknown address';
    return {
      connected: !!token && !reason,
      reconnectNeeded: !!token?.reconnectNeeded,
      email: token?.email ?? null,
      source: token?.source ?? null,
      detail: reason ?? `Connected as ${who} (${token?.source === 'env' ? 'GMAIL_REFRESH_TOKEN' : 'OAuth'}; tokens in ${this.secrets.description})`,
    };
  }

  /** Remembers that Google rejected the refresh token; cleared by connecting again. */
  async markReconnectNeeded(reason: string, now: Date = new Date()): Promise<void> {
    const token = await this.token();
    if (token) await this.save({ ...token, accessToken: null, expiryDate: null, reconnectNeeded: { reason, at: now.toISOString() } });
  }

  /** Forgets the tokens and the OAuth client saved from the app (GMAIL_* variables stay). */
  async disconnect(): Promise<void> {
    await this.disconnectTokens();
    await this.forgetClientCredentials();
  }

  /** Forgets the tokens only (the saved OAuth client stays). */
  async disconnectTokens(): Promise<void> {
    await this.secrets.delete(gmailTokenSecret);
    await this.secrets.delete(legacyGmailSecrets[gmailTokenSecret]);
  }

  /** Forgets an OAuth client saved from the app. */
  async forgetClientCredentials(): Promise<void> {
    await this.secrets.delete(gmailClientSecret);
    await this.secrets.delete(legacyGmailSecrets[gmailClientSecret]);
  }

  /** The OAuth client id/secret: GMAIL_CLIENT_ID/GMAIL_CLIENT_SECRET first, else the saved ones. */
  async clientCredentials(): Promise<GmailClientCredentials | null> {
    if (this.config.clientId && this.config.clientSecret) return { clientId: this.config.clientId, clientSecret: this.config.clientSecret };
    const raw = await this.read(gmailClientSecret);
    const parsed = z.object({ clientId: z.string().min(1), clientSecret: z.string().min(1) }).safeParse(raw ? safeJson(raw) : null);
    return parsed.success ? parsed.data : null;
  }

  /** Saves an OAuth client (from the Settings page or `gmail connect --client-id ... --client-secret ...`). */
  async saveClientCredentials(credentials: GmailClientCredentials): Promise<void> {
    await this.secrets.set(gmailClientSecret, JSON.stringify(credentials));
  }

  /** An OAuth client for the endpoints in config (token refreshes are persisted). */
  async oauthClient(redirectUri?: string): Promise<OAuth2Client> {
    return this.oauthClientWith(await this.clientCredentials(), redirectUri);
  }

  /** An OAuth client for given client credentials (the consent URL is built synchronously). */
  oauthClientWith(credentials: GmailClientCredentials | null, redirectUri?: string): OAuth2Client {
    return new OAuth2Client({
      clientId: credentials?.clientId,
      clientSecret: credentials?.clientSecret,
      redirectUri,
      endpoints: { oauth2TokenUrl: this.config.tokenUrl, oauth2AuthBaseUrl: this.config.authUrl, oauth2RevokeUrl: this.config.revokeUrl },
      // A 401 with an unexpired access token (revoked, clock skew) refreshes once and retries.
      forceRefreshOnFailure: true,
    });
  }

  /** The Gmail API client for the connected account; throws the reason (permanent) when there is none. */
  async api(): Promise<{ api: gmail_v1.Gmail; token: StoredGmailToken }> {
    const reason = await this.unavailableReason();
    const token = await this.token();
    if (reason || !token) throw permanent(reason ?? notConnectedMessage);
    const auth = await this.oauthClient();
    auth.setCredentials({ refresh_token: token.refreshToken, access_token: token.accessToken ?? undefined, expiry_date: token.expiryDate ?? undefined });
    auth.on('tokens', (fresh: Credentials) => {
      void this.save({
        ...token,
        refreshToken: fresh.refresh_token ?? token.refreshToken,
        accessToken: fresh.access_token ?? null,
        expiryDate: fresh.expiry_date ?? null,
        scope: fresh.scope ?? token.scope,
      }).catch((error: unknown) => console.error('[gmail] could not persist refreshed token:', error));
    });
    // Two copies of google-auth-library are installed (ours and googleapis-common's); the client is duck-typed.
    const api = gmail({ version: 'v1', auth: auth as unknown as gmail_v1.Options['auth'], rootUrl: this.config.rootUrl });
    return { api, token };
  }
}

/**
 * Asks Gmail who we are (users.getProfile): proves the tokens work, remembers the address, and
 * marks "reconnect needed" when Google rejects the refresh token. Returns the status afterwards.
 */
export async function verifyGmail(account: GmailAccount, now: Date = new Date()): Promise<GmailStatus & { verified: boolean; error: string | null }> {
  if (await account.unavailableReason()) return { ...(await account.status()), verified: false, error: null };
  try {
    const { api } = await account.api();
    const email = (await api.users.getProfile({ userId: 'me' })).data.emailAddress ?? null;
    const token = await account.token();
    if (token && email && token.email !== email) await account.save({ ...token, email });
    return { ...(await account.status()), verified: true, error: null };
  } catch (error) {
    const failure = describeFailure(error);
    if (failure.oauthError === 'invalid_grant') await account.markReconnectNeeded(failure.message, now);
    return { ...(await account.status()), verified: false, error: failure.message };
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
