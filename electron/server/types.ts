/**
 * What the HTTP server needs from the engine: the contract's API, its events and one cycle on
 * demand. The engine's `Engine` satisfies this structurally; the server never reaches further in.
 */
import type { CycleSummary, EngineApi, EventName, EventPayload } from '../../shared/contract';

export interface ServerEngine {
  readonly api: EngineApi;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  runCycle(): Promise<CycleSummary>;
}

/** Where the server writes diagnostics (engine error details, warnings). Default: console. */
export interface ServerLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string, detail?: unknown): void;
}

export const consoleLogger: ServerLogger = {
  info: (message) => console.log(message),
  warn: (message) => console.warn(message),
  error: (message, detail) => console.error(message, detail ?? ''),
};

export const silentLogger: ServerLogger = { info() {}, warn() {}, error() {} };
