/**
 * The one client interface every view uses, typed from the shared contract. Two transports
 * implement it (Electron IPC through the preload bridge, HTTP against `mission-control serve`);
 * views never know which one they talk to.
 */
import type { ApiError, EventName, EventPayload, MethodInput, MethodName, MethodOutput } from '../../../shared/contract';

/** Error thrown by `McClient.call`: the contract's `{ code, message }`, as a real Error. */
export class McError extends Error {
  readonly code: ApiError['code'];
  readonly details: unknown;

  constructor(error: ApiError) {
    super(error.message);
    this.name = 'McError';
    this.code = error.code;
    this.details = error.details;
  }
}

/** True when an error means the browser is not signed in (HTTP transport only). */
export function isUnauthorized(error: unknown): boolean {
  return error instanceof McError && error.code === 'unauthorized';
}

export type EventListener<E extends EventName> = (payload: EventPayload<E>) => void;

/** Which transport a client uses; shown in the header so support can tell the hosts apart. */
export type TransportKind = 'ipc' | 'http';

export interface McClient {
  readonly transport: TransportKind;
  /** Calls one contract method; resolves with its validated output or throws `McError`. */
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Subscribes to a live event; returns the unsubscribe function. */
  subscribe<E extends EventName>(event: E, listener: EventListener<E>): () => void;
  /** Reports whether live events currently flow (the SSE connection is open); IPC is always live. */
  onConnectionChange(listener: (connected: boolean) => void): () => void;
}
