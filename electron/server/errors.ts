/**
 * Turns whatever a handler or the engine threw into a contract error. The engine's typed errors
 * (electron/engine/errors.ts) carry a `code` from apiErrorCodes; anything else is a 500 with a
 * generic message so stacks and SQL never leak to a client (the detail goes to the log).
 */
import { ZodError, type z } from 'zod';
import { apiErrorCodes, type ApiError } from '../../shared/contract';
import { HttpError, statusForCode } from './http-util';
import type { ServerLogger } from './types';

/** "title: title is required; metadata.x: expected string": each issue names its field. */
export function formatZodIssues(issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .slice(0, 10)
    .map((issue) => {
      const path = issue.path.map(String).join('.');
      return path === '' ? issue.message : `${path}: ${issue.message}`;
    })
    .join('; ');
}

export function invalidInput(error: ZodError): HttpError {
  return new HttpError(400, 'invalid_input', formatZodIssues(error.issues), {
    issues: error.issues.slice(0, 20).map((issue) => ({ path: issue.path.map(String), message: issue.message, code: issue.code })),
  });
}

function isApiErrorCode(code: unknown): code is ApiError['code'] {
  return typeof code === 'string' && (apiErrorCodes as readonly string[]).includes(code);
}

export function toHttpError(error: unknown, logger: ServerLogger, context: string): HttpError {
  if (error instanceof HttpError) return error;
  if (error instanceof ZodError) return invalidInput(error);
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof Error && isApiErrorCode(code) && code !== 'internal') {
    return new HttpError(statusForCode[code], code, error.message, (error as { details?: unknown }).details);
  }
  logger.error(`${context} failed`, error);
  return new HttpError(500, 'internal', 'Internal error; see the server log');
}
