/** Picks the transport at start-up: the preload bridge when present (desktop), HTTP otherwise. */
import { createHttpClient } from './http-client';
import { createIpcClient } from './ipc-client';
import type { McClient } from './types';

export function createClient(win: Window = window): McClient {
  return win.missionControl ? createIpcClient(win.missionControl) : createHttpClient();
}
