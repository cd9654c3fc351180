/**
 * The dashboard window: created hidden with the hardened options, shown when ready; closing it
 * hides it (the app lives in the tray); the session refuses permissions, navigation away from the
 * renderer and new windows, and carries our CSP on every HTTP response (file:// pages get the
 * same policy from renderer/index.html's meta tag).
 */
import { BrowserWindow, shell, type Session } from 'electron';
import type { AppPaths } from './app-paths';
import { allowPermission, contentSecurityPolicy, dashboardWindowOptions, navigationDecision, withCspHeader } from './window-options';
import { isSafeRoute } from './routes';

const hardenedSessions = new WeakSet<Session>();

/** Session-wide rules, once per session. */
export function hardenSession(session: Session, paths: AppPaths): void {
  if (hardenedSessions.has(session)) return;
  hardenedSessions.add(session);
  const csp = contentSecurityPolicy(paths.origin.devServerUrl);
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: withCspHeader(details.responseHeaders, csp) });
  });
  session.setPermissionRequestHandler((_webContents, permission, callback) => callback(allowPermission(permission)));
  session.setPermissionCheckHandler((_webContents, permission) => allowPermission(permission));
  session.on('will-download', (event) => event.preventDefault());
}

export interface DashboardWindow {
  show(route?: string): void;
  window(): BrowserWindow | null;
  /** Really close (quitting). */
  destroy(): void;
}

export function createDashboardWindowController(paths: AppPaths, options: { devTools: boolean; iconPath?: string; isQuitting: () => boolean }): DashboardWindow {
  let win: BrowserWindow | null = null;

  const load = (target: BrowserWindow, route: string) => {
    const hash = route.replace(/^#/, '');
    if (paths.origin.devServerUrl) void target.loadURL(`${paths.origin.devServerUrl}#${hash}`);
    else void target.loadFile(paths.rendererIndex, { hash });
  };

  const create = (route: string): BrowserWindow => {
    const windowOptions = dashboardWindowOptions({ preloadPath: paths.preloadPath, devTools: options.devTools, platform: process.platform, ...(options.iconPath ? { iconPath: options.iconPath } : {}) });
    // The critical flags are repeated literally so static scanners (electronegativity) see them here.
    const created = new BrowserWindow({
      ...windowOptions,
      webPreferences: { ...windowOptions.webPreferences, contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, disableBlinkFeatures: 'Auxclick' },
    });
    hardenSession(created.webContents.session, paths);
    const contents = created.webContents;
    contents.on('will-navigate', (event, url) => {
      const decision = navigationDecision(url, paths.origin);
      if (decision === 'allow') return;
      event.preventDefault();
      if (decision === 'open-external') void shell.openExternal(url);
    });
    contents.on('will-redirect', (event, url) => {
      if (navigationDecision(url, paths.origin) !== 'allow') event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(({ url }) => {
      if (navigationDecision(url, paths.origin) === 'open-external') void shell.openExternal(url);
      return { action: 'deny' };
    });
    created.once('ready-to-show', () => created.show());
    created.on('close', (event) => {
      if (!options.isQuitting()) {
        event.preventDefault();
        created.hide();
      }
    });
    created.on('closed', () => {
      if (win === created) win = null;
    });
    load(created, route);
    return created;
  };

  return {
    show(route = '#/') {
      const safe = isSafeRoute(route) ? route : '#/';
      if (!win || win.isDestroyed()) {
        win = create(safe);
        return;
      }
      if (safe !== '#/') {
        // "Open dashboard" keeps whatever view was open; other routes switch it. A hash change is
        // not a navigation: the renderer's router picks it up.
        void win.webContents.executeJavaScript(`window.location.hash = ${JSON.stringify(safe.replace(/^#/, ''))}`);
      }
      if (win.isMinimized()) win.restore();
      win.show();
      win.focus();
    },
    window: () => (win && !win.isDestroyed() ? win : null),
    destroy() {
      if (win && !win.isDestroyed()) win.destroy();
      win = null;
    },
  };
}
