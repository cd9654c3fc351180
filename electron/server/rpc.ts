/**
 * POST /api/rpc/<method>: the contract over HTTP. The body is the method's input, parsed with its
 * zod schema before the engine sees it; the answer is the contract's ApiResult.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { contract, isMethodName, type MethodName } from '../../shared/contract';
import { invalidInput, toHttpError } from './errors';
import { HttpError, readJsonBody, sendApiError, sendJson } from './http-util';
import type { ServerEngine, ServerLogger } from './types';

export const rpcPrefix = '/api/rpc/';

/** Calls one method with an unvalidated input: parse, call, and return the engine's value. */
export async function callMethod(engine: ServerEngine, method: MethodName, input: unknown): Promise<unknown> {
  const parsed = contract[method].input.safeParse(input);
  if (!parsed.success) throw invalidInput(parsed.error);
  const fn = engine.api[method] as (value: unknown) => Promise<unknown>;
  return fn(parsed.data);
}

/**
 * tasks:create takes its idempotency key from the body (`idempotencyKey`) or the `Idempotency-Key`
 * header (Stripe's name); both present and different is a 400.
 */
export function withIdempotencyHeader(body: unknown, header: string | string[] | undefined): unknown {
  if (header === undefined) return body;
  const key = Array.isArray(header) ? header[0] : header;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return body;
  const existing = (body as { idempotencyKey?: unknown }).idempotencyKey;
  if (existing !== undefined && existing !== key) throw new HttpError(400, 'invalid_input', 'idempotencyKey: differs from the Idempotency-Key header; send one of them');
  return { ...body, idempotencyKey: key };
}

export async function handleRpc(
  req: IncomingMessage,
  res: ServerResponse,
  pathname: string,
  engine: ServerEngine,
  logger: ServerLogger,
): Promise<void> {
  let method = '';
  try {
    method = decodeURIComponent(pathname.slice(rpcPrefix.length));
  } catch {
    method = '';
  }
  try {
    if (!isMethodName(method)) throw new HttpError(404, 'not_found', `Unknown method "${method.slice(0, 100)}"`);
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'POST');
      throw new HttpError(405, 'invalid_input', 'Use POST for RPC calls');
    }
    const body = await readJsonBody(req, { requireJsonType: true });
    const input = method === 'tasks:create' ? withIdempotencyHeader(body, req.headers['idempotency-key']) : body;
    const value = await callMethod(engine, method, input);
    sendJson(res, 200, { ok: true, value });
  } catch (error) {
    sendApiError(res, toHttpError(error, logger, `rpc ${method}`));
  }
}
