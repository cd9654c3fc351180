/**
 * Whether the real app can run here, and how to start it: the Electron binary (absent where
 * ELECTRON_SKIP_BINARY_DOWNLOAD=1 was needed), the built app (out/), a fresh user-data folder.
 */
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron, type ElectronApplication } from '@playwright/test';

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Null when the app can be launched, else the reason every spec is skipped. */
export function electronUnavailableReason(): string | null {
  const electronDir = join(repoRoot, 'node_modules', 'electron');
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile) || !existsSync(join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()))) {
    return 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD=1 on this machine); run `npm start` once on a machine with network to fetch it';
  }
  if (!existsSync(join(repoRoot, 'out', 'main', 'index.js'))) return 'app not built: run `npm run build` first';
  return null;
}

export interface LaunchedApp {
  app: ElectronApplication;
  home: string;
}

/** Starts the built app on its own user-data folder, with the e2e hooks (electron/main/test-hooks.ts). */
export async function launchApp(extraEnv: Record<string, string> = {}): Promise<LaunchedApp> {
  const home = mkdtempSync(join(tmpdir(), 'mc-electron-e2e-'));
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) if (value !== undefined) env[key] = value;
  const app = await _electron.launch({
    cwd: repoRoot,
    args: [join(repoRoot, 'out', 'main', 'index.js'), ...(process.platform === 'linux' ? ['--no-sandbox'] : [])],
    env: { ...env, MISSION_CONTROL_HOME: home, MISSION_CONTROL_E2E: '1', AGENT_DRY_RUN: '1', ELECTRON_ENABLE_LOGGING: '1', ...extraEnv },
  });
  return { app, home };
}
