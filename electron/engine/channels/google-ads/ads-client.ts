/**
 * The Google Ads REST client: plain fetch against
 * `{base}/{version}/customers/{id}/googleAds:search` (GAQL) and `.../{service}:mutate`, with
 * google-auth-library's OAuth2Client for access tokens. Not the gRPC client library: it cannot be
 * pointed at a local server and forces a dependency upgrade at every API sunset.
 */
import { OAuth2Client, type Credentials } from 'google-auth-library';
import { permanent, retryable, unknownOutcome, ChannelError, parseRetryAfter } from '../errors';
import type { AdsConfig } from './ads-config';
import { classifyAdsError, failureItems, type AdsErrorItem } from './ads-errors';

export interface AdsCredentials {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** Optional: Google ignores it now, older setups still send it. */
  developerToken: string | null;
  /** The manager account the access goes through, when the customer is managed. */
  loginCustomerId: string | null;
}

/** The refresh token was refused (revoked, expired): the connection needs reconnecting. */
export class AdsAuthRefused extends ChannelError {
  constructor(message: string) {
    super('permanent', message);
    this.name = 'AdsAuthRefused';
  }
}

export type AdsRow = Record<string, Record<string, unknown> | undefined>;

export interface MutateResult {
  /** One per operation, in order; null where the operation failed (partial failure). */
  results: ({ resourceName: string } | null)[];
  /** Errors of the operations that failed (partialFailure: true only). */
  failures: AdsErrorItem[];
}

export type MutateService = 'adGroups' | 'adGroupCriteria' | 'campaignBudgets' | 'campaigns';

const notSentCodes = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

function errorCodes(error: unknown): string[] {
  const codes: string[] = [];
  for (let cursor = error, depth = 0; cursor && depth < 5; depth++, cursor = (cursor as { cause?: unknown }).cause) {
    const code = (cursor as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
  }
  return codes;
}

export class AdsRestClient {
  private readonly oauth: OAuth2Client;

  constructor(
    private readonly config: AdsConfig,
    private readonly credentials: AdsCredentials,
    /** Called with rotated tokens (persist before use). */
    onTokens?: (tokens: Credentials) => void,
  ) {
    this.oauth = new OAuth2Client({ clientId: credentials.clientId, clientSecret: credentials.clientSecret, endpoints: { oauth2TokenUrl: config.tokenUrl, oauth2AuthBaseUrl: config.authUrl } });
    this.oauth.setCredentials({ refresh_token: credentials.refreshToken });
    if (onTokens) this.oauth.on('tokens', onTokens);
  }

  get version(): string {
    return this.config.apiVersion;
  }

  /** Runs a GAQL query; every page. Rows keep the REST shapes (camelCase, int64 as strings). */
  async search(customerId: string, query: string, signal: AbortSignal): Promise<AdsRow[]> {
    const rows: AdsRow[] = [];
    let pageToken: string | undefined;
    do {
      const body = (await this.call(`customers/${customerId}/googleAds:search`, { query, ...(pageToken ? { pageToken } : {}) }, signal, false)) as { results?: AdsRow[]; nextPageToken?: string };
      rows.push(...(body.results ?? []));
      pageToken = body.nextPageToken || undefined;
    } while (pageToken);
    return rows;
  }

  /** One mutate request. Without partialFailure the operations succeed or fail together (an error is thrown). */
  async mutate(customerId: string, service: MutateService, operations: unknown[], options: { validateOnly?: boolean; partialFailure?: boolean }, signal: AbortSignal): Promise<MutateResult> {
    const body = (await this.call(`customers/${customerId}/${service}:mutate`, { operations, partialFailure: options.partialFailure ?? false, validateOnly: options.validateOnly ?? false }, signal, !options.validateOnly)) as {
      results?: ({ resourceName?: string } | null)[];
      partialFailureError?: { details?: unknown[] };
    };
    const failures = failureItems(body.partialFailureError);
    const failed = new Set(failures.map((failure) => failure.operationIndex));
    const results = operations.map((_, index) => {
      const result = body.results?.[index];
      return failed.has(index) || !result?.resourceName ? null : { resourceName: result.resourceName };
    });
    return { results: options.validateOnly ? [] : results, failures };
  }

  private async accessToken(): Promise<string> {
    try {
      const { token } = await this.oauth.getAccessToken();
      if (!token) throw new Error('the token endpoint returned no access token');
      return token;
    } catch (error) {
      const data = (error as { response?: { data?: { error?: string; error_description?: string } } }).response?.data;
      if (data?.error === 'invalid_grant' || data?.error === 'unauthorized_client' || data?.error === 'invalid_client') {
        throw new AdsAuthRefused(`Google refused the saved authorization (${data.error}${data.error_description ? `: ${data.error_description}` : ''})`);
      }
      if (errorCodes(error).some((code) => notSentCodes.has(code))) throw retryable(`Could not reach Google's token endpoint: ${(error as Error).message}`);
      throw retryable(`Could not get a Google Ads access token: ${(error as Error).message}`);
    }
  }

  private async call(path: string, payload: unknown, signal: AbortSignal, mutation: boolean): Promise<unknown> {
    const token = await this.accessToken();
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    if (this.credentials.developerToken) headers['developer-token'] = this.credentials.developerToken;
    if (this.credentials.loginCustomerId) headers['login-customer-id'] = this.credentials.loginCustomerId;
    let response: Response;
    try {
      response = await fetch(`${this.config.baseUrl}/${this.config.apiVersion}/${path}`, { method: 'POST', headers, body: JSON.stringify(payload), signal });
    } catch (error) {
      const message = `Could not reach Google Ads: ${(error as Error).message}`;
      if (!mutation || errorCodes(error).some((code) => notSentCodes.has(code))) throw retryable(message, { cause: error });
      throw unknownOutcome(`${message}; the change may have been applied`, { cause: error });
    }
    const text = await response.text().catch(() => '');
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : {};
    } catch {
      body = null;
    }
    if (response.ok) {
      if (body === null) throw (mutation ? unknownOutcome : permanent)(`Google Ads answered ${response.status} with a body that is not JSON`);
      return body;
    }
    if (response.status === 401) throw new AdsAuthRefused(`Google Ads refused the access token (401): ${(body as { error?: { message?: string } } | null)?.error?.message ?? 'unauthenticated'}`);
    throw classifyAdsError(response.status, body, { version: this.config.apiVersion, mutation, retryAfterMs: parseRetryAfter(response.headers.get('retry-after')) });
  }
}
