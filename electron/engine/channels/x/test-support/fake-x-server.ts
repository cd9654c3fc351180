/**
 * TEST SUPPORT ONLY. A real HTTP server on 127.0.0.1 speaking the parts of X API v2 the X channel
 * uses, so the real twitter-api-v2 client can be pointed at it (X_API_BASE_URL): POST/DELETE
 * /2/tweets, GET /2/users/me and /2/users/:id/tweets, the v2 media upload (initialize / append /
 * finalize / status) and media/metadata, and OAuth 2.0: the consent page (/i/oauth2/authorize,
 * which answers at once with the redirect a person's "Authorize app" click gives) and the token
 * endpoint (authorization_code with PKCE S256, and refresh_token with single-use rotating refresh
 * tokens). Errors are problem JSON with rate-limit headers, as X answers them.
 */
import { createHash, randomBytes } from 'node:crypto';
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type XOperation = 'tweet' | 'delete' | 'me' | 'timeline' | 'media.initialize' | 'media.append' | 'media.finalize' | 'media.status' | 'media.metadata' | 'token';
export type XFault =
  | { kind: 'status'; status: number; body?: unknown; headers?: Record<string, string> }
  /** Create the post, then never answer (the caller is killed meanwhile). */
  | { kind: 'accept-then-hang' }
  /** Create the post, then answer 503. */
  | { kind: 'accept-then-status'; status: number };

export interface FakeTweet {
  id: string;
  text: string;
  replyTo: string | null;
  mediaIds: string[];
  createdAt: string;
  deleted: boolean;
}

interface Media {
  id: string;
  type: string;
  totalBytes: number;
  received: number;
  alt: string | null;
  finalized: boolean;
}

export class FakeXServer extends EventEmitter {
  readonly tweets: FakeTweet[] = [];
  readonly media = new Map<string, Media>();
  readonly counts = new Map<XOperation, number>();
  readonly user = { id: '1500000000000000001', username: 'AudicoSA', name: 'Audico' };
  readonly clientId = 'fake-x-client';
  /** Time the server itself spent handling each request (ms), for the bench. */
  readonly handlingMs: number[] = [];
  private readonly faults = new Map<XOperation, XFault[]>();
  private readonly refreshTokens = new Set<string>();
  private readonly usedRefreshTokens = new Set<string>();
  private readonly accessTokens = new Map<string, number>();
  private readonly codes = new Map<string, { challenge: string; redirectUri: string; scope: string }>();
  /** What the consent page last received (client_id, redirect_uri, scope, state, code_challenge…). */
  lastAuthorization: URLSearchParams | null = null;
  /** The person's answer on the consent page. Default: allow. */
  consent: 'allow' | 'deny' = 'allow';
  private nextId = 1800000000000000000n;
  baseUrl = '';

  private constructor(private readonly server: Server) {
    super();
  }

