/**
 * A small Brevo API v3 client on plain fetch. It never retries: a repeated POST could send a
 * campaign or an e-mail twice (the official SDK retries 408/429/5xx twice on every method), so the
 * executor decides what happens after a failure. Failures keep Brevo's `{code, message}` and the
 * rate-limit headers (`x-sib-ratelimit-reset`, seconds until the window resets).
 */

/** A campaign as Brevo reports it (GET /emailCampaigns/{id}); only the fields the channel reads. */
export interface BrevoCampaign {
  id: number;
  name: string;
  tag?: string;
  subject?: string;
  status: string;
  scheduledAt?: string;
  sentDate?: string;
  statistics?: { globalStats?: BrevoGlobalStats; campaignStats?: BrevoGlobalStats[] };
}

export interface BrevoGlobalStats {
  sent?: number;
  delivered?: number;
  uniqueViews?: number;
  viewed?: number;
  uniqueClicks?: number;
  clickers?: number;
  unsubscriptions?: number;
  hardBounces?: number;
  softBounces?: number;
  complaints?: number;
  opensRate?: number;
}

export interface BrevoList {
  id: number;
  name: string;
  totalSubscribers: number;
  uniqueSubscribers: number;
  totalBlacklisted: number;
}

export interface NewCampaign {
  name: string;
  tag: string;
  subject: string;
  htmlContent: string;
  previewText?: string;
  sender: { email: string; name?: string };
  recipients: { listIds: number[] };
  scheduledAt?: string;
}

export interface TransactionalEmail {
  sender: { email: string; name?: string };
  to: { email: string; name?: string }[];
  subject: string;
  htmlContent: string;
  headers: Record<string, string>;
  tags?: string[];
}

/** A request Brevo answered with an error status (or could not be completed). */
export class BrevoApiError extends Error {
  constructor(
    /** HTTP status; null when no answer came (network error, aborted). */
    readonly status: number | null,
    /** Brevo's error code (not_enough_credits, campaign_sent, …) or null. */
    readonly code: string | null,
    /** Brevo's readable message (or the network error's). */
    readonly brevoMessage: string,
    /** Seconds until Brevo's rate-limit window resets (x-sib-ratelimit-reset), on 429. */
    readonly rateLimitResetSeconds: number | null,
    /** Node error codes of a network failure (ECONNREFUSED…), proving whether the request left. */
    readonly networkCodes: string[] = [],
    readonly operation = '',
  ) {
    super(status !== null ? `Brevo ${operation} answered ${status}${code ? ` ${code}` : ''}: ${brevoMessage}` : `Brevo ${operation} failed: ${brevoMessage}`);
    this.name = 'BrevoApiError';
  }
}

export interface BrevoClientOptions {
  apiKey: string;
  /** Including /v3. */
  baseUrl: string;
  fetch?: typeof fetch;
}

export class BrevoClient {
  private readonly fetchImpl: typeof fetch;
  constructor(private readonly options: BrevoClientOptions) {
    this.fetchImpl = options.fetch ?? globalThis.fetch;
  }

  getAccount(signal?: AbortSignal): Promise<{ email?: string; companyName?: string }> {
    return this.request('GET', '/account', undefined, signal);
  }
  getList(listId: number, signal?: AbortSignal): Promise<BrevoList> {
    return this.request('GET', `/contacts/lists/${listId}`, undefined, signal);
  }
  createCampaign(campaign: NewCampaign, signal?: AbortSignal): Promise<{ id: number }> {
    return this.request('POST', '/emailCampaigns', campaign, signal);
  }
  /** Replaces a draft's content (a reused draft gets exactly what was approved). */
  updateCampaign(campaignId: number, campaign: Partial<NewCampaign>, signal?: AbortSignal): Promise<void> {
    return this.request('PUT', `/emailCampaigns/${campaignId}`, campaign, signal);
  }
  sendNow(campaignId: number, signal?: AbortSignal): Promise<void> {
    return this.request('POST', `/emailCampaigns/${campaignId}/sendNow`, undefined, signal);
  }
  sendTest(campaignId: number, emailTo: string[], signal?: AbortSignal): Promise<void> {
    return this.request('POST', `/emailCampaigns/${campaignId}/sendTest`, { emailTo }, signal);
  }
  getCampaign(campaignId: number, signal?: AbortSignal): Promise<BrevoCampaign> {
    return this.request('GET', `/emailCampaigns/${campaignId}?statistics=globalStats`, undefined, signal);
  }
  deleteCampaign(campaignId: number, signal?: AbortSignal): Promise<void> {
    return this.request('DELETE', `/emailCampaigns/${campaignId}`, undefined, signal);
  }
  /** One page of classic campaigns, newest first, without their HTML. */
  listCampaigns(offset: number, limit: number, signal?: AbortSignal): Promise<{ campaigns?: BrevoCampaign[]; count?: number }> {
    return this.request('GET', `/emailCampaigns?type=classic&limit=${limit}&offset=${offset}&sort=desc&excludeHtmlContent=true`, undefined, signal);
  }
  sendTransactional(email: TransactionalEmail, signal?: AbortSignal): Promise<{ messageId?: string; messageIds?: string[] }> {
    return this.request('POST', '/smtp/email', email, signal);
  }

  private async request<T>(method: string, path: string, body: unknown, signal?: AbortSignal): Promise<T> {
    const operation = `${method} ${path.split('?')[0]}`;
    let response: Response;
    try {
      response = await this.fetchImpl(`${this.options.baseUrl}${path}`, {
        method,
        headers: { 'api-key': this.options.apiKey, accept: 'application/json', ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal,
      });
    } catch (error) {
      throw new BrevoApiError(null, null, describeNetworkError(error), null, networkCodes(error), operation);
    }
    const text = await response.text().catch(() => '');
    if (!response.ok) {
      const parsed = safeJson(text) as { code?: unknown; message?: unknown } | null;
      const code = typeof parsed?.code === 'string' ? parsed.code : null;
      const message = typeof parsed?.message === 'string' ? parsed.message : text.slice(0, 300) || response.statusText || 'no message';
      const reset = Number(response.headers.get('x-sib-ratelimit-reset'));
      throw new BrevoApiError(response.status, code, message, Number.isFinite(reset) && response.headers.has('x-sib-ratelimit-reset') ? reset : null, [], operation);
    }
    return (text ? safeJson(text) : undefined) as T;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function networkCodes(error: unknown): string[] {
  const codes: string[] = [];
  let current: unknown = error;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string') codes.push(code);
    current = (current as { cause?: unknown }).cause;
  }
  return codes;
}

function describeNetworkError(error: unknown): string {
  const codes = networkCodes(error);
  const message = error instanceof Error ? error.message : String(error);
  return codes.length ? `${message} (${codes.join(', ')})` : message;
}
