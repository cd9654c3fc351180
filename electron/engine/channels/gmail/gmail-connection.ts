/**
 * Gmail on the connection model: the same GmailAccount (tokens under `channel.gmail` in the
 * SecretStore, the OAuth client, the "reconnect needed" state) seen through ChannelConnection, so
 * the API, the CLI, the executor and Settings → Channels treat Gmail like every other channel.
 * Nothing changes for Gmail's users: the same sign-in, the same variables, the same tokens.
 */
import type { ChannelDescriptor, ConnectionStatus } from '../../../../shared/channel-connection';
import { invalidInput } from '../../errors';
import { validateFields } from '../connection/credential-connection';
import type { ChannelConnection, ConnectContext, ConnectStart } from '../connection/types';
import type { GmailAccount, StoredGmailToken } from './gmail-account';
import { missingClientMessage, notConnectedMessage, reconnectMessage } from './gmail-config';
import { describeFailure } from './gmail-errors';
import { startGmailSignIn } from './oauth-loopback';

const clientHelp = 'A Google Cloud OAuth client of type “Desktop app”. Needed once unless GMAIL_CLIENT_ID and GMAIL_CLIENT_SECRET are set; stored on this computer.';

/** How Gmail connects: Google sign-in in the browser, or a refresh token (the cloud's GMAIL_REFRESH_TOKEN). */
export const gmailDescriptor: ChannelDescriptor = {
  id: 'gmail',
  name: 'Gmail',
  agents: ['Email Agent'],
  methods: [
    {
      id: 'oauth',
      label: 'Sign in with Google',
      kind: 'oauth',
      help: 'Opens Google’s consent page in your browser (loopback redirect, PKCE). Mission Control asks for gmail.modify: send, and look in Sent before sending.',
      fields: [
        { key: 'clientId', label: 'OAuth client id', type: 'text', required: false, env: 'GMAIL_CLIENT_ID', placeholder: '1234-abc.apps.googleusercontent.com', help: clientHelp },
        { key: 'clientSecret', label: 'OAuth client secret', type: 'secret', required: false, env: 'GMAIL_CLIENT_SECRET' },
      ],
    },
    {
      id: 'refresh-token',
      label: 'Refresh token',
      kind: 'form',
      help: 'A refresh token issued to your OAuth client for the gmail.modify scope (the cloud executor’s GMAIL_REFRESH_TOKEN).',
      fields: [
        { key: 'refreshToken', label: 'Refresh token', type: 'secret', required: true, env: 'GMAIL_REFRESH_TOKEN', placeholder: '1//0g…' },
        { key: 'clientId', label: 'OAuth client id', type: 'text', required: false, env: 'GMAIL_CLIENT_ID', help: clientHelp },
        { key: 'clientSecret', label: 'OAuth client secret', type: 'secret', required: false, env: 'GMAIL_CLIENT_SECRET' },
      ],
    },
  ],
  endpoints: [
    { env: 'GMAIL_API_ROOT_URL', default: 'https://gmail.googleapis.com/', meaning: 'Gmail API' },
    { env: 'GOOGLE_OAUTH_TOKEN_URL', default: 'https://oauth2.googleapis.com/token', meaning: 'Google OAuth token endpoint (code exchange, refresh)' },
    { env: 'GOOGLE_OAUTH_AUTH_URL', default: 'https://accounts.google.com/o/oauth2/v2/auth', meaning: 'Google consent page' },
  ],
  checkDescription: 'Asks Gmail who we are: users.getProfile (GET gmail/v1/users/me/profile), refreshing the access token if needed.',
};

export class GmailConnection implements ChannelConnection {
  readonly descriptor = gmailDescriptor;

