/**
 * The browser transport for `mission-control serve`: `POST /api/rpc/<method>` with a JSON body,
 * same-origin cookie auth (`mc_session`), live events over one EventSource on `/api/events`.
 */
import { eventNames, type EventName, type MethodInput, type MethodName, type MethodOutput } from '../../../shared/contract';
import { stashedResult, type FirstCallStash } from './first-call-stash';
import { McError, type EventListener, type McClient } from './types';
import { parseEvent, unwrapResult } from './validate';

const pageStash = (): FirstCallStash | undefined => globalThis.window?.__mcFirstCalls;

/**
 * Default base: the page's own origin (the server serves the dashboard and the API together).
 * `firstCalls`: the answers boot.ts started for this page (default: the page's stash, read at each
 * call; used only with the page's own origin, which is where boot sent them).
 */
export function createHttpClient(baseUrl = '', firstCalls: () => FirstCallStash | undefined = baseUrl === '' ? pageStash : () => undefined): McClient {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const connectionListeners = new Set<(connected: boolean) => void>();
  let source: EventSource | null = null;
  let connected = false;

  const setConnected = (value: boolean) => {
    connected = value;
    for (const listener of connectionListeners) listener(value);
  };

  // One EventSource shared by all subscribers, opened on first subscription; it reconnects on its own.
  const ensureSource = () => {
    if (source || typeof EventSource === 'undefined') return;
    source = new EventSource(`${baseUrl}/api/events`, { withCredentials: true });
    source.onopen = () => setConnected(true);
    source.onerror = () => setConnected(false);
    for (const name of eventNames) {
      source.addEventListener(name, (message) => {
        let payload: unknown;
        try {
          payload = JSON.parse((message as MessageEvent<string>).data);
        } catch {
          return;
        }
        for (const listener of listeners.get(name) ?? []) listener(payload);
      });
    }
  };

  return {
    transport: 'http',
    async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
      const requestBody = JSON.stringify(input ?? {});
      const early = await stashedResult(firstCalls(), method, requestBody, performance.now());
      if (early !== undefined) return unwrapResult(method, early);
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/api/rpc/${method}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json', accept: 'application/json' },
          body: requestBody,
        });
      } catch (error) {
        throw new McError({ code: 'unavailable', message: `Cannot reach mission-control serve (${(error as Error).message})` });
      }
      if (response.status === 401) {
        throw new McError({ code: 'unauthorized', message: 'Not signed in: open the link printed by mission-control serve.' });
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        throw new McError({ code: response.ok ? 'internal' : 'unavailable', message: `${method}: HTTP ${response.status} without a JSON body` });
      }
      return unwrapResult(method, body);
    },
    subscribe<E extends EventName>(event: E, listener: EventListener<E>) {
      const wrapped = (payload: unknown) => {
        const parsed = parseEvent(event, payload);
        if (parsed) listener(parsed);
      };
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(wrapped);
      ensureSource();
      return () => set.delete(wrapped);
    },
    onConnectionChange(listener) {
      connectionListeners.add(listener);
      listener(connected);
      return () => connectionListeners.delete(listener);
    },
  };
}
