/**
 * Electron's ipcMain bound to the contract transport (register.ts). The rest of the main process
 * never touches ipcMain (lint rule).
 */
import { ipcMain } from 'electron';
import type { EngineApi } from '../../../shared/contract';
import { registerIpc, type IpcLogger } from './register';

export function registerContractIpc(api: EngineApi, isTrustedUrl: (url: string) => boolean, logger: IpcLogger): () => void {
  return registerIpc({ ipcMain, api, isTrustedUrl, logger });
}
