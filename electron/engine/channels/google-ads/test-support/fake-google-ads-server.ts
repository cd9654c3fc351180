/**
 * A local server speaking the Google Ads REST shapes and Google's OAuth token endpoint, so the real
 * client (fetch + google-auth-library) runs against it: POST /{version}/customers/{id}/googleAds:search
 * (GAQL over FakeAdsAccount), POST /{version}/customers/{id}/{service}:mutate (update + updateMask,
 * validateOnly, partialFailure, billable-unit checks), the error envelope with GoogleAdsFailure
 * details, and faults on demand (quota with retry delay, transient, accept-then-hang, sunset version).
 */
import { randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { defaultAdsApiVersion } from '../ads-config';
import { FakeAdsAccount, type Resource } from './fake-ads-account';
import { runGaql } from './fake-gaql';

export type FakeAdsOperation = 'search' | 'mutate' | 'token';
export type FakeAdsFault = { kind: 'quota'; retryDelay: string } | { kind: 'transient' } | { kind: 'concurrent' } | { kind: 'accept-then-hang' } | { kind: 'invalid-grant' };

export interface RecordedRequest {
  operation: FakeAdsOperation;
  path: string;
  body: Record<string, unknown>;
  headers: IncomingMessage['headers'];
}

interface AdsError {
  errorCode: Record<string, string>;
  message: string;
  location?: { fieldPathElements: { fieldName: string; index?: number }[] };
  details?: Record<string, unknown>;
}

const failure = (version: string, errors: AdsError[]) => ({ '@type': `type.googleapis.com/google.ads.googleads.${version}.errors.GoogleAdsFailure`, errors, requestId: randomBytes(8).toString('hex') });

export class FakeGoogleAdsServer extends EventEmitter {
  readonly account = new FakeAdsAccount();
  readonly requests: RecordedRequest[] = [];
  readonly clientId = 'fake-ads-client.apps.googleusercontent.com';
  readonly clientSecret = 'fake-ads-secret';
  /** API versions this server answers; any other gets UNSUPPORTED_VERSION. */
  supportedVersions = new Set([defaultAdsApiVersion]);
  private readonly refreshTokens = new Set<string>();
  private readonly accessTokens = new Set<string>();
  private readonly faults = new Map<FakeAdsOperation, FakeAdsFault[]>();
  private readonly hanging = new Set<ServerResponse>();

  private constructor(private readonly server: Server) {
    super();
  }

  static async start(): Promise<FakeGoogleAdsServer> {
    const server = createServer();
    const fake = new FakeGoogleAdsServer(server);
    server.on('request', (request, response) => void fake.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get baseUrl(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }
  get tokenUrl(): string {
    return `${this.baseUrl}/token`;
  }
  /** A refresh token the token endpoint accepts (as if the account had been connected). */
  issueRefreshToken(): string {
    const token = `1//fake-ads-refresh-${randomBytes(6).toString('hex')}`;
    this.refreshTokens.add(token);
    return token;
  }
  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }
  /** The next request of this kind fails (or hangs) as described; queued in order. */
  injectFault(operation: FakeAdsOperation, fault: FakeAdsFault): void {
    this.faults.set(operation, [...(this.faults.get(operation) ?? []), fault]);
  }
  mutations(): RecordedRequest[] {
    return this.requests.filter((request) => request.operation === 'mutate');
  }

  async close(): Promise<void> {
    for (const response of this.hanging) response.destroy();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', this.baseUrl);
    const send = (status: number, body: unknown): void => void response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8' }).end(JSON.stringify(body));
    if (url.pathname === '/token' && request.method === 'POST') return this.token(new URLSearchParams(raw), send);

    const match = url.pathname.match(/^\/(v\d+)\/customers\/(\d+)\/(googleAds:search|(\w+):mutate)$/);
    if (!match || request.method !== 'POST') return send(404, { error: { code: 404, message: `Not found: ${url.pathname}`, status: 'NOT_FOUND' } });
    const [, version, customer, what, service] = match as unknown as [string, string, string, string, string | undefined];
    const operation: FakeAdsOperation = service ? 'mutate' : 'search';
    const body = (raw ? JSON.parse(raw) : {}) as Record<string, unknown>;
    this.requests.push({ operation, path: url.pathname, body, headers: request.headers });

    const token = request.headers.authorization?.replace(/^Bearer /, '') ?? '';
    if (!this.accessTokens.has(token)) return send(401, { error: { code: 401, message: 'Request is missing required authentication credential.', status: 'UNAUTHENTICATED' } });
    if (!this.supportedVersions.has(version)) {
      return send(400, { error: { code: 400, message: 'Request contains an invalid argument.', status: 'INVALID_ARGUMENT', details: [failure(version, [{ errorCode: { requestError: 'UNSUPPORTED_VERSION' }, message: `Version ${version} is deprecated. Requests to this version will be blocked.` }])] } });
    }
    if (customer !== this.account.customer.id) {
      return send(403, { error: { code: 403, message: 'The caller does not have permission', status: 'PERMISSION_DENIED', details: [failure(version, [{ errorCode: { authorizationError: 'USER_PERMISSION_DENIED' }, message: "User doesn't have permission to access customer." }])] } });
    }
    const fault = this.faults.get(operation)?.shift();
    if (fault?.kind === 'quota') {
      return send(429, { error: { code: 429, message: 'Resource has been exhausted (e.g. check quota).', status: 'RESOURCE_EXHAUSTED', details: [failure(version, [{ errorCode: { quotaError: 'RESOURCE_EXHAUSTED' }, message: 'Too many requests. Retry in 7 seconds.', details: { quotaErrorDetails: { rateScope: 'ACCOUNT', rateName: 'Requests per service per method', retryDelay: fault.retryDelay } } }])] } });
    }
    if (fault?.kind === 'transient') {
      return send(503, { error: { code: 503, message: 'The service is currently unavailable.', status: 'UNAVAILABLE', details: [failure(version, [{ errorCode: { internalError: 'TRANSIENT_ERROR' }, message: 'The request failed due to a transient error; retry.' }])] } });
    }
    if (fault?.kind === 'concurrent') {
      return send(409, { error: { code: 409, message: 'Multiple requests were attempting to modify the same resource at once.', status: 'ABORTED', details: [failure(version, [{ errorCode: { databaseError: 'CONCURRENT_MODIFICATION' }, message: 'Multiple requests were attempting to modify the same resource at once. Retry the request.' }])] } });
    }

    if (operation === 'search') {
      try {
        return send(200, runGaql(this.account, String(body.query ?? '')));
      } catch (error) {
        return send(400, { error: { code: 400, message: 'Request contains an invalid argument.', status: 'INVALID_ARGUMENT', details: [failure(version, [{ errorCode: { queryError: 'BAD_RESOURCE_TYPE_IN_FROM_CLAUSE' }, message: (error as Error).message }])] } });
      }
    }
    const answer = this.mutate(version, what.replace(':mutate', ''), body);
    if (fault?.kind === 'accept-then-hang') {
      this.hanging.add(response);
      this.emit('accepted', body);
      return;
    }
    return send(answer[0], answer[1]);
  }

  private mutate(version: string, service: string, body: Record<string, unknown>): [number, unknown] {
    const operations = (body.operations as { update?: Resource; updateMask?: string }[] | undefined) ?? [];
    const validateOnly = body.validateOnly === true;
    const partial = body.partialFailure === true;
    const errors: AdsError[] = [];
    const valid: { index: number; target: Resource; changes: Record<string, unknown> }[] = [];
    operations.forEach((operation, index) => {
      const at = (...path: string[]) => ({ fieldPathElements: [{ fieldName: 'operations', index }, ...path.map((fieldName) => ({ fieldName }))] });
      const update = operation.update;
      const target = update ? this.account.find(update.resourceName) : undefined;
      if (!update || !target || !update.resourceName.includes(`/${service}/`)) return void errors.push({ errorCode: { mutateError: 'RESOURCE_NOT_FOUND' }, message: 'The requested resource was not found.', location: at('update', 'resource_name') });
      const changes: Record<string, unknown> = {};
      for (const field of (operation.updateMask ?? '').split(',').filter(Boolean)) {
        const value = update[field];
        if (field === 'cpcBidMicros' || field === 'amountMicros') {
          if (typeof value !== 'string' || !/^\d+$/.test(value)) return void errors.push({ errorCode: { fieldError: 'REQUIRED' }, message: 'The required field was not present.', location: at('update', field) });
          if (Number(value) % 10_000 !== 0) {
            const code: Record<string, string> = field === 'amountMicros' ? { campaignBudgetError: 'NON_MULTIPLE_OF_MINIMUM_CURRENCY_UNIT' } : { biddingError: 'BID_TOO_MANY_FRACTIONAL_DIGITS' };
            return void errors.push({ errorCode: code, message: 'The amount is not a multiple of the currency\'s billable unit.', location: at('update', field === 'amountMicros' ? 'amount_micros' : 'cpc_bid_micros') });
          }
        } else if (field === 'status') {
          if (!['ENABLED', 'PAUSED', 'REMOVED'].includes(String(value))) return void errors.push({ errorCode: { requestError: 'INVALID_ENUM_VALUE' }, message: 'Enum value is not valid.', location: at('update', 'status') });
        } else {
          return void errors.push({ errorCode: { fieldMaskError: 'FIELD_NOT_FOUND' }, message: `The field mask names ${field}, which this fake does not change.`, location: at('update_mask') });
        }
        changes[field] = value;
      }
      valid.push({ index, target, changes });
    });
    if (errors.length && !partial) return [400, { error: { code: 400, message: 'Request contains an invalid argument.', status: 'INVALID_ARGUMENT', details: [failure(version, errors)] } }];
    if (validateOnly) return [200, {}];
    const now = new Date().toISOString().replace('T', ' ').slice(0, 19);
    for (const { target, changes } of valid) {
      Object.assign(target, changes);
      this.account.changeEvents.push({ changeDateTime: now, userEmail: 'mission-control@audico.co.za', clientType: 'GOOGLE_ADS_API', changeResourceName: target.resourceName, changedFields: Object.keys(changes).join(',') });
    }
    const results = operations.map((_, index) => {
      const ok = valid.find((entry) => entry.index === index);
      return ok ? { resourceName: ok.target.resourceName } : {};
    });
    return [200, { results, ...(errors.length ? { partialFailureError: { code: 3, message: errors.map((e) => e.message).join(', '), details: [failure(version, errors)] } } : {}) }];
  }

  private token(form: URLSearchParams, send: (status: number, body: unknown) => void): void {
    this.requests.push({ operation: 'token', path: '/token', body: Object.fromEntries(form), headers: {} });
    const fault = this.faults.get('token')?.shift();
    if (fault?.kind === 'invalid-grant' || (form.get('grant_type') === 'refresh_token' && !this.refreshTokens.has(form.get('refresh_token') ?? ''))) {
      return send(400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
    }
    if (form.get('client_id') !== this.clientId || form.get('client_secret') !== this.clientSecret) return send(401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
    const accessToken = `ya29.fake-ads-${randomBytes(10).toString('hex')}`;
    this.accessTokens.add(accessToken);
    const extra = form.get('grant_type') === 'authorization_code' ? { refresh_token: this.issueRefreshToken() } : {};
    send(200, { access_token: accessToken, expires_in: 3599, scope: 'https://www.googleapis.com/auth/adwords', token_type: 'Bearer', ...extra });
  }
}
