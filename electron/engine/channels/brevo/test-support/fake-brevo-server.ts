/**
 * TEST SUPPORT ONLY. A real HTTP server on 127.0.0.1 speaking the Brevo API v3 endpoints the
 * Brevo channel uses (account, lists, email campaigns, sendNow, sendTest, /smtp/email), with
 * Brevo's error bodies ({code, message}) and rate-limit headers (x-sib-ratelimit-limit /
 * -remaining / -reset). Every request is checked against Brevo's OpenAPI description
 * (openapi-check.ts) and so is every answer; anything off is recorded in `violations` and answered
 * 400 as Brevo would. Faults can be queued per operation (429, 402, a 5xx after the send was
 * accepted, a hang the test kills the caller during).
 */
import { EventEmitter } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { checkRequest, checkResponse, loadBrevoOpenApi, type OpenApi } from './openapi-check';

export type BrevoOperation = 'account' | 'lists.get' | 'campaigns.list' | 'campaigns.create' | 'campaigns.get' | 'campaigns.update' | 'campaigns.sendNow' | 'campaigns.sendTest' | 'smtp.send' | 'other';

export type BrevoFault =
  | { kind: 'status'; status: number; code: string; message: string; headers?: Record<string, string> }
  | { kind: 'accept-then-status'; status: number }
  | { kind: 'accept-then-hang' }
  /** Read the request, do nothing, never answer (the caller is killed meanwhile). */
  | { kind: 'hang' };

export interface FakeCampaign {
  id: number;
  name: string;
  tag?: string;
  subject: string;
  htmlContent: string;
  previewText?: string;
  sender: { email: string; name?: string };
  listIds: number[];
  scheduledAt?: string;
  status: 'draft' | 'queued' | 'in_process' | 'sent' | 'suspended' | 'archive';
  createdAt: string;
  stats: { sent: number; delivered: number; uniqueViews: number; uniqueClicks: number; unsubscriptions: number } | null;
}

export interface RecordedBrevoRequest {
  operation: BrevoOperation;
  method: string;
  path: string;
  body: unknown;
  apiKey: string | undefined;
}

export class FakeBrevoServer extends EventEmitter {
  readonly apiKey = 'xkeysib-fake-0123456789';
  readonly requests: RecordedBrevoRequest[] = [];
  /** Requests or answers that do not conform to Brevo's OpenAPI description. Tests expect none. */
  readonly violations: string[] = [];
  readonly campaigns = new Map<number, FakeCampaign>();
  readonly lists = new Map<number, { id: number; name: string; totalSubscribers: number; uniqueSubscribers: number; totalBlacklisted: number }>();
  readonly tests: { campaignId: number; emailTo: string[] }[] = [];
  readonly transactional: { key: string | null; body: Record<string, unknown>; messageId: string }[] = [];
  /** E-mail credits left; sendNow to more contacts answers 402. */
  credits = 100_000;
  account = { email: 'kenny@audico.example', companyName: 'Audico' };
  private readonly faults = new Map<BrevoOperation, BrevoFault[]>();
  private nextId = 100;
  private baseUrl = '';

  private constructor(
    private readonly server: Server,
    private readonly spec: OpenApi,
  ) {
    super();
  }

  static async start(): Promise<FakeBrevoServer> {
    const server = createServer();
    const fake = new FakeBrevoServer(server, loadBrevoOpenApi());
    fake.lists.set(7, { id: 7, name: 'Newsletter subscribers', totalSubscribers: 1776, uniqueSubscribers: 1789, totalBlacklisted: 13 });
    fake.lists.set(9, { id: 9, name: 'VIP customers', totalSubscribers: 120, uniqueSubscribers: 118, totalBlacklisted: 2 });
    server.on('request', (request, response) => void fake.handle(request, response));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    fake.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return fake;
  }

