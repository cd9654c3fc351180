/**
 * The bridge object, built from an ipcRenderer-like transport so its behaviour is unit-tested in
 * Node. Shape (the renderer codes against it, renderer/src/client/bridge.d.ts):
 * `invoke(method, input): Promise<ApiResult>` and `on(event, listener): () => void`.
 */
import { eventChannel, invokeChannel, isBridgeEventName } from '../main/ipc/channels';

type ApiResultLike = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

/** The part of ipcRenderer the bridge uses. */
export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  on(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
  removeListener(channel: string, listener: (event: unknown, ...args: unknown[]) => void): unknown;
}

export interface MissionControlBridgeApi {
  invoke(method: string, input: unknown): Promise<ApiResultLike>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}

export function createBridge(ipc: IpcRendererLike): MissionControlBridgeApi {
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  let attached = false;
  const dispatch = (_event: unknown, name: unknown, payload: unknown) => {
    if (typeof name !== 'string') return;
    for (const listener of [...(listeners.get(name) ?? [])]) {
      try {
        listener(payload);
      } catch (error) {
        console.error('missionControl listener failed', error);
      }
    }
  };

  return Object.freeze({
    async invoke(method: string, input: unknown): Promise<ApiResultLike> {
      if (typeof method !== 'string') return { ok: false, error: { code: 'invalid_input', message: 'method must be a string' } };
      try {
        return (await ipc.invoke(invokeChannel, method, input)) as ApiResultLike;
      } catch (error) {
        // Only when main has no handler (shutting down) or the input cannot be cloned.
        return { ok: false, error: { code: 'unavailable', message: error instanceof Error ? error.message : String(error) } };
      }
    },
    on(event: string, listener: (payload: unknown) => void): () => void {
      if (!isBridgeEventName(event) || typeof listener !== 'function') return () => undefined;
      if (!attached) {
        ipc.on(eventChannel, dispatch);
        attached = true;
      }
      const set = listeners.get(event) ?? new Set();
      set.add(listener);
      listeners.set(event, set);
      return () => {
        set.delete(listener);
        if ([...listeners.values()].every((s) => s.size === 0) && attached) {
          ipc.removeListener(eventChannel, dispatch);
          attached = false;
        }
      };
    },
  });
}
