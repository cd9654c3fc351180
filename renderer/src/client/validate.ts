/**
 * Response validation: every result is parsed with the contract's output schema, so a drifting
 * server shows up as a clear error instead of a half-rendered view. Parsing a 500-row page takes a
 * few milliseconds, so it stays on in production builds too.
 */
import { apiErrorSchema, contract, eventSchemas, type EventName, type EventPayload, type MethodName, type MethodOutput } from '../../../shared/contract';
import { McError } from './types';

/** Parses a transport's `ApiResult`; returns the typed value or throws `McError`. */
export function unwrapResult<M extends MethodName>(method: M, body: unknown): MethodOutput<M> {
  if (typeof body !== 'object' || body === null || !('ok' in body)) {
    throw new McError({ code: 'internal', message: `${method}: the server sent a response that is not an ApiResult` });
  }
  const result = body as { ok: boolean; value?: unknown; error?: unknown };
  if (!result.ok) {
    const error = apiErrorSchema.safeParse(result.error);
    throw new McError(error.success ? error.data : { code: 'internal', message: `${method} failed` });
  }
  const parsed = contract[method].output.safeParse(result.value);
  if (!parsed.success) {
    throw new McError({ code: 'internal', message: `${method}: response does not match the contract (${parsed.error.issues[0]?.path.join('.') ?? ''}: ${parsed.error.issues[0]?.message ?? ''})` });
  }
  return parsed.data as MethodOutput<M>;
}

/** Parses an event payload; returns null (and warns) when it does not match the contract. */
export function parseEvent<E extends EventName>(event: E, payload: unknown): EventPayload<E> | null {
  const parsed = eventSchemas[event].safeParse(payload);
  if (!parsed.success) {
    console.warn(`ignored malformed ${event} event`, parsed.error.issues);
    return null;
  }
  return parsed.data as EventPayload<E>;
}
