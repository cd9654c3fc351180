/**
 * Preferences that belong to the desktop shell, not the engine: start at login and automatic
 * updates. Kept in `<userData>/desktop-prefs.json` (the engine's settings live in agent_configs
 * and travel through the contract; these never leave this machine). Both default to off:
 * updates are opt-in until a real update feed exists (docs/desktop.md).
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { z } from 'zod';

export const desktopPrefsSchema = z.object({
  openAtLogin: z.boolean().default(false),
  /** MISSION_CONTROL_AUTO_UPDATE=1|0 overrides. */
  autoUpdate: z.boolean().default(false),
  /** The app starts hidden in the tray when launched at login. */
  startHidden: z.boolean().default(true),
});
export type DesktopPrefs = z.infer<typeof desktopPrefsSchema>;
export const defaultDesktopPrefs: DesktopPrefs = desktopPrefsSchema.parse({});

/** Reads the prefs; a missing or damaged file yields the defaults (never blocks start-up). */
export async function readDesktopPrefs(filePath: string): Promise<DesktopPrefs> {
  try {
    const parsed = desktopPrefsSchema.safeParse(JSON.parse(await readFile(filePath, 'utf8')));
    return parsed.success ? parsed.data : { ...defaultDesktopPrefs };
  } catch {
    return { ...defaultDesktopPrefs };
  }
}

export async function writeDesktopPrefs(filePath: string, prefs: DesktopPrefs): Promise<void> {
  await mkdir(dirname(filePath), { recursive: true });
  const tmp = `${filePath}.${process.pid}.tmp`;
  await writeFile(tmp, `${JSON.stringify(desktopPrefsSchema.parse(prefs), null, 2)}\n`, { mode: 0o600 });
  await rename(tmp, filePath);
}

/** Effective auto-update switch: the environment wins over the pref; unpackaged runs never update. */
export function autoUpdateEnabled(prefs: DesktopPrefs, env: Record<string, string | undefined>, isPackaged: boolean): boolean {
  if (!isPackaged) return false;
  const forced = env.MISSION_CONTROL_AUTO_UPDATE;
  if (forced === '1' || forced === 'true') return true;
  if (forced === '0' || forced === 'false') return false;
  return prefs.autoUpdate;
}

/** Electron supports login items on macOS and Windows only; Linux users add an autostart entry. */
export function loginItemSupported(platform: NodeJS.Platform): boolean {
  return platform === 'darwin' || platform === 'win32';
}

/** app.setLoginItemSettings argument for the pref. `--hidden` tells the app it was started at login. */
export function loginItemSettings(openAtLogin: boolean): { openAtLogin: boolean; openAsHidden: boolean; args: string[] } {
  return { openAtLogin, openAsHidden: openAtLogin, args: openAtLogin ? ['--hidden'] : [] };
}

/** Start hidden (tray only) when launched at login, or when asked with --hidden. */
export function startsHidden(argv: readonly string[], wasOpenedAtLogin: boolean): boolean {
  return wasOpenedAtLogin || argv.includes('--hidden');
}
