/**
 * How Brevo connects: an API key (sent as the `api-key` header), checked with GET /account, which
 * says as whom (the account's e-mail and company). Headless: BREVO_API_KEY with the optional
 * BREVO_SENDER_EMAIL, BREVO_SENDER_NAME and BREVO_LIST_ID; BREVO_API_BASE_URL points the channel
 * at another host (default https://api.brevo.com/v3, which includes the `/v3`).
 */
import type { ChannelDescriptor } from '../../../../shared/channel-connection';
import type { SecretStore } from '../../secrets/types';
import { CredentialConnection, CredentialsRefused } from '../connection/credential-connection';
import { BrevoApiError, BrevoClient } from './brevo-client';

/** Default Brevo API base (with the version path). */
export const defaultBrevoBaseUrl = 'https://api.brevo.com/v3';

export const brevoDescriptor: ChannelDescriptor = {
  id: 'brevo',
  name: 'Brevo',
  agents: ['Marketing Agent'],
  methods: [
    {
      id: 'api-key',
      label: 'API key',
      kind: 'form',
      help: 'Create a key in Brevo under SMTP & API → API keys. The sender must be a verified sender of the account.',
      fields: [
        { key: 'apiKey', label: 'API key', type: 'secret', required: true, env: 'BREVO_API_KEY', placeholder: 'xkeysib-…', pattern: '^\\S+$', patternMessage: 'An API key has no spaces' },
        { key: 'senderEmail', label: 'Sender e-mail', type: 'email', required: false, env: 'BREVO_SENDER_EMAIL', help: 'Default: the account e-mail', pattern: '^[^\\s@]+@[^\\s@]+$', patternMessage: 'Expected an e-mail address' },
        { key: 'senderName', label: 'Sender name', type: 'text', required: false, env: 'BREVO_SENDER_NAME', help: 'Default: the company name of the account' },
        { key: 'listId', label: 'Default list id', type: 'number', required: false, env: 'BREVO_LIST_ID', help: 'Newsletters without list_ids go to this list', pattern: '^\\d+$', patternMessage: 'A Brevo list id is a number' },
      ],
    },
  ],
  endpoints: [{ env: 'BREVO_API_BASE_URL', default: defaultBrevoBaseUrl, meaning: 'Brevo API v3 base URL (include /v3)' }],
  checkDescription: 'reads the account: GET /v3/account',
};

/** What a send needs from the connection: the client and the defaults configured with it. */
export interface BrevoConfig {
  client: BrevoClient;
  sender: { email: string; name: string | null } | null;
  defaultListId: number | null;
  account: string | null;
}

export interface BrevoConnectionOptions {
  env: Record<string, string | undefined>;
  secrets: SecretStore;
  /** Default: globalThis.fetch. */
  fetch?: typeof fetch;
}

export class BrevoConnection extends CredentialConnection {
  private readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch | undefined;

  constructor(options: BrevoConnectionOptions) {
    const baseUrl = (options.env.BREVO_API_BASE_URL?.trim() || defaultBrevoBaseUrl).replace(/\/+$/, '');
    super({
      descriptor: brevoDescriptor,
      secrets: options.secrets,
      env: options.env,
      verify: async (_method, values, _tokens, signal) => {
        const client = new BrevoClient({ apiKey: values.apiKey ?? '', baseUrl, fetch: options.fetch });
        try {
          const account = await client.getAccount(signal);
          const who = [account.email, account.companyName].filter(Boolean).join(', ');
          return { account: who || 'Brevo account', tokens: { accountEmail: account.email ?? null, companyName: account.companyName ?? null } };
        } catch (error) {
          if (error instanceof BrevoApiError && (error.status === 401 || error.status === 403)) throw new CredentialsRefused(`${error.status} ${error.brevoMessage}`, 'apiKey');
          throw error;
        }
      },
    });
    this.baseUrl = baseUrl;
    this.fetchImpl = options.fetch;
  }

  /** The client and defaults, or null when nothing is connected. */
  async config(): Promise<BrevoConfig | null> {
    const record = await this.record();
    if (!record?.values.apiKey) return null;
    const values = record.values;
    const accountEmail = typeof record.tokens.accountEmail === 'string' ? record.tokens.accountEmail : null;
    const companyName = typeof record.tokens.companyName === 'string' ? record.tokens.companyName : null;
    const senderEmail = values.senderEmail ?? accountEmail;
    return {
      client: new BrevoClient({ apiKey: values.apiKey ?? '', baseUrl: this.baseUrl, fetch: this.fetchImpl }),
      sender: senderEmail ? { email: senderEmail, name: values.senderName ?? companyName } : null,
      defaultListId: values.listId ? Number(values.listId) : null,
      account: record.account,
    };
  }
}
