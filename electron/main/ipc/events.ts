/**
 * Engine events -> every open window. Payloads are already contract-shaped (shared/contract.ts
 * eventSchemas); the renderer validates them again on arrival.
 */
import { eventNames, type EventName } from '../../../shared/contract';
import { eventChannel } from './channels';

/** Subscribes to engine events (the Engine's `on`); returns an unsubscribe. */
export type EngineEventSource = (event: EventName, listener: (payload: unknown) => void) => () => void;

/** Something with Electron's webContents.send and isDestroyed. */
export interface EventSink {
  send(channel: string, ...args: unknown[]): void;
  isDestroyed(): boolean;
}

/** Forwards every contract event to the sinks current at emit time (windows come and go). */
export function forwardEvents(on: EngineEventSource, sinks: () => EventSink[]): () => void {
  const offs = eventNames.map((name) =>
    on(name, (payload) => {
      for (const sink of sinks()) {
        if (!sink.isDestroyed()) sink.send(eventChannel, name, payload);
      }
    }),
  );
  return () => offs.forEach((off) => off());
}
