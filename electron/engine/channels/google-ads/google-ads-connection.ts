/**
 * How the Google Ads channel connects: OAuth in the system browser (scope adwords, loopback
 * redirect with PKCE) with the customer id, or headless from GOOGLE_ADS_* environment variables
 * with a refresh token. The check is one cheap GAQL read of the customer (name, currency, time
 * zone). A refused refresh token (invalid_grant) marks the connection "needs reconnecting".
 */
import { CodeChallengeMethod, OAuth2Client } from 'google-auth-library';
import type { ChannelDescriptor, ConnectionField } from '../../../../shared/channel-connection';
import type { SecretStore } from '../../secrets/types';
import { CredentialConnection, CredentialsRefused, type StoredConnection } from '../connection/credential-connection';
import { startLoopbackSignIn } from '../connection/oauth-loopback';
import { adsConfigFromEnv, adsScope, customerIdPattern, normalizeCustomerId, type AdsConfig } from './ads-config';
import { AdsAuthRefused, AdsRestClient } from './ads-client';
import { readCustomer } from './ads-read';

const customerField = (env: string | null): ConnectionField => ({ key: 'customerId', label: 'Customer id', type: 'text', required: true, env, placeholder: '123-456-7890', help: 'The Google Ads account the changes apply to (top right in Google Ads).', pattern: customerIdPattern, patternMessage: 'A customer id has 10 digits (dashes allowed): 123-456-7890' });
const loginField = (env: string | null): ConnectionField => ({ key: 'loginCustomerId', label: 'Manager (login) customer id', type: 'text', required: false, env, placeholder: '123-456-7890', help: 'Only when access goes through a manager account.', pattern: customerIdPattern, patternMessage: 'A customer id has 10 digits (dashes allowed): 123-456-7890' });
const developerField = (env: string | null): ConnectionField => ({ key: 'developerToken', label: 'Developer token', type: 'secret', required: false, env, help: 'Optional: Google no longer requires it; older setups still send it.' });

export function googleAdsDescriptor(config: AdsConfig): ChannelDescriptor {
  return {
    id: 'google-ads',
    name: 'Google Ads',
    agents: ['Google Ads Agent'],
    methods: [
      {
        id: 'oauth',
        label: 'Sign in with Google',
        kind: 'oauth',
        help: 'Uses your own Google Cloud OAuth client ("Desktop app"); the consent page opens in your browser.',
        fields: [
          { key: 'clientId', label: 'OAuth client id', type: 'text', required: true, env: null },
          { key: 'clientSecret', label: 'OAuth client secret', type: 'secret', required: true, env: null },
          customerField(null),
          loginField(null),
          developerField(null),
        ],
      },
      {
        id: 'refresh_token',
        label: 'Refresh token (headless)',
        kind: 'form',
        help: 'For `mission-control serve`: the GOOGLE_ADS_* environment variables fill these in.',
        fields: [
          { key: 'clientId', label: 'OAuth client id', type: 'text', required: true, env: 'GOOGLE_ADS_CLIENT_ID' },
          { key: 'clientSecret', label: 'OAuth client secret', type: 'secret', required: true, env: 'GOOGLE_ADS_CLIENT_SECRET' },
          { key: 'refreshToken', label: 'Refresh token', type: 'secret', required: true, env: 'GOOGLE_ADS_REFRESH_TOKEN' },
          customerField('GOOGLE_ADS_CUSTOMER_ID'),
          loginField('GOOGLE_ADS_LOGIN_CUSTOMER_ID'),
          developerField('GOOGLE_ADS_DEVELOPER_TOKEN'),
        ],
      },
    ],
    endpoints: [
      { env: 'GOOGLE_ADS_API_VERSION', default: config.apiVersion, meaning: 'The REST API version; raise it when Google sunsets the current one (UNSUPPORTED_VERSION).' },
      { env: 'GOOGLE_ADS_API_BASE_URL', default: 'https://googleads.googleapis.com', meaning: 'The Google Ads REST endpoint.' },
      { env: 'GOOGLE_OAUTH_TOKEN_URL', default: 'https://oauth2.googleapis.com/token', meaning: "Google's OAuth token endpoint (as for Gmail)." },
    ],
    checkDescription: 'reads the customer with GAQL: SELECT customer.descriptive_name, customer.currency_code, customer.time_zone FROM customer',
  };
}

