/**
 * The preload bridge (sandboxed, CommonJS): exposes exactly `window.missionControl = { invoke, on }`
 * to the page and nothing else. Raw ipcRenderer never crosses; the IpcRendererEvent is dropped
 * before a listener sees it. Main re-checks everything (sender frame, method, input).
 */
import { contextBridge, ipcRenderer } from 'electron';
import { createBridge } from './bridge';

contextBridge.exposeInMainWorld('missionControl', createBridge(ipcRenderer));