  constructor(
    private readonly account: GmailAccount,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async status(): Promise<ConnectionStatus> {
    const token = await this.account.token();
    if (!token) return { state: 'not_connected', account: null, detail: notConnectedMessage, source: null, method: null, lastCheck: null };
    const base = {
      account: token.email,
      source: token.source === 'env' ? ('env' as const) : ('app' as const),
      method: token.source === 'env' ? 'refresh-token' : 'oauth',
      lastCheck: token.lastCheck,
    };
    if (token.reconnectNeeded) return { ...base, state: 'needs_reconnect', detail: reconnectMessage(token.reconnectNeeded.reason) };
    if (!(await this.account.clientCredentials())) return { ...base, state: 'error', detail: missingClientMessage };
    if (token.lastCheck && !token.lastCheck.ok) return { ...base, state: 'error', detail: `Gmail: last check failed: ${token.lastCheck.message}` };
    return { ...base, state: 'connected', detail: (await this.account.status()).detail };
  }

  unavailableReason(): Promise<string | null> {
    return this.account.unavailableReason();
  }

  async connect(methodId: string, values: Record<string, string>, context: ConnectContext): Promise<ConnectStart> {
    const method = this.descriptor.methods.find((candidate) => candidate.id === methodId);
    if (!method) throw invalidInput(`Gmail has no connection method "${methodId}" (known: ${this.descriptor.methods.map((m) => m.id).join(', ')})`);
    const clean = validateFields(method, values);
    if (!clean.clientId !== !clean.clientSecret) {
      const missing = clean.clientId ? 'clientSecret' : 'clientId';
      throw invalidInput('Enter both the OAuth client id and its secret, or leave both empty.', { fields: { [missing]: 'Enter both the OAuth client id and its secret, or leave both empty.' } });
    }
    const previousClient = await this.account.clientCredentials();
    if (clean.clientId && clean.clientSecret) await this.account.saveClientCredentials({ clientId: clean.clientId, clientSecret: clean.clientSecret });
    if (!(await this.account.clientCredentials())) {
      const needed = 'Needed: a Google Cloud “Desktop app” OAuth client (or GMAIL_CLIENT_ID and GMAIL_CLIENT_SECRET)';
      throw invalidInput('Gmail needs an OAuth client (Google Cloud "Desktop app" client): enter its id and secret, or set GMAIL_CLIENT_ID and GMAIL_CLIENT_SECRET.', {
        fields: { clientId: needed, clientSecret: needed },
      });
    }
    if (method.kind === 'form') return this.connectRefreshToken(clean.refreshToken!, previousClient, context);
    const { authUrl, result } = await startGmailSignIn({ account: this.account, openBrowser: context.openBrowser, signal: context.signal, now: context.now });
    return {
      authUrl,
      message: 'Finish signing in to Google in your browser; this page updates when Gmail is connected.',
      done: result.then(() => this.check(context.signal)),
    };
  }

  /** Checks a pasted refresh token with Google before keeping it; a refusal is a field error. */
  private async connectRefreshToken(refreshToken: string, previousClient: unknown, context: ConnectContext): Promise<ConnectStart> {
    const previous = await this.account.token();
    const at = context.now().toISOString();
    const candidate: StoredGmailToken = { source: 'oauth', refreshToken, accessToken: null, expiryDate: null, scope: null, email: null, connectedAt: at, reconnectNeeded: null, lastCheck: null };
    await this.account.save(candidate);
    try {
      const { api } = await this.account.api();
      const email = (await api.users.getProfile({ userId: 'me' }, { signal: context.signal })).data.emailAddress ?? null;
      const saved = (await this.account.token()) ?? candidate;
      await this.account.save({ ...saved, email, lastCheck: { at, ok: true, message: `Connected as ${email ?? 'unknown address'}` } });
    } catch (error) {
      // Put back what was there: a refused token never replaces a working one.
      if (previous?.source === 'oauth') await this.account.save(previous);
      else await this.account.disconnectTokens();
      if (!previousClient) await this.account.forgetClientCredentials();
      const failure = describeFailure(error);
      const field = failure.oauthError === 'invalid_client' || failure.oauthError === 'unauthorized_client' ? 'clientId' : 'refreshToken';
      throw invalidInput(`Google refused these credentials: ${failure.message}`, { fields: { [field]: `Google refused it: ${failure.message}` } });
    }
    const status = await this.status();
    return { authUrl: null, message: `Gmail connected${status.account ? ` as ${status.account}` : ''}`, done: Promise.resolve(status) };
  }

  /** users.getProfile: proves the tokens work, remembers the address; invalid_grant → needs reconnecting. */
  async check(signal: AbortSignal): Promise<ConnectionStatus> {
    const token = await this.account.token();
    if (!token || token.reconnectNeeded) return this.status();
    const at = this.now().toISOString();
    try {
      const { api } = await this.account.api();
      const email = (await api.users.getProfile({ userId: 'me' }, { signal })).data.emailAddress ?? null;
      const fresh = (await this.account.token()) ?? token;
      await this.account.save({ ...fresh, email: email ?? fresh.email, lastCheck: { at, ok: true, message: `Connected as ${email ?? 'unknown address'}` } });
    } catch (error) {
      const failure = describeFailure(error);
      if (failure.oauthError === 'invalid_grant') await this.account.markReconnectNeeded(failure.message, this.now());
      const fresh = await this.account.token();
      if (fresh) await this.account.save({ ...fresh, lastCheck: { at, ok: false, message: failure.message } });
    }
    return this.status();
  }

  disconnect(): Promise<void> {
    return this.account.disconnect();
  }

  markReconnectNeeded(reason: string): Promise<void> {
    return this.account.markReconnectNeeded(reason, this.now());
  }
}
