/**
 * The preload bridge's shape (electron/preload implements exactly this). Only these two
 * functions cross into the page; never raw ipcRenderer.
 */
import type { ApiResult, EventName } from '../../../shared/contract';

declare global {
  interface MissionControlBridge {
    /** Calls a contract method in the main process; errors come back as data. */
    invoke(method: string, input: unknown): Promise<ApiResult<unknown>>;
    /** Subscribes to an engine event; returns the unsubscribe function. */
    on(event: EventName, listener: (payload: unknown) => void): () => void;
  }

  interface Window {
    missionControl?: MissionControlBridge;
  }
}

export {};
