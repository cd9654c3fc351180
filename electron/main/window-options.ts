/**
 * The dashboard window's hardening, decided here (pure, unit-tested) and applied by window.ts:
 * BrowserWindow options with locked-down webPreferences, the Content-Security-Policy, and the
 * navigation / new-window / permission policy.
 */
import type { BrowserWindowConstructorOptions } from 'electron';
import { isAppUrl, type AppOrigin } from './ipc/sender-check';

export interface WindowOptionsInput {
  /** Absolute path of out/preload/index.cjs. */
  preloadPath: string;
  /** Dev tools only in development (not packaged). */
  devTools: boolean;
  platform: NodeJS.Platform;
  /** PNG window icon (Linux/Windows); macOS uses the bundle icon. */
  iconPath?: string;
}

/** Hardened options: the security checklist of electronjs.org/docs/latest/tutorial/security. */
export function dashboardWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Mission Control',
    backgroundColor: '#111418',
    autoHideMenuBar: input.platform !== 'darwin',
    ...(input.iconPath && input.platform !== 'darwin' ? { icon: input.iconPath } : {}),
    webPreferences: {
      preload: input.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      safeDialogs: true,
      spellcheck: false,
      /** Middle-click would open links in new windows (which are denied anyway). */
      disableBlinkFeatures: 'Auxclick',
      devTools: input.devTools,
    },
  };
}

/**
 * The CSP for the dashboard. Production mirrors renderer/index.html's meta policy (which is what
 * applies to file:// pages) and the headless server's; development adds what Vite's dev server
 * needs (its HMR websocket and the inline React-refresh preamble), never 'unsafe-eval'.
 */
export function contentSecurityPolicy(devServerUrl?: string | null): string {
  const dev = devServerUrl ? new URL(devServerUrl) : null;
  const ws = dev ? ` ${dev.protocol === 'https:' ? 'wss' : 'ws'}://${dev.host}` : '';
  return [
    "default-src 'none'",
    dev ? "script-src 'self' 'unsafe-inline'" : "script-src 'self'",
    // Vite's dev server injects CSS as <style> elements; the built dashboard has none.
    dev ? "style-src 'self' 'unsafe-inline'" : "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src 'self'${ws}`,
    "frame-src 'self' about:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers with our CSP replacing any the response carried (webRequest.onHeadersReceived). */
export function withCspHeader(headers: Record<string, string[] | string> | undefined, csp: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() === 'content-security-policy') continue;
    out[name] = Array.isArray(value) ? value : [value];
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}

/**
 * In-window navigation: only within our own renderer (hash routes change the URL fragment only,
 * which is not a navigation). Everything else is blocked; http(s) links open in the browser.
 */
export function navigationDecision(url: string, origin: AppOrigin): 'allow' | 'open-external' | 'deny' {
  if (isAppUrl(url, origin)) return 'allow';
  return isExternalLink(url) ? 'open-external' : 'deny';
}

/** Links the system browser may open (an e-mail preview's link, an external task URL). */
export function isExternalLink(url: string): boolean {
  try {
    const parsed = new URL(url);
    return (parsed.protocol === 'https:' || parsed.protocol === 'http:') && !parsed.username && !parsed.password;
  } catch {
    return false;
  }
}

/** Permission requests (camera, notifications, geolocation, ...): the dashboard needs none. */
export function allowPermission(_permission: string): boolean {
  return false;
}
