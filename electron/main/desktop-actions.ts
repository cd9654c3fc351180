/**
 * What the tray items, notification buttons and deep links do: each is one call of the same
 * engine API method the dashboard uses (executor:pause, approvals:approve, ...), so a decision
 * from a notification lands in the same trail, with the same checks, as one from the inbox.
 */
import { timingSafeEqual } from 'node:crypto';
import type { EngineApi, ExecutorStatus } from '../../shared/contract';
import { notificationRejectReason, type NotificationAction } from './notification-model';
import { approvalRoute, type DeepLink } from './routes';
import type { TrayAction } from './tray-model';

export type ActionOutcome = { ok: true; message: string } | { ok: false; message: string };

async function attempt(what: string, run: () => Promise<string>): Promise<ActionOutcome> {
  try {
    return { ok: true, message: await run() };
  } catch (error) {
    return { ok: false, message: `${what}: ${error instanceof Error ? error.message : String(error)}` };
  }
}

export function createDesktopActions(api: EngineApi) {
  return {
    togglePause: (status: ExecutorStatus | null) =>
      attempt('Could not change pause', async () => {
        const paused = status?.paused || status?.state === 'paused';
        const next = paused ? await api['executor:resume']({}) : await api['executor:pause']({});
        return next.paused ? 'Execution paused' : 'Execution resumed';
      }),
    toggleDryRun: (status: ExecutorStatus | null) =>
      attempt('Could not change dry run', async () => {
        const view = await api['settings:update']({ dryRun: !(status?.dryRun ?? true) });
        return view.settings.dryRun ? 'Dry run on: nothing will be sent' : 'Dry run off: tasks send for real';
      }),
    runNow: () =>
      attempt('Run failed', async () => {
        const summary = await api['executor:runNow']({});
        return `Ran: ${summary.executed} executed, ${summary.failed} failed, ${summary.deferred} deferred`;
      }),
    decide: (taskId: string, action: NotificationAction) =>
      attempt(action === 'approve' ? 'Could not approve' : 'Could not reject', async () => {
        const task =
          action === 'approve'
            ? await api['approvals:approve']({ id: taskId })
            : await api['approvals:reject']({ id: taskId, reason: notificationRejectReason });
        return `${action === 'approve' ? 'Approved' : 'Rejected'} "${task.title}"`;
      }),
  };
}
export type DesktopActions = ReturnType<typeof createDesktopActions>;

/** Where the shell's side effects go: window routing, quitting, prefs (index.ts wires them to Electron). */
export interface ShellHooks {
  openRoute(route: string): void;
  quit(): void;
  toggleLoginItem(): void;
  toggleAutoUpdate(): void;
  report(outcome: ActionOutcome): void;
}

/** One tray click. */
export async function runTrayAction(action: TrayAction, status: ExecutorStatus | null, actions: DesktopActions, hooks: ShellHooks): Promise<void> {
  switch (action) {
    case 'open-inbox':
      return hooks.openRoute('#/approvals');
    case 'open-channels':
      return hooks.openRoute('#/settings');
    case 'open-dashboard':
      return hooks.openRoute('#/');
    case 'toggle-pause':
      return hooks.report(await actions.togglePause(status));
    case 'toggle-dry-run':
      return hooks.report(await actions.toggleDryRun(status));
    case 'run-now':
      return hooks.report(await actions.runNow());
    case 'toggle-login-item':
      return hooks.toggleLoginItem();
    case 'toggle-auto-update':
      return hooks.toggleAutoUpdate();
    case 'quit':
      return hooks.quit();
  }
}

function sameNonce(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && left.length > 0 && timingSafeEqual(left, right);
}

/**
 * A deep link (Windows toast button, Action Center, or any `mission-control://` URL). State
 * changes need this run's nonce; without it (a stale toast, a link on a web page) the task is only
 * opened in the inbox for Kenny to decide there.
 */
export async function handleDeepLink(link: DeepLink, nonce: string, actions: DesktopActions, hooks: ShellHooks): Promise<void> {
  if (link.kind === 'open') return hooks.openRoute(link.route);
  if (!sameNonce(link.nonce, nonce)) return hooks.openRoute(approvalRoute(link.taskId));
  const outcome = await actions.decide(link.taskId, link.kind);
  hooks.report(outcome);
  if (!outcome.ok) hooks.openRoute(approvalRoute(link.taskId));
}
