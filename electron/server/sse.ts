/**
 * GET /api/events: the engine's events as server-sent events, so an approval made in the CLI or
 * another tab shows up in every open page at once. One engine subscription fans out to all tabs.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { eventNames, type EventName } from '../../shared/contract';
import { baseHeaders } from './http-util';
import type { ServerEngine, ServerLogger } from './types';

/** Comment line sent to keep proxies and browsers from timing out. Default: every 15 s. */
export const defaultHeartbeatMs = 15_000;
/** Reconnect delay suggested to EventSource. */
export const retryMs = 2_000;

export interface EventHub {
  /** Takes over the response for the life of the connection. */
  attach(req: IncomingMessage, res: ServerResponse): void;
  readonly clientCount: number;
  /** Ends every stream and unsubscribes from the engine. */
  close(): void;
}

/** Encodes one event; JSON never contains a raw newline, so `data:` is always one line. */
export function formatEvent(name: string, payload: unknown, id?: number): string {
  return `${id === undefined ? '' : `id: ${id}\n`}event: ${name}\ndata: ${JSON.stringify(payload)}\n\n`;
}

export function createEventHub(engine: ServerEngine, logger: ServerLogger, options: { heartbeatMs?: number } = {}): EventHub {
  const clients = new Set<ServerResponse>();
  let nextId = 1;
  const broadcast = (name: EventName, payload: unknown): void => {
    if (clients.size === 0) return;
    const chunk = formatEvent(name, payload, nextId++);
    for (const res of clients) if (!res.writableEnded && !res.destroyed) res.write(chunk);
  };
  const unsubscribers = eventNames.map((name) => engine.on(name, (payload: unknown) => broadcast(name, payload)));
  const heartbeat = setInterval(() => {
    for (const res of clients) if (!res.writableEnded && !res.destroyed) res.write(`: heartbeat ${new Date().toISOString()}\n\n`);
  }, options.heartbeatMs ?? defaultHeartbeatMs);
  heartbeat.unref();

  return {
    get clientCount() {
      return clients.size;
    },
    attach(req, res) {
      res.writeHead(200, {
        ...baseHeaders,
        'Content-Type': 'text/event-stream; charset=utf-8',
        'Cache-Control': 'no-store',
        Connection: 'keep-alive',
        'X-Accel-Buffering': 'no',
      });
      res.flushHeaders();
      res.write(`retry: ${retryMs}\n\n`);
      clients.add(res);
      const drop = (): void => {
        clients.delete(res);
      };
      req.on('close', drop);
      res.on('close', drop);
      engine.api['status:get']({}).then(
        (status) => {
          if (clients.has(res)) res.write(formatEvent('status:changed', status, nextId++));
        },
        (error: unknown) => logger.error('initial status for an event stream', error),
      );
    },
    close() {
      clearInterval(heartbeat);
      for (const unsubscribe of unsubscribers) unsubscribe();
      for (const res of clients) res.end();
      clients.clear();
    },
  };
}
