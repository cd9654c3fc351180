/**
 * Errors the engine's API throws on purpose. Each carries an ApiError code so every transport
 * (IPC, HTTP, CLI) answers the same way: 400/404/409/503 rather than a crash.
 */
import type { ApiError } from '../../shared/contract';

export class EngineError extends Error {
  constructor(
    readonly code: ApiError['code'],
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'EngineError';
  }
}

export const notFound = (what: string) => new EngineError('not_found', `${what} not found`);
export const conflict = (message: string, details?: unknown) => new EngineError('conflict', message, details);
export const invalidInput = (message: string, details?: unknown) => new EngineError('invalid_input', message, details);
export const unavailable = (message: string) => new EngineError('unavailable', message);

/** Turns anything thrown into an ApiError; unexpected errors keep their message but are 'internal'. */
export function toApiError(error: unknown): ApiError {
  if (error instanceof EngineError) return { code: error.code, message: error.message, details: error.details };
  return { code: 'internal', message: error instanceof Error ? error.message : String(error) };
}
