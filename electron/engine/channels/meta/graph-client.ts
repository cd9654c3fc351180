/**
 * The Graph API through plain fetch (Meta's Node SDK hard-codes graph.facebook.com and installs a
 * process-wide crash reporter). META_GRAPH_BASE_URL and META_GRAPH_VERSION are read here only:
 * Meta retires versions, so the version is a setting, never scattered in code.
 */
import { permanent, retryable, unknownOutcome, type ChannelError } from '../errors';
import { graphError, type GraphCallKind } from './graph-errors';

/** A current Graph API version; META_GRAPH_VERSION overrides it. */
export const defaultGraphVersion = 'v23.0';
export const defaultGraphBase = 'https://graph.facebook.com';

export interface GraphConfig {
  baseUrl: string;
  version: string;
}

export function graphConfigFromEnv(env: Record<string, string | undefined>): GraphConfig {
  const version = env.META_GRAPH_VERSION?.trim() || defaultGraphVersion;
  return { baseUrl: (env.META_GRAPH_BASE_URL?.trim() || defaultGraphBase).replace(/\/+$/, ''), version };
}

export interface GraphRequest {
  method?: 'GET' | 'POST' | 'DELETE';
  /** Path after the version ("me/accounts", "123/feed"). */
  path: string;
  token: string;
  /** Query (GET/DELETE) or form body (POST) parameters; arrays and objects are JSON-encoded. */
  params?: Record<string, string | number | boolean | unknown[] | Record<string, unknown> | undefined>;
  /** 'create' when the call publishes something: a lost answer is then an unknown outcome. */
  kind: GraphCallKind;
  /** For messages: "publishing the Instagram post". */
  what: string;
  signal?: AbortSignal;
}

export class GraphClient {
  constructor(readonly config: GraphConfig) {}

  url(path: string): string {
    return `${this.config.baseUrl}/${this.config.version}/${path.replace(/^\/+/, '')}`;
  }

  async call<T = Record<string, unknown>>(request: GraphRequest): Promise<T> {
    // A bad setting fails the calls with its name, never the engine's start.
    if (!/^v\d+\.\d+$/.test(this.config.version)) throw permanent(`META_GRAPH_VERSION must look like ${defaultGraphVersion} (got "${this.config.version}")`);
    const method = request.method ?? 'GET';
    const params = new URLSearchParams();
    for (const [key, value] of Object.entries(request.params ?? {})) {
      if (value === undefined) continue;
      params.set(key, typeof value === 'object' ? JSON.stringify(value) : String(value));
    }
    const url = new URL(this.url(request.path));
    const init: RequestInit = { method, headers: { authorization: `Bearer ${request.token}` }, signal: request.signal };
    if (method === 'POST') {
      init.body = params;
    } else {
      for (const [key, value] of params) url.searchParams.set(key, value);
    }
    let response: Response;
    try {
      response = await fetch(url, init);
    } catch (error) {
      throw this.networkError(error, request);
    }
    const text = await response.text().catch(() => '');
    let body: unknown = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch {
      body = null;
    }
    if (response.ok && body && typeof body === 'object' && !('error' in body)) return body as T;
    throw graphError(response, body, request.kind, request.what);
  }

  private networkError(error: unknown, request: GraphRequest): ChannelError {
    const code = ((error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name) || 'network error';
    const message = `Could not reach the Graph API while ${request.what} (${code})`;
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || request.kind === 'read') return retryable(message, { cause: error });
    return unknownOutcome(`${message}: it may have been published`, { cause: error });
  }
}
