/**
 * The IPC transport for the contract: one `mc:invoke` handler that checks the sender frame,
 * validates the input with the method's zod schema and answers an ApiResult as data (never a
 * rejected promise, so the renderer sees the same errors it gets over HTTP). The only place in
 * the app that touches ipcMain.
 */
import { ZodError } from 'zod';
import { apiErrorCodes, contract, isMethodName, methodNames, type ApiError, type ApiResult, type EngineApi, type MethodName } from '../../../shared/contract';
import { invokeChannel } from './channels';

/** The part of Electron's ipcMain we use (an EventEmitter-like fake satisfies it in tests). */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcInvokeEventLike, ...args: any[]) => unknown): void;
  removeHandler(channel: string): void;
}

/** The part of IpcMainInvokeEvent we read: the frame that sent the message. */
export interface IpcInvokeEventLike {
  senderFrame: { url: string } | null;
}

export interface IpcLogger {
  warn(message: string, detail?: unknown): void;
  error(message: string, detail?: unknown): void;
}

export interface RegisterIpcOptions {
  ipcMain: IpcMainLike;
  api: EngineApi;
  /** Sender check: true only for our renderer's URLs (see sender-check.ts). */
  isTrustedUrl: (url: string) => boolean;
  logger?: IpcLogger;
}

/** "title: title is required; limit: too big": each issue names its field. */
export function formatIssues(error: ZodError): string {
  return error.issues
    .slice(0, 10)
    .map((issue) => (issue.path.length ? `${issue.path.map(String).join('.')}: ${issue.message}` : issue.message))
    .join('; ');
}

function fail(code: ApiError['code'], message: string, details?: unknown): ApiResult<never> {
  return { ok: false, error: details === undefined ? { code, message } : { code, message, details } };
}

/** Maps whatever the engine threw to an ApiError; unexpected errors get a generic message (detail goes to the log). */
export function errorToResult(error: unknown, method: string, logger?: IpcLogger): ApiResult<never> {
  if (error instanceof ZodError) return fail('invalid_input', formatIssues(error));
  const code = (error as { code?: unknown } | null)?.code;
  if (error instanceof Error && typeof code === 'string' && (apiErrorCodes as readonly string[]).includes(code) && code !== 'internal') {
    return fail(code as ApiError['code'], error.message);
  }
  logger?.error(`ipc ${method} failed`, error);
  return fail('internal', 'Internal error; see the app log');
}

/** Handles one invoke: sender check, method check, input validation, call. Exported for tests. */
export async function handleInvoke(
  api: EngineApi,
  isTrustedUrl: (url: string) => boolean,
  event: IpcInvokeEventLike,
  method: unknown,
  input: unknown,
  logger?: IpcLogger,
): Promise<ApiResult<unknown>> {
  const url = event.senderFrame?.url ?? '';
  if (!url || !isTrustedUrl(url)) {
    logger?.warn('ipc: refused a message from an untrusted frame', { url: url.slice(0, 200) });
    return fail('unauthorized', 'This frame may not call Mission Control');
  }
  if (typeof method !== 'string' || !isMethodName(method)) {
    return fail('invalid_input', `Unknown method "${String(method).slice(0, 100)}"`);
  }
  const parsed = contract[method].input.safeParse(input ?? {});
  if (!parsed.success) {
    return fail('invalid_input', formatIssues(parsed.error), { issues: parsed.error.issues.slice(0, 20).map((i) => ({ path: i.path.map(String), message: i.message })) });
  }
  try {
    const fn = api[method] as (value: unknown) => Promise<unknown>;
    return { ok: true, value: await fn(parsed.data) };
  } catch (error) {
    return errorToResult(error, method, logger);
  }
}

/** The contract methods the transport serves: all of them (the registration test asserts this). */
export function servedMethods(api: EngineApi): MethodName[] {
  return methodNames.filter((name) => typeof api[name] === 'function');
}

/** Registers the invoke handler; returns the function that removes it (window teardown, tests). */
export function registerIpc({ ipcMain, api, isTrustedUrl, logger }: RegisterIpcOptions): () => void {
  const missing = methodNames.filter((name) => typeof api[name] !== 'function');
  if (missing.length) throw new Error(`Engine API lacks contract methods: ${missing.join(', ')}`);
  ipcMain.handle(invokeChannel, (event, method: unknown, input: unknown) => handleInvoke(api, isTrustedUrl, event, method, input, logger));
  return () => ipcMain.removeHandler(invokeChannel);
}
