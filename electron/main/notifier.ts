/**
 * Shows NotificationSpecs as native notifications. Platform choices (buttons on macOS, protocol
 * toasts on Windows, plain on Linux) come from notificationOptions(); the click opens the spec's
 * route; a macOS button runs the decision through the same engine method as the inbox.
 */
import { Notification } from 'electron';
import { notificationOptions, type NotificationAction, type NotificationSpec } from './notification-model';

export interface NotifierHooks {
  openRoute(route: string): void;
  decide(taskId: string, action: NotificationAction): Promise<void>;
}

/** Notifications must be referenced until dismissed, or the GC drops their click handlers. */
const live = new Map<Notification, string>();

/** Spec key -> notification still on screen (e2e specs emit 'action'/'click' on them). */
export function liveNotifications(): Map<string, Notification> {
  return new Map([...live].map(([notification, key]) => [key, notification]));
}

export function showNotifications(specs: NotificationSpec[], nonce: string, hooks: NotifierHooks, iconPath?: string): void {
  if (!Notification.isSupported()) return;
  for (const spec of specs) {
    const { options, actionOrder } = notificationOptions(spec, process.platform, nonce);
    const notification = new Notification({ ...options, ...(iconPath ? { icon: iconPath } : {}) });
    live.set(notification, spec.key);
    const release = () => live.delete(notification);
    notification.on('click', () => {
      hooks.openRoute(spec.route);
      release();
    });
    notification.on('action', (_event, index) => {
      const action = actionOrder[index];
      if (action && spec.taskId) void hooks.decide(spec.taskId, action);
      release();
    });
    notification.on('close', release);
    notification.on('failed', release);
    notification.show();
  }
}

/** A one-line confirmation or error after a tray/notification action (quiet rules do not apply: Kenny just acted). */
export function showToast(title: string, body: string): void {
  if (!Notification.isSupported()) return;
  const notification = new Notification({ title, body, silent: true });
  live.set(notification, `toast:${Date.now()}`);
  notification.on('close', () => live.delete(notification));
  notification.on('click', () => live.delete(notification));
  notification.show();
}
