/** Typed access to the app's e2e hooks from electronApp.evaluate() (they live on the main process's globalThis). */
import type { ElectronApplication } from '@playwright/test';
import type { ExecutorStatus, MethodInput, MethodName, MethodOutput } from '../../shared/contract';
import type { TestHooks } from '../../electron/main/test-hooks';
import type { TrayAction, TrayModel } from '../../electron/main/tray-model';

type Global = typeof globalThis & { __missionControlTest: TestHooks };

export function call<M extends MethodName>(app: ElectronApplication, method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  return app.evaluate(async (_electron, [m, i]) => (globalThis as Global).__missionControlTest.api[m as MethodName](i as never), [method, input] as const) as Promise<MethodOutput<M>>;
}

export function status(app: ElectronApplication): Promise<ExecutorStatus> {
  return call(app, 'status:get', {});
}

export function trayAction(app: ElectronApplication, action: TrayAction): Promise<void> {
  return app.evaluate(async (_electron, a) => (globalThis as Global).__missionControlTest.trayAction(a), action);
}

export function trayModel(app: ElectronApplication): Promise<TrayModel> {
  return app.evaluate(async () => (globalThis as Global).__missionControlTest.refreshTray());
}

/** Keys of the notifications on screen (approval:<taskId>, ...). */
export function notificationKeys(app: ElectronApplication): Promise<string[]> {
  return app.evaluate(() => [...(globalThis as Global).__missionControlTest.liveNotifications().keys()]);
}

/** Emits a native notification event exactly as the OS would deliver it ('action' with the button index, or 'click'). */
export function emitOnNotification(app: ElectronApplication, key: string, event: 'click' | 'action', index = 0): Promise<boolean> {
  return app.evaluate((_electron, [k, e, i]) => {
    const notification = (globalThis as Global).__missionControlTest.liveNotifications().get(k);
    if (!notification) return false;
    return e === 'action' ? notification.emit('action', {}, i) : notification.emit('click', {});
  }, [key, event, index] as const);
}

export function notificationsSupported(app: ElectronApplication): Promise<boolean> {
  return app.evaluate(({ Notification }) => Notification.isSupported());
}

/** What a Windows toast button does: activates mission-control://<kind>/<taskId>?nonce=<this run's nonce>. */
export function toastButton(app: ElectronApplication, kind: 'approve' | 'reject', taskId: string): Promise<void> {
  return app.evaluate(async (_electron, [k, id]) => {
    const hooks = (globalThis as Global).__missionControlTest;
    await hooks.deepLink(`mission-control://${k}/${encodeURIComponent(id)}?nonce=${hooks.nonce}`);
  }, [kind, taskId] as const);
}
