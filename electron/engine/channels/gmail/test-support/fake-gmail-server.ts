/**
 * TEST SUPPORT ONLY. A real HTTP server on 127.0.0.1 speaking the parts of the Gmail REST API
 * (v1) and Google's OAuth 2.0 endpoints that the Gmail channel uses, so the real
 * @googleapis/gmail and google-auth-library clients can be pointed at it (`rootUrl`, token/auth
 * endpoint overrides). Faults can be queued per operation to reproduce 429s, 5xx after the
 * message was accepted and connections dropped mid-request.
 */
import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeMailbox, type FakeMessage } from './fake-mailbox';

export type FakeOperation = 'messages.send' | 'drafts.send' | 'drafts.get' | 'messages.list' | 'messages.get' | 'profile' | 'token';

export type FakeFault =
  /** Answer with this status without doing anything. */
  | { kind: 'status'; status: number; headers?: Record<string, string>; body?: unknown }
  /** Do the operation, then answer with this status (a 5xx after the message was accepted). */
  | { kind: 'accept-then-status'; status: number }
  /** Do the operation, then drop the connection without answering. */
  | { kind: 'accept-then-destroy' }
  /** Read the request, drop the connection, do nothing. */
  | { kind: 'destroy-before-accept' }
  /** Do the operation and never answer (the caller is killed meanwhile). */
  | { kind: 'accept-then-hang' };

export interface RecordedRequest {
  operation: FakeOperation | 'other';
  method: string;
  path: string;
  query: URLSearchParams;
  body: string;
  authorization: string | undefined;
}

export interface FakeGmailServerOptions {
  clientId?: string;
  clientSecret?: string;
  /** Address getProfile reports. Default: support@audico.example. */
  emailAddress?: string;
  /** Access token lifetime. Default: 3599 s. */
  accessTokenSeconds?: number;
}

export class FakeGmailServer extends EventEmitter {
  readonly mailbox = new FakeMailbox();
  readonly requests: RecordedRequest[] = [];
  readonly clientId: string;
  readonly clientSecret: string;
  readonly emailAddress: string;
  /** What the authorization endpoint last saw (PKCE challenge, state, redirect_uri, scope). */
  lastAuthorization: URLSearchParams | null = null;
  /** 'deny' makes the consent screen answer error=access_denied. */
  consent: 'approve' | 'deny' = 'approve';
  private readonly faults = new Map<FakeOperation, FakeFault[]>();
  private readonly refreshTokens = new Set<string>();
  private readonly accessTokens = new Map<string, number>();
  private readonly codes = new Map<string, { challenge: string | null; method: string | null; redirectUri: string }>();
  private readonly accessTokenSeconds: number;
  private baseUrl = '';

  private constructor(
    private readonly server: Server,
    options: FakeGmailServerOptions,
  ) {
    super();
    this.clientId = options.clientId ?? 'fake-client.apps.googleusercontent.com';
    this.clientSecret = options.clientSecret ?? 'fake-secret';
    this.emailAddress = options.emailAddress ?? 'support@audico.example';
    this.accessTokenSeconds = options.accessTokenSeconds ?? 3599;
  }

