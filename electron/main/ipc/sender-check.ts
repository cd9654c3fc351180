/**
 * Which frames may talk to the main process: only our own renderer, loaded either from the built
 * files (file://.../out/renderer/index.html) or, in development, from the electron-vite dev
 * server's origin. Anything else (a frame that navigated away, an iframe, a devtools extension
 * page) is refused before the input is even parsed.
 */
import { fileURLToPath } from 'node:url';
import { dirname, isAbsolute, join, relative } from 'node:path';

/** Where the trusted renderer comes from. */
export interface AppOrigin {
  /** Absolute path of the built renderer folder (out/renderer); file: URLs under it are trusted. */
  rendererDir: string;
  /** The dev server URL (ELECTRON_RENDERER_URL) when running `electron-vite dev`; its origin is trusted. */
  devServerUrl?: string | null;
}

/** True when `url` is a page of our renderer. Pure; never throws. */
export function isAppUrl(url: string | null | undefined, origin: AppOrigin): boolean {
  if (!url) return false;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  if (parsed.protocol === 'file:') {
    if (parsed.host !== '') return false; // file://server/share (UNC) is never ours
    let filePath: string;
    try {
      filePath = fileURLToPath(parsed);
    } catch {
      return false;
    }
    const rel = relative(origin.rendererDir, filePath);
    return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
  }
  if (!origin.devServerUrl) return false;
  try {
    const dev = new URL(origin.devServerUrl);
    return (dev.protocol === 'http:' || dev.protocol === 'https:') && parsed.origin === dev.origin;
  } catch {
    return false;
  }
}

/** The renderer folder next to the built main bundle: out/main/index.js -> out/renderer. */
export function rendererDirFromMain(mainFileUrl: string): string {
  return join(dirname(dirname(fileURLToPath(mainFileUrl))), 'renderer');
}
