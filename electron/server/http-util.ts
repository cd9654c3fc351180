/**
 * Small helpers over node:http: JSON answers, bounded JSON bodies, and an error type that carries
 * the HTTP status and the contract's error code so handlers can simply throw.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiError } from '../../shared/contract';
import { maxJsonDepth } from '../../shared/strict-input';

/** Largest request body accepted. Default: 1 MiB (bulk decisions of 500 ids fit easily). */
export const maxBodyBytes = 1024 * 1024;

/** Status for each contract error code (and 413/415/405 for transport-level refusals). */
export const statusForCode: Record<ApiError['code'], number> = {
  invalid_input: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  unavailable: 503,
  internal: 500,
};

/** A refusal with a status and a contract error; thrown by handlers, answered by the router. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: ApiError['code'],
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

/**
 * Headers every response carries, whatever its type. The opener policy is added per request
 * (`openerPolicyFor`).
 */
export const baseHeaders: Record<string, string> = {
  'X-Content-Type-Options': 'nosniff',
  // same-origin, not no-referrer: Chromium sends `Origin: null` with a same-origin form POST under
  // no-referrer, and the sign-in form would be refused as cross-origin.
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

/**
 * `Cross-Origin-Opener-Policy: same-origin` unless the browser says Kenny himself started the
 * navigation (`Sec-Fetch-Site: none`: typed, bookmarked, opened from the terminal or another
 * app). The policy is there so that a site that opens the dashboard (`window.open`, a link with
 * an opener) keeps no handle to it; such a request is `cross-site` or `same-site`, and a browser
 * that sends no `Sec-Fetch-Site` gets the policy too. A navigation Kenny starts needs none:
 * Chromium moves such a navigation to a new browsing context group by itself, so a site that
 * opened the tab, or a popup the tab's earlier page opened, reaches nothing (their stale handle
 * only reads as open: e2e/opener-isolation.spec.ts). The policy would cost it a renderer process
 * switch in a fresh tab, about 100 ms of its first paint (docs/benchmarks.md, "The opener policy
 * where it protects").
 */
export function openerPolicyFor(secFetchSite: string | string[] | undefined): Record<string, string> {
  return secFetchSite === 'none' ? {} : { 'Cross-Origin-Opener-Policy': 'same-origin' };
}

export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...baseHeaders,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-store',
    ...headers,
  });
  res.end(text);
}

/** Answers `{ok:false, error}` in the contract's shape with the matching status. */
export function sendApiError(res: ServerResponse, error: HttpError): void {
  const body: { ok: false; error: ApiError } = {
    ok: false,
    error: { code: error.code, message: error.message, ...(error.details === undefined ? {} : { details: error.details }) },
  };
  sendJson(res, error.status, body, refusalHeaders(error));
}

/** Connection: close after a 413 (the unread body); Retry-After on a 503 that says when. */
export function refusalHeaders(error: HttpError): Record<string, string> {
  if (error.status === 413) return { Connection: 'close' };
  const retryAfter = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  if (error.status === 503 && typeof retryAfter === 'number') return { 'Retry-After': String(Math.max(1, Math.ceil(retryAfter))) };
  return {};
}

export function isJsonContentType(req: IncomingMessage): boolean {
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  return type === 'application/json';
}

/**
 * Reads the whole body up to `limit` bytes (413 beyond it, without buffering the rest).
 * Resolves to the raw text; an absent body is ''.
 */
export function readBody(req: IncomingMessage, limit = maxBodyBytes): Promise<string> {
  const declared = Number(req.headers['content-length'] ?? NaN);
  if (Number.isFinite(declared) && declared > limit) {
    req.resume();
    return Promise.reject(new HttpError(413, 'invalid_input', `Request body exceeds ${limit} bytes`));
  }
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let failed = false;
    req.on('data', (chunk: Buffer) => {
      if (failed) return;
      size += chunk.length;
      if (size > limit) {
        failed = true;
        reject(new HttpError(413, 'invalid_input', `Request body exceeds ${limit} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => {
      if (!failed) resolve(Buffer.concat(chunks).toString('utf8'));
    });
    req.on('error', (error) => {
      if (!failed) reject(error);
    });
  });
}

/**
 * Reads a JSON body. `required`: the content type must be application/json (a cross-site form
 * cannot send that without a CORS preflight, which this server never grants). An empty body is `{}`.
 */
export async function readJsonBody(req: IncomingMessage, options: { requireJsonType: boolean; limit?: number }): Promise<unknown> {
  const hasBody = Number(req.headers['content-length'] ?? 0) > 0 || req.headers['transfer-encoding'] !== undefined;
  if (options.requireJsonType && !isJsonContentType(req)) {
    req.resume();
    throw new HttpError(415, 'invalid_input', 'Content-Type must be application/json');
  }
  if (hasBody && !options.requireJsonType && req.headers['content-type'] !== undefined && !isJsonContentType(req)) {
    req.resume();
    throw new HttpError(415, 'invalid_input', 'Content-Type must be application/json');
  }
  const text = await readBody(req, options.limit);
  if (text.trim() === '') return {};
  if (jsonTextDepth(text) > maxJsonDepth) throw new HttpError(400, 'invalid_input', `Request body is nested too deeply (at most ${maxJsonDepth} levels)`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new HttpError(400, 'invalid_input', 'Request body is not valid JSON');
  }
}

/**
 * Deepest bracket nesting of JSON text, scanned before parsing (strings skipped), so a body nested
 * 100,000 levels is refused without ever being parsed or stringified recursively.
 */
export function jsonTextDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 123 || c === 91) {
      depth++;
      if (depth > deepest) deepest = depth;
    } else if (c === 125 || c === 93) depth--;
  }
  return deepest;
}

/** A request URL safe to log: query values (e.g. `/auth?token=`) replaced by `…`. */
export function redactUrl(url: string | undefined): string {
  const text = url ?? '/';
  const index = text.indexOf('?');
  if (index < 0) return text.slice(0, 300);
  const names = text
    .slice(index + 1)
    .split('&')
    .map((part) => `${part.split('=')[0]}=…`);
  return `${text.slice(0, Math.min(index, 300))}?${names.join('&').slice(0, 200)}`;
}
