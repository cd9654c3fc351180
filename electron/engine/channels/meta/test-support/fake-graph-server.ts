/**
 * TEST SUPPORT ONLY. A real HTTP server on 127.0.0.1 speaking the parts of the Graph API the Meta
 * channel uses (META_GRAPH_BASE_URL): the page and /me/accounts, /{page}/feed, /{page}/photos
 * (published and unpublished), /{page}/posts and scheduled_posts, permalinks, DELETE of a post,
 * and Instagram's content_publishing_limit, /{ig}/media containers whose status_code moves
 * through a script (IN_PROGRESS -> FINISHED, or ERROR / EXPIRED), media_publish and /{ig}/media.
 * Errors come in Graph's envelope ({error: {message, type, code, error_subcode, fbtrace_id}}).
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type GraphOperation = 'page' | 'accounts' | 'feed' | 'photos' | 'posts' | 'scheduled_posts' | 'object' | 'delete' | 'publishing_limit' | 'media.create' | 'media.status' | 'media_publish' | 'media.list';
export type GraphFault = { kind: 'status'; status: number; body: unknown; headers?: Record<string, string> } | { kind: 'accept-then-hang' };

export interface FakePagePost { id: string; message: string; link: string | null; photoIds: string[]; createdAt: number; scheduledFor: number | null; deleted: boolean }
export interface FakeContainer { id: string; params: Record<string, string>; script: string[]; reads: number; published: boolean }
export interface FakeIgMedia { id: string; caption: string; containerId: string; createdAt: number }

export const expiredTokenError = { error: { message: 'Error validating access token: Session has expired on Sunday, 29-Nov-26 10:00:00 PST.', type: 'OAuthException', code: 190, error_subcode: 463, fbtrace_id: 'AbCdEf' } };

export class FakeGraphServer extends EventEmitter {
  readonly pageId = '104000000000001';
  readonly igUserId = '17841400000000001';
  readonly pageToken = 'EAAB-page-token';
  readonly userToken = 'EAAB-user-token';
  readonly posts: FakePagePost[] = [];
  readonly photos = new Map<string, { url: string; published: boolean }>();
  readonly containers = new Map<string, FakeContainer>();
  readonly igMedia: FakeIgMedia[] = [];
  readonly counts = new Map<GraphOperation, number>();
  readonly handlingMs: number[] = [];
  /** Status codes the next container reads return, in order (the last one repeats). */
  containerScript: string[] = ['IN_PROGRESS', 'FINISHED'];
  quota = { usage: 0, total: 50 };
  version = 'v23.0';
  baseUrl = '';
  private readonly faults = new Map<GraphOperation, GraphFault[]>();
  private readonly validTokens = new Set([this.pageToken, this.userToken]);
  private nextId = 1;

  private constructor(private readonly server: Server) {
    super();
  }

  static async start(): Promise<FakeGraphServer> {
    const server = createServer();
    const fake = new FakeGraphServer(server);
    server.on('request', (request, response) => void fake.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return fake;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  expireTokens(): void {
    this.validTokens.clear();
  }

  injectFault(operation: GraphOperation, fault: GraphFault): void {
    this.faults.set(operation, [...(this.faults.get(operation) ?? []), fault]);
  }

  count(operation: GraphOperation): number {
    return this.counts.get(operation) ?? 0;
  }

  livePosts(): FakePagePost[] {
    return this.posts.filter((post) => !post.deleted);
  }

  private id(): string {
    return String(this.nextId++ + 900_000_000);
  }

  private send(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    response.writeHead(status, { 'content-type': 'application/json', ...headers }).end(JSON.stringify(body));
  }

  private route(method: string, parts: string[], query: URLSearchParams): GraphOperation | null {
    const [first, edge] = parts;
    if (parts.length === 2 && first === 'me' && edge === 'accounts') return 'accounts';
    if (parts.length === 1 && method === 'DELETE') return 'delete';
    if (parts.length === 1 && first === this.pageId) return 'page';
    if (parts.length === 1 && this.containers.has(first!) && (query.get('fields') ?? '').includes('status_code')) return 'media.status';
    if (parts.length === 1) return 'object';
    if (first === this.pageId && edge === 'feed' && method === 'POST') return 'feed';
    if (first === this.pageId && edge === 'photos' && method === 'POST') return 'photos';
    if (first === this.pageId && edge === 'posts') return 'posts';
    if (first === this.pageId && edge === 'scheduled_posts') return 'scheduled_posts';
    if (first === this.igUserId && edge === 'content_publishing_limit') return 'publishing_limit';
    if (first === this.igUserId && edge === 'media' && method === 'POST') return 'media.create';
    if (first === this.igUserId && edge === 'media') return 'media.list';
    if (first === this.igUserId && edge === 'media_publish') return 'media_publish';
    return null;
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const started = performance.now();
    const url = new URL(request.url ?? '/', this.baseUrl);
    const method = request.method ?? 'GET';
    const [version, ...parts] = url.pathname.split('/').filter(Boolean);
    const params = method === 'POST' ? new URLSearchParams(Buffer.concat(chunks).toString('utf8')) : url.searchParams;
    if (version !== this.version) return this.send(response, 400, { error: { message: `Unknown path components: /${version}`, type: 'OAuthException', code: 2500, fbtrace_id: 'x' } });
    const operation = this.route(method, parts, url.searchParams);
    if (!operation) return this.send(response, 400, { error: { message: `Unsupported ${method} request. Object with ID '${parts.join('/')}' does not exist`, type: 'GraphMethodException', code: 100, error_subcode: 33, fbtrace_id: 'x' } });
    this.counts.set(operation, this.count(operation) + 1);
    const fault = this.faults.get(operation)?.shift();
    if (fault?.kind === 'status') return this.send(response, fault.status, fault.body, fault.headers);
    const token = (request.headers.authorization ?? '').replace(/^Bearer /, '');
    if (!this.validTokens.has(token)) return this.send(response, 400, expiredTokenError);
    try {
      this.answer(operation, parts, params, response, fault, token);
    } finally {
      this.handlingMs.push(performance.now() - started);
    }
  }

  private answer(operation: GraphOperation, parts: string[], params: URLSearchParams, response: ServerResponse, fault: GraphFault | undefined, token: string): void {
    const now = Math.floor(Date.now() / 1000);
    const page = { id: this.pageId, name: 'Audico', instagram_business_account: { id: this.igUserId, username: 'audico.sa' } };
    switch (operation) {
      case 'accounts':
        return this.send(response, 200, { data: token === this.userToken ? [{ ...page, access_token: this.pageToken }] : [] });
      case 'page':
        return this.send(response, 200, page);
      case 'photos': {
        const id = this.id();
        const published = params.get('published') !== 'false';
        this.photos.set(id, { url: params.get('url') ?? '', published });
        if (!published) return this.send(response, 200, { id });
        const post = { id: `${this.pageId}_${this.id()}`, message: params.get('caption') ?? '', link: null, photoIds: [id], createdAt: now, scheduledFor: null, deleted: false };
        this.posts.push(post);
        this.emit('accepted', post.id);
        return this.send(response, 200, { id, post_id: post.id });
      }
      case 'feed': {
        const attached = JSON.parse(params.get('attached_media') ?? '[]') as { media_fbid: string }[];
        for (const media of attached) if (!this.photos.has(media.media_fbid)) return this.send(response, 400, { error: { message: `(#100) media_fbid ${media.media_fbid} is not a photo of this page`, type: 'OAuthException', code: 100, fbtrace_id: 'x' } });
        const scheduled = params.get('scheduled_publish_time');
        if (this.livePosts().some((post) => post.message === params.get('message') && !scheduled)) return this.send(response, 400, { error: { message: '(#506) Duplicate status message', type: 'OAuthException', code: 506, fbtrace_id: 'x' } });
        const post = { id: `${this.pageId}_${this.id()}`, message: params.get('message') ?? '', link: params.get('link'), photoIds: attached.map((media) => media.media_fbid), createdAt: now, scheduledFor: scheduled ? Number(scheduled) : null, deleted: false };
        this.posts.push(post);
        this.emit('accepted', post.id);
        if (fault?.kind === 'accept-then-hang') return;
        return this.send(response, 200, { id: post.id });
      }
      case 'posts':
      case 'scheduled_posts': {
        const since = Number(params.get('since') ?? 0);
        const data = this.livePosts()
          .filter((post) => (operation === 'posts' ? post.scheduledFor === null : post.scheduledFor !== null) && post.createdAt >= since)
          .reverse()
          .map((post) => ({ id: post.id, message: post.message, created_time: new Date(post.createdAt * 1000).toISOString(), permalink_url: `https://www.facebook.com/${post.id}` }));
        return this.send(response, 200, { data });
      }
      case 'object': {
        const id = parts[0]!;
        const post = this.posts.find((candidate) => candidate.id === id && !candidate.deleted);
        if (post) return this.send(response, 200, { id, permalink_url: `https://www.facebook.com/${id}` });
        const media = this.igMedia.find((candidate) => candidate.id === id);
        if (media) return this.send(response, 200, { id, permalink: `https://www.instagram.com/p/${id}/` });
        return this.send(response, 400, { error: { message: `Unsupported get request. Object with ID '${id}' does not exist`, type: 'GraphMethodException', code: 100, error_subcode: 33, fbtrace_id: 'x' } });
      }
      case 'delete': {
        const post = this.posts.find((candidate) => candidate.id === parts[0] && !candidate.deleted);
        if (!post) return this.send(response, 400, { error: { message: `Unsupported delete request. Object with ID '${parts[0]}' does not exist`, type: 'GraphMethodException', code: 100, error_subcode: 33, fbtrace_id: 'x' } });
        post.deleted = true;
        return this.send(response, 200, { success: true });
      }
      case 'publishing_limit':
        return this.send(response, 200, { data: [{ quota_usage: this.quota.usage, config: { quota_total: this.quota.total, quota_duration: 86400 } }] });
      case 'media.create': {
        const id = this.id();
        const fields = Object.fromEntries(params);
        if (fields.children) for (const child of fields.children.split(',')) if (!this.containers.has(child)) return this.send(response, 400, { error: { message: 'Invalid parameter', type: 'OAuthException', code: 100, error_subcode: 2207010, fbtrace_id: 'x' } });
        this.containers.set(id, { id, params: fields, script: fields.is_carousel_item ? ['FINISHED'] : [...this.containerScript], reads: 0, published: false });
        return this.send(response, 200, { id });
      }
      case 'media.status': {
        const container = this.containers.get(parts[0]!)!;
        const status = container.published ? 'PUBLISHED' : (container.script[Math.min(container.reads, container.script.length - 1)] ?? 'FINISHED');
        container.reads++;
        return this.send(response, 200, { id: container.id, status_code: status, status: status === 'ERROR' ? 'Error: 2207026 Unsupported video format' : `${status}` });
      }
      case 'media_publish': {
        const container = this.containers.get(params.get('creation_id') ?? '');
        if (!container) return this.send(response, 400, { error: { message: 'Invalid parameter', type: 'OAuthException', code: 100, error_subcode: 2207008, fbtrace_id: 'x' } });
        const status = container.script[Math.min(Math.max(0, container.reads - 1), container.script.length - 1)];
        if (status !== 'FINISHED' || container.published) return this.send(response, 400, { error: { message: 'The media is not ready for publishing, please wait for a moment', type: 'OAuthException', code: 9007, error_subcode: 2207027, fbtrace_id: 'x' } });
        container.published = true;
        this.quota.usage++;
        const media = { id: this.id(), caption: container.params.caption ?? '', containerId: container.id, createdAt: now };
        this.igMedia.push(media);
        this.emit('accepted', media.id);
        if (fault?.kind === 'accept-then-hang') return;
        return this.send(response, 200, { id: media.id });
      }
      case 'media.list': {
        const since = Number(params.get('since') ?? 0);
        return this.send(response, 200, { data: this.igMedia.filter((media) => media.createdAt >= since).reverse().map((media) => ({ id: media.id, caption: media.caption, permalink: `https://www.instagram.com/p/${media.id}/`, timestamp: new Date(media.createdAt * 1000).toISOString() })) });
      }
    }
  }
}