  static async start(): Promise<FakeXServer> {
    const server = createServer();
    const fake = new FakeXServer(server);
    server.on('request', (request, response) => void fake.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return fake;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** X's consent page on this server (X_OAUTH_AUTHORIZE_URL). */
  get authorizeUrl(): string {
    return `${this.baseUrl}/i/oauth2/authorize`;
  }

  issueRefreshToken(): string {
    const token = `rt-${randomBytes(8).toString('hex')}`;
    this.refreshTokens.add(token);
    return token;
  }

  issueAccessToken(seconds = 7200): string {
    const token = `at-${randomBytes(8).toString('hex')}`;
    this.accessTokens.set(token, Date.now() + seconds * 1000);
    return token;
  }

  /** Expires every access token (the next call answers 401). */
  expireAccessTokens(): void {
    for (const token of this.accessTokens.keys()) this.accessTokens.set(token, 0);
  }

  revokeRefreshTokens(): void {
    this.refreshTokens.clear();
  }

  injectFault(operation: XOperation, fault: XFault): void {
    this.faults.set(operation, [...(this.faults.get(operation) ?? []), fault]);
  }

  count(operation: XOperation): number {
    return this.counts.get(operation) ?? 0;
  }

  live(): FakeTweet[] {
    return this.tweets.filter((tweet) => !tweet.deleted);
  }

  private problem(response: ServerResponse, status: number, title: string, detail: string, type: string, headers: Record<string, string> = {}): void {
    response.writeHead(status, { 'content-type': 'application/problem+json', ...headers }).end(JSON.stringify({ title, detail, type, status }));
  }

  private json(response: ServerResponse, status: number, body: unknown): void {
    response.writeHead(status, { 'content-type': 'application/json', 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '99', 'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + 900) }).end(JSON.stringify(body));
  }

  private authorized(request: IncomingMessage): boolean {
    const header = request.headers.authorization ?? '';
    if (header.startsWith('OAuth ')) return header.includes('oauth_consumer_key="fake-api-key"');
    const token = header.replace(/^Bearer /, '');
    return (this.accessTokens.get(token) ?? 0) > Date.now();
  }

  private operation(method: string, path: string): XOperation | null {
    if (method === 'POST' && path === '/2/tweets') return 'tweet';
    if (method === 'DELETE' && /^\/2\/tweets\/\d+$/.test(path)) return 'delete';
    if (method === 'GET' && path === '/2/users/me') return 'me';
    if (method === 'GET' && /^\/2\/users\/\d+\/tweets$/.test(path)) return 'timeline';
    if (method === 'POST' && path === '/2/media/upload/initialize') return 'media.initialize';
    if (method === 'POST' && /^\/2\/media\/upload\/\d+\/append$/.test(path)) return 'media.append';
    if (method === 'POST' && /^\/2\/media\/upload\/\d+\/finalize$/.test(path)) return 'media.finalize';
    if (method === 'GET' && path === '/2/media/upload') return 'media.status';
    if (method === 'POST' && path === '/2/media/metadata') return 'media.metadata';
    if (method === 'POST' && path === '/2/oauth2/token') return 'token';
    return null;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const started = performance.now();
    const body = Buffer.concat(chunks);
    const url = new URL(request.url ?? '/', this.baseUrl);
    if (request.method === 'GET' && url.pathname === '/i/oauth2/authorize') return this.authorize(url, response);
    const operation = this.operation(request.method ?? 'GET', url.pathname);
    if (!operation) return this.problem(response, 404, 'Not Found Error', `no route ${request.method} ${url.pathname}`, 'https://api.twitter.com/2/problems/resource-not-found');
    this.counts.set(operation, this.count(operation) + 1);
    const fault = this.faults.get(operation)?.shift();
    if (fault?.kind === 'status') {
      const status = fault.status;
      return void response.writeHead(status, { 'content-type': 'application/problem+json', ...fault.headers }).end(JSON.stringify(fault.body ?? { title: 'Error', detail: `fault ${status}`, type: 'about:blank', status }));
    }
    if (operation === 'token') return this.token(response, body, request.headers['content-type'] ?? '');
    if (!this.authorized(request)) return this.problem(response, 401, 'Unauthorized', 'Unauthorized', 'about:blank');
    try {
      this.route(operation, url, body, request, response, fault);
    } finally {
      this.handlingMs.push(performance.now() - started);
    }
  }

  private route(operation: XOperation, url: URL, body: Buffer, request: IncomingMessage, response: ServerResponse, fault: XFault | undefined): void {
    const json = () => JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
    switch (operation) {
      case 'me':
        return this.json(response, 200, { data: this.user });
      case 'tweet': {
        const input = json() as { text?: string; reply?: { in_reply_to_tweet_id: string }; media?: { media_ids: string[] } };
        if (!input.text && !input.media) return this.problem(response, 400, 'Invalid Request', 'One or more parameters to your request was invalid.', 'https://api.twitter.com/2/problems/invalid-request');
        if (this.live().some((tweet) => tweet.text === input.text)) {
          return this.problem(response, 403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.', 'about:blank');
        }
        for (const id of input.media?.media_ids ?? []) {
          if (!this.media.get(id)?.finalized) return this.problem(response, 400, 'Invalid Request', `media ${id} is not finalized`, 'https://api.twitter.com/2/problems/invalid-request');
        }
        const id = String(this.nextId++);
        this.tweets.push({ id, text: input.text ?? '', replyTo: input.reply?.in_reply_to_tweet_id ?? null, mediaIds: input.media?.media_ids ?? [], createdAt: new Date().toISOString(), deleted: false });
        this.emit('accepted', id);
        if (fault?.kind === 'accept-then-hang') return;
        if (fault?.kind === 'accept-then-status') return this.problem(response, fault.status, 'Service Unavailable', 'Service Unavailable', 'about:blank');
        return this.json(response, 201, { data: { id, text: input.text, edit_history_tweet_ids: [id] } });
      }
      case 'delete': {
        const tweet = this.tweets.find((candidate) => candidate.id === url.pathname.split('/').pop() && !candidate.deleted);
        if (!tweet) return this.problem(response, 404, 'Not Found Error', 'Could not find tweet', 'https://api.twitter.com/2/problems/resource-not-found');
        tweet.deleted = true;
        return this.json(response, 200, { data: { deleted: true } });
      }
      case 'timeline': {
        const since = url.searchParams.get('start_time');
        const mine = this.live().filter((tweet) => !since || tweet.createdAt >= since).reverse().slice(0, Number(url.searchParams.get('max_results') ?? 10));
        const data = mine.map((tweet) => ({ id: tweet.id, text: tweet.text.replace(/&/g, '&amp;').replace(/https?:\/\/\S+/g, 'https://t.co/abc123'), created_at: tweet.createdAt, ...(tweet.replyTo ? { referenced_tweets: [{ type: 'replied_to', id: tweet.replyTo }] } : {}) }));
        return this.json(response, 200, { data, meta: { result_count: data.length } });
      }
      case 'media.initialize': {
        const input = json() as { media_type: string; total_bytes: number };
        const id = String(this.nextId++);
        this.media.set(id, { id, type: input.media_type, totalBytes: input.total_bytes, received: 0, alt: null, finalized: false });
        return this.json(response, 200, { data: { id, media_key: `3_${id}`, expires_after_secs: 86400 } });
      }
      case 'media.append': {
        const media = this.media.get(url.pathname.split('/')[4]!);
        if (!media) return this.problem(response, 400, 'Invalid Request', 'unknown media id', 'https://api.twitter.com/2/problems/invalid-request');
        if (!(request.headers['content-type'] ?? '').startsWith('multipart/form-data')) return this.problem(response, 400, 'Invalid Request', 'append must be multipart', 'https://api.twitter.com/2/problems/invalid-request');
        media.received += multipartFileLength(body, request.headers['content-type']!);
        return this.json(response, 200, { data: { expires_at: Date.now() + 86_400_000 } });
      }
      case 'media.finalize': {
        const media = this.media.get(url.pathname.split('/')[4]!);
        if (!media || media.received !== media.totalBytes) return this.problem(response, 400, 'Invalid Request', `media received ${media?.received ?? 0} of ${media?.totalBytes ?? 0} bytes`, 'https://api.twitter.com/2/problems/invalid-request');
        media.finalized = true;
        return this.json(response, 200, { data: { id: media.id, media_key: `3_${media.id}`, size: media.totalBytes } });
      }
      case 'media.status':
        return this.json(response, 200, { data: { id: url.searchParams.get('media_id'), processing_info: { state: 'succeeded' } } });
      case 'media.metadata': {
        const input = json() as { id: string; metadata: { alt_text?: { text: string } } };
        const media = this.media.get(input.id);
        if (!media) return this.problem(response, 400, 'Invalid Request', 'unknown media id', 'https://api.twitter.com/2/problems/invalid-request');
        media.alt = input.metadata.alt_text?.text ?? null;
        return this.json(response, 200, { data: { id: input.id, associated_metadata: true } });
      }
      default:
        return this.problem(response, 404, 'Not Found Error', 'no route', 'about:blank');
    }
  }

  /**
   * The consent page: checks the request as X does (code flow, this client, PKCE S256, the
   * scopes) and redirects to redirect_uri with a single-use code bound to the challenge, and the
   * state unchanged.
   */
  private authorize(url: URL, response: ServerResponse): void {
    const query = url.searchParams;
    this.lastAuthorization = query;
    const redirectUri = query.get('redirect_uri') ?? '';
    const refuse = (status: number, text: string) => void response.writeHead(status, { 'content-type': 'text/plain' }).end(text);
    if (query.get('client_id') !== this.clientId) return refuse(400, 'Something went wrong: unknown client_id');
    if (!/^http:\/\/127\.0\.0\.1:\d+\//.test(redirectUri)) return refuse(400, 'Something went wrong: redirect_uri is not registered');
    const redirect = new URL(redirectUri);
    const problem = query.get('response_type') !== 'code' ? 'unsupported_response_type' : query.get('code_challenge_method') !== 'S256' || !query.get('code_challenge') ? 'invalid_request' : !query.get('state') ? 'invalid_request' : null;
    if (problem || this.consent === 'deny') {
      redirect.searchParams.set('error', problem ?? 'access_denied');
    } else {
      const code = `code-${randomBytes(12).toString('base64url')}`;
      this.codes.set(code, { challenge: query.get('code_challenge')!, redirectUri, scope: query.get('scope') ?? '' });
      redirect.searchParams.set('code', code);
    }
    if (query.get('state') !== null) redirect.searchParams.set('state', query.get('state')!);
    response.writeHead(302, { location: redirect.toString() }).end();
  }

  private tokens(scope = 'tweet.read tweet.write users.read offline.access media.write'): Record<string, unknown> {
    return { token_type: 'bearer', expires_in: 7200, access_token: this.issueAccessToken(), scope, refresh_token: this.issueRefreshToken() };
  }

  /** OAuth 2 token endpoint: form-encoded; codes are single-use and bound to their PKCE challenge; refresh tokens are single-use (a reused one is refused). */
  private token(response: ServerResponse, body: Buffer, contentType: string): void {
    if (!contentType.startsWith('application/x-www-form-urlencoded')) return this.json(response, 400, { error: 'invalid_request', error_description: 'Content-Type must be application/x-www-form-urlencoded' });
    const form = new URLSearchParams(body.toString('utf8'));
    if (form.get('client_id') !== this.clientId) return this.json(response, 401, { error: 'invalid_client', error_description: 'Missing valid authorization header' });
    if (form.get('grant_type') === 'authorization_code') {
      const code = this.codes.get(form.get('code') ?? '');
      this.codes.delete(form.get('code') ?? '');
      if (!code) return this.json(response, 400, { error: 'invalid_request', error_description: 'Value passed for the authorization code was invalid.' });
      if (form.get('redirect_uri') !== code.redirectUri) return this.json(response, 400, { error: 'invalid_request', error_description: 'Value passed for the redirect uri did not match the uri of the authorization code.' });
      const challenge = createHash('sha256').update(form.get('code_verifier') ?? '').digest('base64url');
      if (challenge !== code.challenge) return this.json(response, 400, { error: 'invalid_request', error_description: 'Value passed for the code verifier did not match the code challenge.' });
      return this.json(response, 200, this.tokens(code.scope));
    }
    if (form.get('grant_type') !== 'refresh_token') return this.json(response, 400, { error: 'unsupported_grant_type', error_description: 'grant_type must be authorization_code or refresh_token' });
    const presented = form.get('refresh_token') ?? '';
    if (!this.refreshTokens.has(presented)) return this.json(response, 400, { error: 'invalid_request', error_description: 'Value passed for the token was invalid.' });
    this.refreshTokens.delete(presented);
    this.usedRefreshTokens.add(presented);
    return this.json(response, 200, this.tokens());
  }
}

/** Bytes of the `media` part of a multipart body. */
function multipartFileLength(body: Buffer, contentType: string): number {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType);
  const marker = `--${boundary?.[1] ?? boundary?.[2]}`;
  const text = body.toString('latin1');
  for (const part of text.split(marker)) {
    if (!/name="media"/.test(part)) continue;
    const start = part.indexOf('\r\n\r\n') + 4;
    return part.length - start - 2;
  }
  return 0;
}
