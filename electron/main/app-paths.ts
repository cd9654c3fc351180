/**
 * Where the built pieces are, relative to the main bundle (out/main/index.js, ESM): the CommonJS
 * preload, the renderer, and the origin IPC trusts. In development electron-vite serves the
 * renderer and sets ELECTRON_RENDERER_URL.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AppOrigin } from './ipc/sender-check';

export interface AppPaths {
  preloadPath: string;
  rendererIndex: string;
  origin: AppOrigin;
}

export function appPaths(mainModuleUrl: string, env: Record<string, string | undefined>, isPackaged: boolean): AppPaths {
  const outDir = dirname(dirname(fileURLToPath(mainModuleUrl)));
  const rendererDir = join(outDir, 'renderer');
  const devServerUrl = !isPackaged && env.ELECTRON_RENDERER_URL ? env.ELECTRON_RENDERER_URL : null;
  return {
    preloadPath: join(outDir, 'preload', 'index.cjs'),
    rendererIndex: join(rendererDir, 'index.html'),
    origin: { rendererDir, devServerUrl },
  };
}