  static async start(options: FakeGmailServerOptions = {}): Promise<FakeGmailServer> {
    const server = createServer();
    const fake = new FakeGmailServer(server, options);
    server.on('request', (request, response) => void fake.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return fake;
  }

  /** GMAIL_API_ROOT_URL */
  get rootUrl(): string {
    return `${this.baseUrl}/`;
  }
  /** GOOGLE_OAUTH_TOKEN_URL */
  get tokenUrl(): string {
    return `${this.baseUrl}/token`;
  }
  /** GOOGLE_OAUTH_AUTH_URL */
  get authUrl(): string {
    return `${this.baseUrl}/o/oauth2/v2/auth`;
  }

  /** A refresh token the token endpoint accepts (as if the account had been connected before). */
  issueRefreshToken(): string {
    const token = `1//fake-refresh-${randomBytes(8).toString('hex')}`;
    this.refreshTokens.add(token);
    return token;
  }
  revokeRefreshToken(token: string): void {
    this.refreshTokens.delete(token);
  }
  /** Every access token issued so far stops working (401), as when they expire. */
  expireAccessTokens(): void {
    this.accessTokens.clear();
  }
  injectFault(operation: FakeOperation, fault: FakeFault): void {
    this.faults.set(operation, [...(this.faults.get(operation) ?? []), fault]);
  }
  /** Adds a draft as the cloud's Email Agent would; returns its id. */
  addDraft(rfc822: string, threadId: string | null = null): string {
    return this.mailbox.createDraft(rfc822, threadId).id;
  }
  sent(): FakeMessage[] {
    return this.mailbox.sent();
  }
  count(operation: FakeOperation): number {
    return this.requests.filter((request) => request.operation === operation).length;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.baseUrl);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const operation = operationOf(request.method ?? 'GET', url.pathname);
    this.requests.push({ operation, method: request.method ?? 'GET', path: url.pathname, query: url.searchParams, body, authorization: request.headers.authorization });
    this.emit('request', operation);
    try {
      if (url.pathname === '/o/oauth2/v2/auth') return this.authorize(url, response);
      if (operation === 'token') return this.token(new URLSearchParams(body), response);
      if (operation === 'other') return json(response, 404, apiError(404, 'Not Found', 'NOT_FOUND'));
      const fault = this.faults.get(operation)?.shift();
      if (fault?.kind === 'status') return json(response, fault.status, fault.body ?? apiError(fault.status, 'Injected fault', 'UNAVAILABLE'), fault.headers);
      if (fault?.kind === 'destroy-before-accept') return void request.socket.destroy();
      if (!this.authorized(request.headers.authorization)) {
        return json(response, 401, apiError(401, 'Request had invalid authentication credentials.', 'UNAUTHENTICATED'));
      }
      const [status, result] = await this.apply(operation, url, body);
      // 'accepted': Gmail has done a send (the message exists), whatever the client hears next.
      if (status < 300 && (operation === 'messages.send' || operation === 'drafts.send')) this.emit('accepted', operation, result);
      if (fault?.kind === 'accept-then-status') return json(response, fault.status, apiError(fault.status, 'Backend Error', 'INTERNAL'));
      if (fault?.kind === 'accept-then-destroy') return void request.socket.destroy();
      if (fault?.kind === 'accept-then-hang') return;
      json(response, status, result);
    } catch (error) {
      json(response, 500, apiError(500, error instanceof Error ? error.message : String(error), 'INTERNAL'));
    }
  }

  private async apply(operation: FakeOperation, url: URL, body: string): Promise<[number, unknown]> {
    const mailbox = this.mailbox;
    const id = decodeURIComponent(url.pathname.split('/').pop() ?? '');
    switch (operation) {
      case 'profile':
        return [200, { emailAddress: this.emailAddress, messagesTotal: mailbox.messages.size, threadsTotal: 0, historyId: '1' }];
      case 'messages.send': {
        const request = JSON.parse(body) as { raw?: string; threadId?: string };
        if (!request.raw) return [400, apiError(400, "'raw' RFC822 payload message string or uploading message via /upload/* URL required", 'INVALID_ARGUMENT')];
        const message = mailbox.store(Buffer.from(request.raw, 'base64url').toString('utf8'), ['SENT'], request.threadId ?? null);
        return [200, { id: message.id, threadId: message.threadId, labelIds: message.labelIds }];
      }
      case 'drafts.send': {
        const request = JSON.parse(body) as { id?: string };
        const message = request.id ? mailbox.sendDraft(request.id) : null;
        if (!message) return [404, apiError(404, 'Requested entity was not found.', 'NOT_FOUND')];
        return [200, { id: message.id, threadId: message.threadId, labelIds: message.labelIds }];
      }
      case 'drafts.get': {
        const draft = mailbox.drafts.get(id);
        if (!draft) return [404, apiError(404, 'Requested entity was not found.', 'NOT_FOUND')];
        return [200, { id: draft.id, message: await mailbox.render(draft.message, url.searchParams.get('format') ?? 'full') }];
      }
      case 'messages.get': {
        const message = mailbox.messages.get(id);
        if (!message) return [404, apiError(404, 'Requested entity was not found.', 'NOT_FOUND')];
        return [200, await mailbox.render(message, url.searchParams.get('format') ?? 'full', url.searchParams.getAll('metadataHeaders'))];
      }
      case 'messages.list': {
        const found = mailbox.search(url.searchParams.get('q') ?? '');
        return [200, found.length ? { messages: found.map((message) => ({ id: message.id, threadId: message.threadId })), resultSizeEstimate: found.length } : { resultSizeEstimate: 0 }];
      }
      default:
        return [404, apiError(404, 'Not Found', 'NOT_FOUND')];
    }
  }