  /** BREVO_API_BASE_URL (with /v3, like the real one). */
  get apiBaseUrl(): string {
    return `${this.baseUrl}/v3`;
  }
  injectFault(operation: BrevoOperation, fault: BrevoFault): void {
    this.faults.set(operation, [...(this.faults.get(operation) ?? []), fault]);
  }
  count(operation: BrevoOperation): number {
    return this.requests.filter((request) => request.operation === operation).length;
  }
  /** Brevo finishes sending a queued campaign: status sent, with these statistics. */
  deliver(campaignId: number, stats: NonNullable<FakeCampaign['stats']>): void {
    const campaign = this.campaigns.get(campaignId);
    if (!campaign) throw new Error(`no campaign ${campaignId}`);
    campaign.status = 'sent';
    campaign.stats = stats;
  }
  /** Campaigns that went out (queued, in process or sent). */
  sentCampaigns(): FakeCampaign[] {
    return [...this.campaigns.values()].filter((campaign) => campaign.status !== 'draft');
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', this.baseUrl);
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      return this.answer(request, response, url, 400, { code: 'bad_request', message: 'Malformed JSON' });
    }
    const method = request.method ?? 'GET';
    const operation = operationOf(method, url.pathname);
    const apiKey = request.headers['api-key'] as string | undefined;
    this.requests.push({ operation, method, path: `${url.pathname}${url.search}`, body, apiKey });
    const problems = checkRequest(this.spec, method, url, body);
    if (problems.length > 0) {
      this.violations.push(...problems);
      return this.answer(request, response, url, 400, { code: 'invalid_parameter', message: problems.join('; ') });
    }
    const fault = this.faults.get(operation)?.shift();
    this.emit('request', operation);
    if (fault?.kind === 'hang') return void this.emit('hung', operation);
    if (fault?.kind === 'status') return this.answer(request, response, url, fault.status, { code: fault.code, message: fault.message }, fault.headers);
    if (apiKey !== this.apiKey) return this.answer(request, response, url, 401, { code: 'unauthorized', message: 'Key not found' });
    const [status, result] = this.apply(operation, url, body as Record<string, any> | undefined);
    if (status < 300 && (operation === 'campaigns.sendNow' || operation === 'smtp.send')) this.emit('accepted', operation);
    if (fault?.kind === 'accept-then-status') return this.answer(request, response, url, fault.status, { code: 'internal_error', message: 'Internal server error' });
    if (fault?.kind === 'accept-then-hang') return void this.emit('hung', operation);
    this.answer(request, response, url, status, result);
  }

  private apply(operation: BrevoOperation, url: URL, body: Record<string, any> | undefined): [number, unknown] {
    const id = Number(url.pathname.split('/')[3]);
    const campaign = this.campaigns.get(id);
    const notFound: [number, unknown] = [404, { code: 'document_not_found', message: 'Campaign ID not found' }];
    switch (operation) {
      case 'account':
        return [200, { organization_id: 'org-1', user_id: 1, enterprise: false, email: this.account.email, companyName: this.account.companyName, firstName: 'Kenny', lastName: 'M', address: { city: 'Johannesburg', country: 'South Africa', street: '1 Main', zipCode: '2000' }, plan: [{ type: 'payAsYouGo', creditsType: 'sendLimit', credits: this.credits }], relay: { enabled: true, data: { userName: this.account.email, relay: 'smtp-relay.brevo.com', port: 587 } }, dateTimePreferences: { timezone: 'Africa/Johannesburg', timeFormat: '24', dateFormat: 'dd-mm-yyyy' } }];
      case 'lists.get': {
        const list = this.lists.get(Number(url.pathname.split('/')[4]));
        if (!list) return [404, { code: 'document_not_found', message: 'List ID not found' }];
        return [200, { ...list, createdAt: '2025-01-01T00:00:00Z', folderId: 1, dynamicList: false }];
      }
      case 'campaigns.list': {
        const offset = Number(url.searchParams.get('offset') ?? 0);
        const limit = Number(url.searchParams.get('limit') ?? 50);
        const all = [...this.campaigns.values()].reverse();
        return [200, { count: all.length, campaigns: all.slice(offset, offset + limit).map((item) => this.render(item, false)) }];
      }
      case 'campaigns.create': {
        const created: FakeCampaign = { id: this.nextId++, name: body!.name, tag: body!.tag, subject: body!.subject, htmlContent: body!.htmlContent, previewText: body!.previewText, sender: body!.sender, listIds: body!.recipients?.listIds ?? [], scheduledAt: body!.scheduledAt, status: body!.scheduledAt ? 'queued' : 'draft', createdAt: new Date().toISOString(), stats: null };
        this.campaigns.set(created.id, created);
        return [201, { id: created.id }];
      }
      case 'campaigns.update':
        if (!campaign) return notFound;
        if (campaign.status !== 'draft') return [400, { code: 'campaign_sent', message: 'Campaign has already been sent' }];
        Object.assign(campaign, { ...body, listIds: body?.recipients?.listIds ?? campaign.listIds, status: body?.scheduledAt ? 'queued' : campaign.status });
        return [204, undefined];
      case 'campaigns.get':
        return campaign ? [200, this.render(campaign, true)] : notFound;
      case 'campaigns.sendNow': {
        if (!campaign) return notFound;
        if (campaign.status === 'sent') return [400, { code: 'campaign_sent', message: 'Campaign has already been sent' }];
        if (campaign.status !== 'draft') return [400, { code: 'campaign_processing', message: 'Campaign is being processed' }];
        const contacts = campaign.listIds.reduce((sum, listId) => sum + (this.lists.get(listId)?.uniqueSubscribers ?? 0), 0);
        if (contacts > this.credits) return [402, { code: 'not_enough_credits', message: "You don't have enough credit to send your campaign. Please update your plan" }];
        campaign.status = 'queued';
        return [204, undefined];
      }
      case 'campaigns.sendTest':
        if (!campaign) return [404, { code: 'document_not_found', message: 'Campaign ID not found' }];
        this.tests.push({ campaignId: id, emailTo: body?.emailTo ?? [] });
        return [204, undefined];
      case 'smtp.send': {
        const key = (body?.headers as Record<string, string> | undefined)?.idempotencyKey ?? null;
        const existing = key ? this.transactional.find((item) => item.key === key) : undefined;
        if (existing) return [201, { messageId: existing.messageId }];
        const messageId = `<${Date.now()}.${this.transactional.length + 1}@smtp-relay.mailin.fr>`;
        this.transactional.push({ key, body: body!, messageId });
        return [201, { messageId }];
      }
      default:
        return [404, { code: 'not_found', message: 'Not found' }];
    }
  }

  private render(campaign: FakeCampaign, withHtml: boolean): Record<string, unknown> {
    const stats = campaign.stats ?? { sent: 0, delivered: 0, uniqueViews: 0, uniqueClicks: 0, unsubscriptions: 0 };
    const opensRate = stats.delivered ? Math.round((stats.uniqueViews / stats.delivered) * 10_000) / 100 : 0;
    const global = { ...stats, clickers: stats.uniqueClicks, complaints: 0, hardBounces: 0, softBounces: 0, trackableViews: stats.uniqueViews, viewed: stats.uniqueViews, opensRate, appleMppOpens: 0 };
    return {
      id: campaign.id,
      name: campaign.name,
      subject: campaign.subject,
      type: 'classic',
      status: campaign.status,
      testSent: this.tests.some((test) => test.campaignId === campaign.id),
      header: '[DEFAULT_HEADER]',
      footer: '[DEFAULT_FOOTER]',
      sender: { id: 1, name: campaign.sender.name ?? '', email: campaign.sender.email },
      replyTo: campaign.sender.email,
      toField: '',
      htmlContent: withHtml ? campaign.htmlContent : '',
      createdAt: campaign.createdAt,
      modifiedAt: campaign.createdAt,
      ...(campaign.tag ? { tag: campaign.tag } : {}),
      ...(campaign.scheduledAt ? { scheduledAt: campaign.scheduledAt } : {}),
      inlineImageActivation: false,
      mirrorActive: false,
      recurring: false,
      recipients: { lists: campaign.listIds, exclusionLists: [] },
      statistics: { globalStats: global, campaignStats: campaign.listIds.map((listId) => ({ ...global, listId })), mirrorClick: 0, remaining: 0, linksStats: {}, statsByDomain: {}, statsByDevice: {}, statsByBrowser: {} },
    };
  }

  private answer(request: IncomingMessage, response: ServerResponse, url: URL, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const problems = checkResponse(this.spec, request.method ?? 'GET', url, status, body);
    if (problems.length > 0) this.violations.push(...problems.map((problem) => `fake server answer: ${problem}`));
    const rate = { 'x-sib-ratelimit-limit': '100', 'x-sib-ratelimit-remaining': '99', 'x-sib-ratelimit-reset': '3600', ...headers };
    if (body === undefined) response.writeHead(status, rate).end();
    else response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...rate }).end(JSON.stringify(body));
  }
}

function operationOf(method: string, path: string): BrevoOperation {
  const rest = path.replace(/^\/v3/, '');
  if (method === 'GET' && rest === '/account') return 'account';
  if (method === 'GET' && /^\/contacts\/lists\/[^/]+$/.test(rest)) return 'lists.get';
  if (method === 'GET' && rest === '/emailCampaigns') return 'campaigns.list';
  if (method === 'POST' && rest === '/emailCampaigns') return 'campaigns.create';
  if (method === 'GET' && /^\/emailCampaigns\/\d+$/.test(rest)) return 'campaigns.get';
  if (method === 'PUT' && /^\/emailCampaigns\/\d+$/.test(rest)) return 'campaigns.update';
  if (method === 'POST' && /^\/emailCampaigns\/\d+\/sendNow$/.test(rest)) return 'campaigns.sendNow';
  if (method === 'POST' && /^\/emailCampaigns\/\d+\/sendTest$/.test(rest)) return 'campaigns.sendTest';
  if (method === 'POST' && rest === '/smtp/email') return 'smtp.send';
  return 'other';
}
