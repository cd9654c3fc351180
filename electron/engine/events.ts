/**
 * Typed engine events (shared/contract.ts eventSchemas): what the desktop layer turns into
 * notifications and the transports forward to the dashboard.
 */
import { EventEmitter } from 'node:events';
import type { EventName, EventPayload } from '../../shared/contract';

export class EngineEvents {
  private readonly emitter = new EventEmitter();

  constructor() {
    // Every open dashboard tab and the tray subscribe; that is not a leak.
    this.emitter.setMaxListeners(0);
  }

  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void {
    this.emitter.on(event, listener);
    return () => this.emitter.off(event, listener);
  }

  emit<E extends EventName>(event: E, payload: EventPayload<E>): void {
    // A failing listener must never break the executor.
    for (const listener of this.emitter.listeners(event)) {
      try {
        (listener as (payload: EventPayload<E>) => void)(payload);
      } catch (error) {
        console.error(`[mission-control] ${event} listener failed:`, error);
      }
    }
  }
}