/** The client for a stored connection (refresh token from the form/env values or the OAuth tokens). */
export function clientFor(config: AdsConfig, record: Pick<StoredConnection, 'values' | 'tokens'>, onRefreshToken?: (token: string) => void): { client: AdsRestClient; customerId: string } | null {
  const refreshToken = record.values.refreshToken ?? (typeof record.tokens.refresh_token === 'string' ? record.tokens.refresh_token : null);
  const { clientId, clientSecret, customerId } = record.values;
  if (!refreshToken || !clientId || !clientSecret || !customerId) return null;
  const client = new AdsRestClient(
    config,
    { clientId, clientSecret, refreshToken, developerToken: record.values.developerToken ?? null, loginCustomerId: record.values.loginCustomerId ? normalizeCustomerId(record.values.loginCustomerId) : null },
    (tokens) => {
      if (tokens.refresh_token && tokens.refresh_token !== refreshToken) onRefreshToken?.(tokens.refresh_token);
    },
  );
  return { client, customerId: normalizeCustomerId(customerId) };
}

export interface GoogleAdsConnectionOptions {
  env: Record<string, string | undefined>;
  secrets: SecretStore;
  now?: () => Date;
}

export function createGoogleAdsConnection(options: GoogleAdsConnectionOptions): { connection: CredentialConnection; config: AdsConfig } {
  const config = adsConfigFromEnv(options.env);
  const connection: CredentialConnection = new CredentialConnection({
    descriptor: googleAdsDescriptor(config),
    secrets: options.secrets,
    env: options.env,
    now: options.now,
    async verify(_method, values, tokens, signal) {
      const made = clientFor(config, { values, tokens }, (token) => void connection.updateTokens({ refresh_token: token }));
      if (!made) throw new CredentialsRefused('No refresh token: sign in again', 'refreshToken');
      try {
        const customer = await readCustomer(made.client, made.customerId, signal);
        const dashed = made.customerId.replace(/^(\d{3})(\d{3})(\d{4})$/, '$1-$2-$3');
        return { account: `${customer.name ?? 'Google Ads'} (${dashed}, ${customer.currency}${customer.timeZone ? `, ${customer.timeZone}` : ''})` };
      } catch (error) {
        if (error instanceof AdsAuthRefused) throw new CredentialsRefused(error.message, 'refreshToken');
        throw error;
      }
    },
    async startOAuth(_method, values, context) {
      const oauth = new OAuth2Client({ clientId: values.clientId, clientSecret: values.clientSecret, endpoints: { oauth2TokenUrl: config.tokenUrl, oauth2AuthBaseUrl: config.authUrl } });
      const signIn = await startLoopbackSignIn({
        providerName: 'Google Ads',
        openBrowser: context.openBrowser,
        signal: context.signal,
        authorizationUrl: ({ redirectUri, state, codeChallenge }) =>
          oauth.generateAuthUrl({ access_type: 'offline', prompt: 'consent', scope: [adsScope], state, redirect_uri: redirectUri, code_challenge: codeChallenge, code_challenge_method: CodeChallengeMethod.S256 }),
        exchange: async ({ code, redirectUri, codeVerifier }) => {
          const { tokens } = await oauth.getToken({ code, codeVerifier, redirect_uri: redirectUri });
          if (!tokens.refresh_token) throw new Error('Google returned no refresh token: remove Mission Control at https://myaccount.google.com/permissions and connect again');
          return { refresh_token: tokens.refresh_token, scope: tokens.scope ?? adsScope };
        },
      });
      return { authUrl: signIn.authUrl, finished: signIn.result.then((tokens) => ({ tokens, account: null })) };
    },
  });
  return { connection, config };
}
