/**
 * Handles for the Playwright `_electron` specs (e2e/electron), installed only when
 * MISSION_CONTROL_E2E=1: electronApp.evaluate() runs in the main process and reaches the app
 * through globalThis, since a spec cannot click a native tray menu or notification button.
 */
import type { Notification } from 'electron';
import type { EngineApi } from '../../shared/contract';
import type { TrayAction, TrayModel } from './tray-model';

export interface TestHooks {
  api: EngineApi;
  /** Notifications on screen by spec key (approval:<taskId>, ...). */
  liveNotifications(): Map<string, Notification>;
  trayAction(action: TrayAction): Promise<void>;
  lastModel(): TrayModel | null;
  refreshTray(): Promise<TrayModel>;
  nonce: string;
  deepLink(url: string): Promise<void>;
}

export function installTestHooks(hooks: TestHooks): void {
  (globalThis as { __missionControlTest?: TestHooks }).__missionControlTest = hooks;
}
