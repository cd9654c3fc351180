/**
 * Auto-update (electron-updater) behind the desktop pref "Check for updates automatically"
 * (default off) or MISSION_CONTROL_AUTO_UPDATE. The feed is electron-builder.yml's `publish`
 * (a generic provider placeholder until Audico hosts one). Updates download in the background and
 * install on the next quit; nothing restarts the app under Kenny.
 */
import electronUpdater from 'electron-updater';

export interface UpdaterLogger {
  info(message: string): void;
  warn(message: string, detail?: unknown): void;
}

let timer: ReturnType<typeof setInterval> | null = null;

/** Starts or stops periodic checks (every 6 h). Safe to call repeatedly. */
export function setAutoUpdate(enabled: boolean, logger: UpdaterLogger): void {
  const { autoUpdater } = electronUpdater;
  if (!enabled) {
    if (timer) clearInterval(timer);
    timer = null;
    autoUpdater.autoDownload = false;
    return;
  }
  autoUpdater.autoDownload = true;
  autoUpdater.autoInstallOnAppQuit = true;
  autoUpdater.allowPrerelease = false;
  const check = () => {
    autoUpdater.checkForUpdates().then(
      (result) => logger.info(result?.updateInfo ? `update check: latest ${result.updateInfo.version}` : 'update check: no feed'),
      (error: unknown) => logger.warn('update check failed', error),
    );
  };
  if (!timer) {
    check();
    timer = setInterval(check, 6 * 60 * 60 * 1000);
  }
}
