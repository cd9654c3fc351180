/**
 * Where the desktop app and the headless runner keep their data. Both use the same folder,
 * computed here without Electron so `mission-control` finds the desktop app's database:
 * it matches Electron's app.getPath('userData') for the product name "Mission Control".
 */
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Electron's userData folder name (productName in electron-builder.yml). */
export const productName = 'Mission Control';
export const databaseFileName = 'mission-control.db';

/** Default: the OS's per-user app data folder; MISSION_CONTROL_HOME overrides. */
export function userDataDir(env: Record<string, string | undefined> = process.env, platform: NodeJS.Platform = process.platform): string {
  if (env.MISSION_CONTROL_HOME) return env.MISSION_CONTROL_HOME;
  const home = env.HOME || homedir();
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', productName);
  if (platform === 'win32') return join(env.APPDATA || join(home, 'AppData', 'Roaming'), productName);
  return join(env.XDG_CONFIG_HOME || join(home, '.config'), productName);
}

/** Default: `<userData>/mission-control.db`; MISSION_CONTROL_DB overrides. */
export function defaultDbPath(env: Record<string, string | undefined> = process.env, platform: NodeJS.Platform = process.platform): string {
  return env.MISSION_CONTROL_DB || join(userDataDir(env, platform), databaseFileName);
}