  private authorized(header: string | undefined): boolean {
    const token = header?.startsWith('Bearer ') ? header.slice(7) : null;
    const expires = token ? this.accessTokens.get(token) : undefined;
    return expires !== undefined && expires > Date.now();
  }

  private authorize(url: URL, response: ServerResponse): void {
    this.lastAuthorization = url.searchParams;
    const redirect = new URL(url.searchParams.get('redirect_uri') ?? 'http://invalid/');
    const state = url.searchParams.get('state');
    if (url.searchParams.get('client_id') !== this.clientId || this.consent === 'deny') {
      redirect.searchParams.set('error', 'access_denied');
    } else {
      const code = `4/fake-code-${randomBytes(8).toString('hex')}`;
      this.codes.set(code, { challenge: url.searchParams.get('code_challenge'), method: url.searchParams.get('code_challenge_method'), redirectUri: redirect.toString() });
      redirect.searchParams.set('code', code);
      redirect.searchParams.set('scope', url.searchParams.get('scope') ?? '');
    }
    if (state !== null) redirect.searchParams.set('state', state);
    response.writeHead(302, { location: redirect.toString() }).end();
  }

  private token(form: URLSearchParams, response: ServerResponse): void {
    const fault = this.faults.get('token')?.shift();
    if (fault?.kind === 'status') return json(response, fault.status, fault.body ?? { error: 'server_error' }, fault.headers);
    const invalidGrant = (description: string) => json(response, 400, { error: 'invalid_grant', error_description: description });
    if (form.get('client_id') !== this.clientId || form.get('client_secret') !== this.clientSecret) {
      return json(response, 401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
    }
    if (form.get('grant_type') === 'refresh_token') {
      if (!this.refreshTokens.has(form.get('refresh_token') ?? '')) return invalidGrant('Token has been expired or revoked.');
      return json(response, 200, this.issueAccessToken());
    }
    if (form.get('grant_type') === 'authorization_code') {
      const code = this.codes.get(form.get('code') ?? '');
      this.codes.delete(form.get('code') ?? '');
      if (!code) return invalidGrant('Malformed auth code.');
      if (code.redirectUri.split('?')[0] !== form.get('redirect_uri')) return json(response, 400, { error: 'redirect_uri_mismatch', error_description: 'Bad Request' });
      const verifier = form.get('code_verifier') ?? '';
      const expected = code.method === 'S256' ? createHash('sha256').update(verifier).digest('base64url') : verifier;
      if (!code.challenge || expected !== code.challenge) return invalidGrant('Missing code verifier.');
      const refreshToken = this.issueRefreshToken();
      return json(response, 200, { ...this.issueAccessToken(), refresh_token: refreshToken });
    }
    json(response, 400, { error: 'unsupported_grant_type', error_description: 'Invalid grant_type' });
  }

  private issueAccessToken(): Record<string, unknown> {
    const token = `ya29.fake-${randomBytes(12).toString('hex')}`;
    this.accessTokens.set(token, Date.now() + this.accessTokenSeconds * 1000);
    return { access_token: token, expires_in: this.accessTokenSeconds, scope: 'https://www.googleapis.com/auth/gmail.modify', token_type: 'Bearer' };
  }
}

function operationOf(method: string, path: string): FakeOperation | 'other' {
  if (path === '/token' && method === 'POST') return 'token';
  const rest = path.replace(/^\/gmail\/v1\/users\/[^/]+\//, '');
  if (rest === path) return 'other';
  if (method === 'POST' && rest === 'messages/send') return 'messages.send';
  if (method === 'POST' && rest === 'drafts/send') return 'drafts.send';
  if (method === 'GET' && rest === 'profile') return 'profile';
  if (method === 'GET' && rest === 'messages') return 'messages.list';
  if (method === 'GET' && rest.startsWith('messages/')) return 'messages.get';
  if (method === 'GET' && rest.startsWith('drafts/')) return 'drafts.get';
  return 'other';
}

function apiError(code: number, message: string, status: string): unknown {
  return { error: { code, message, errors: [{ message, domain: 'global', reason: status.toLowerCase() }], status } };
}

function json(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers }).end(JSON.stringify(body));
}
