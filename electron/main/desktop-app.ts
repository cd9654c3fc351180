/**
 * The desktop app's lifecycle: one instance, the engine in the main process on the user-data
 * database, the tray, notifications, the dashboard window and deep links. Thin glue: each
 * decision lives in a pure module beside this one.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { BrowserWindow, Notification, app, safeStorage, shell } from 'electron';
import type { ExecutorStatus } from '../../shared/contract';
import { createEngine, type Engine } from '../engine/index';
import { userDataDir } from '../engine/paths';
import { attachSync, syncUrlFrom } from '../engine/sync/attach';
import { appId, appProductName, appProtocol } from './app-identity';
import { appPaths } from './app-paths';
import { setAutoUpdate } from './auto-update';
import { createDesktopActions, handleDeepLink, runTrayAction, type ActionOutcome, type ShellHooks } from './desktop-actions';
import { autoUpdateEnabled, loginItemSettings, loginItemSupported, readDesktopPrefs, startsHidden, writeDesktopPrefs, type DesktopPrefs } from './desktop-prefs';
import { forwardEvents } from './ipc/events';
import { registerContractIpc } from './ipc/index';
import { isAppUrl } from './ipc/sender-check';
import { NotificationWatcher } from './notification-watcher';
import { liveNotifications, showNotifications, showToast } from './notifier';
import { approvalRoute, findDeepLink, parseDeepLink, type DeepLink } from './routes';
import { createSecretStore } from './secret-store';
import { shellLogger as log } from './shell-logger';
import { TrayController } from './tray';
import { startTrayRefresh } from './tray-refresh';
import type { TrayAction, TrayModel } from './tray-model';
import { createDashboardWindowController } from './window';
import { installTestHooks } from './test-hooks';

/** Runs the app. Returns false when another instance already runs (this one then quits). */
export function runDesktopApp(mainModuleUrl: string): boolean {
  app.setName(appProductName);
  app.setPath('userData', userDataDir(process.env));
  if (process.platform === 'win32') app.setAppUserModelId(appId);

  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }

  const env = process.env;
  const paths = appPaths(mainModuleUrl, env, app.isPackaged);
  const nonce = randomBytes(16).toString('hex');
  const prefsFile = join(app.getPath('userData'), 'desktop-prefs.json');
  let quitting = false;
  let engine: Engine | null = null;
  let engineError: string | null = null;
  let prefs: DesktopPrefs = { openAtLogin: false, autoUpdate: false, startHidden: true };
  let lastStatus: ExecutorStatus | null = null;
  let lastModel: TrayModel | null = null;
  const pendingLinks: DeepLink[] = [];

  const windowController = createDashboardWindowController(paths, { devTools: !app.isPackaged, isQuitting: () => quitting });
  const report = (outcome: ActionOutcome) => (outcome.ok ? log.info(outcome.message) : showToast('Mission Control', outcome.message));

  const hooks: ShellHooks = {
    openRoute: (route) => windowController.show(route),
    quit: () => app.quit(),
    report,
    toggleLoginItem: () => void updatePrefs({ openAtLogin: !prefs.openAtLogin }),
    toggleAutoUpdate: () => void updatePrefs({ autoUpdate: !prefs.autoUpdate }),
  };

  async function updatePrefs(patch: Partial<DesktopPrefs>): Promise<void> {
    prefs = { ...prefs, ...patch };
    await writeDesktopPrefs(prefsFile, prefs);
    applyPrefs();
    await tray?.refresh();
  }

  function applyPrefs(): void {
    if (loginItemSupported(process.platform)) app.setLoginItemSettings(loginItemSettings(prefs.openAtLogin));
    setAutoUpdate(autoUpdateEnabled(prefs, env, app.isPackaged), log);
  }

  const routeDeepLink = (link: DeepLink | null) => {
    if (!link) return;
    if (!engine) {
      pendingLinks.push(link);
      return;
    }
    void handleDeepLink(link, nonce, createDesktopActions(engine.api), hooks);
  };

  app.on('second-instance', (_event, argv) => {
    const link = findDeepLink(argv);
    if (link) routeDeepLink(link);
    else windowController.show();
  });
  app.on('open-url', (event, url) => {
    event.preventDefault();
    routeDeepLink(parseDeepLink(url));
  });
  if (app.isPackaged) app.setAsDefaultProtocolClient(appProtocol);

  // Defence in depth for any web contents, not just the dashboard.
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-attach-webview', (e) => e.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
  app.on('window-all-closed', () => {
    // Stay in the tray.
  });
  app.on('activate', () => windowController.show());

  let tray: ReturnType<typeof startTrayRefresh> | null = null;
  let stopForwarding: (() => void) | null = null;
  let watcher: NotificationWatcher | null = null;

  app.on('before-quit', (event) => {
    quitting = true;
    if (!engine) return;
    event.preventDefault();
    const closing = engine;
    engine = null;
    watcher?.stop();
    tray?.stop();
    stopForwarding?.();
    closing
      .close()
      .catch((error: unknown) => log.error('engine did not close cleanly', error))
      .finally(() => app.quit());
  });

  void app.whenReady().then(async () => {
    prefs = await readDesktopPrefs(prefsFile);
    const secrets = createSecretStore(safeStorage, process.platform, join(app.getPath('userData'), 'secrets.json'));
    log.info(`secrets: ${secrets.description}`);
    try {
      // OAuth consent pages (Gmail) open in the system browser, never in the app window; https only.
      const openExternal = (url: string) => (url.startsWith('https://') ? shell.openExternal(url) : log.warn(`refused to open ${url}`));
      engine = createEngine({ secrets, env, openExternal });
      log.info(`engine on ${engine.dbPath} (executor ${engine.executorId})`);
      // Supabase sync when SUPABASE_DB_URL is set (docs/sync.md); off otherwise.
      if (attachSync(engine, { url: syncUrlFrom(env), env })) log.info('Supabase sync on');
    } catch (error) {
      engineError = error instanceof Error ? error.message : String(error);
      log.error('engine failed to start', error);
    }

    // Toggles decide from the engine's current status, not the last rendered one.
    const trayClick = async (action: TrayAction): Promise<void> => {
      const current = engine;
      if (!current) return action === 'quit' ? app.quit() : windowController.show();
      const status = await current.api['status:get']({}).catch(() => lastStatus);
      await runTrayAction(action, status, createDesktopActions(current.api), hooks);
    };
    const trayController = new TrayController((action: TrayAction) => void trayClick(action), () => windowController.show());

    const live = engine;
    if (live) {
      registerContractIpc(live.api, (url) => isAppUrl(url, paths.origin), log);
      stopForwarding = forwardEvents((event, listener) => live.on(event, listener), () => BrowserWindow.getAllWindows().map((w) => w.webContents));
      live.start();
      watcher = new NotificationWatcher({
        api: live.api,
        on: (event, listener) => live.on(event, listener),
        show: (specs) => showNotifications(specs, nonce, { openRoute: hooks.openRoute, decide: async (id, action) => {
          const outcome = await createDesktopActions(live.api).decide(id, action);
          report(outcome);
          if (!outcome.ok) hooks.openRoute(approvalRoute(id));
        } }),
        onError: (error) => log.warn('notification check failed', error),
      });
      await watcher.start();
    }
    tray = startTrayRefresh({
      api: live?.api ?? { 'status:get': () => Promise.reject(new Error(engineError ?? 'no engine')), 'settings:get': () => Promise.reject(new Error('no engine')), 'alerts:list': () => Promise.reject(new Error('no engine')), 'channels:list': () => Promise.reject(new Error('no engine')) },
      on: live ? (event, listener) => live.on(event, listener) : () => () => undefined,
      render: (model, input) => {
        lastStatus = input.status;
        lastModel = model;
        trayController.render(model);
      },
      prefs: () => ({ openAtLogin: prefs.openAtLogin, loginItemSupported: loginItemSupported(process.platform), autoUpdate: prefs.autoUpdate }),
      engineError: () => engineError,
      onError: (error) => log.warn('tray refresh failed', error),
    });
    await tray.refresh();
    applyPrefs();

    if (env.MISSION_CONTROL_E2E === '1' && !app.isPackaged && live) {
      installTestHooks({ api: live.api, liveNotifications, trayAction: trayClick, lastModel: () => lastModel, refreshTray: () => tray!.refresh(), nonce, deepLink: (url) => handleDeepLink(parseDeepLink(url)!, nonce, createDesktopActions(live.api), hooks) });
    }
    if (!Notification.isSupported()) log.warn('native notifications are not supported here');

    const openedAtLogin = process.platform === 'darwin' ? app.getLoginItemSettings().wasOpenedAtLogin : false;
    if (!(prefs.startHidden && startsHidden(process.argv, openedAtLogin))) windowController.show();
    for (const link of pendingLinks.splice(0)) routeDeepLink(link);
    routeDeepLink(findDeepLink(process.argv));
  });
  return true;
}
