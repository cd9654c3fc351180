/**
 * What a native notification says and offers (pure, unit-tested): approval requests with
 * Approve/Reject where the OS supports actions, escalations and urgent alerts, and batching so a
 * burst of fifty tasks is one notification rather than fifty.
 */
import type { ApprovalItem } from '../../shared/contract';
import type { Alert } from '../../shared/domain';
import { approvalRoute, deepLinkUrl, inboxRoute, logsRoute, taskRoute } from './routes';

export type NotificationAction = 'approve' | 'reject';

/** Platform-neutral description of one notification. */
export interface NotificationSpec {
  /** Stable key (dedupe, tests). */
  key: string;
  kind: 'approval' | 'approvals-batch' | 'alert' | 'alerts-batch';
  title: string;
  body: string;
  /** Hash route the click opens. */
  route: string;
  /** The task the actions apply to. */
  taskId: string | null;
  /** Offered only where the OS shows buttons (see notificationOptions). */
  actions: NotificationAction[];
  urgent: boolean;
}

/** Reason recorded when Kenny rejects from a notification (the contract requires one). */
export const notificationRejectReason = 'Rejected from the desktop notification';
/** More than this many at once become one summary notification. Default 3. */
export const defaultBatchThreshold = 3;

function clip(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export function approvalNotification(item: ApprovalItem): NotificationSpec {
  const { task } = item;
  const what = item.preview?.summary ?? task.description ?? item.previewError ?? '';
  const head = `${task.assignedAgent} · ${task.priority}${task.policyReason ? ` · ${task.policyReason}` : ''}`;
  return {
    key: `approval:${task.id}`,
    kind: 'approval',
    title: clip(`Approve? ${task.title}`, 80),
    body: clip(what ? `${head}\n${what}` : head, 220),
    route: approvalRoute(task.id),
    taskId: task.id,
    actions: ['approve', 'reject'],
    urgent: task.priority === 'urgent',
  };
}

/** Alerts worth interrupting Kenny for: escalations, unknown outcomes, anything urgent. */
export function isNotifiableAlert(alert: Alert): boolean {
  if (alert.acknowledgedAt) return false;
  if (alert.type === 'approval_needed') return false; // covered by the approval notification itself
  return alert.type === 'escalation' || alert.type === 'outcome_unknown' || alert.severity === 'urgent';
}

export function alertTaskId(alert: Alert): string | null {
  const id = alert.metadata.taskId ?? alert.metadata.task_id;
  return typeof id === 'string' && id.length > 0 && id.length <= 100 ? id : null;
}

export function alertNotification(alert: Alert): NotificationSpec {
  const taskId = alertTaskId(alert);
  return {
    key: `alert:${alert.id}`,
    kind: 'alert',
    title: clip(alert.severity === 'urgent' ? `Urgent: ${alert.title}` : alert.title, 80),
    body: clip(alert.message, 220),
    route: taskId ? taskRoute(taskId) : logsRoute,
    taskId,
    actions: [],
    urgent: alert.severity === 'urgent' || alert.severity === 'high',
  };
}

/**
 * One notification each up to `threshold`, otherwise one summary per kind. Most urgent first,
 * so the summary's body names the ones that matter.
 */
export function batchNotifications(approvals: ApprovalItem[], alerts: Alert[], threshold = defaultBatchThreshold): NotificationSpec[] {
  const out: NotificationSpec[] = [];
  const rank = { urgent: 0, high: 1, medium: 2, low: 3 } as const;
  const sortedApprovals = [...approvals].sort((a, b) => rank[a.task.priority] - rank[b.task.priority]);
  if (sortedApprovals.length > threshold) {
    const names = sortedApprovals.slice(0, 3).map((a) => a.task.title);
    const more = sortedApprovals.length - names.length;
    out.push({
      key: `approvals-batch:${sortedApprovals.map((a) => a.task.id).join(',')}`.slice(0, 200),
      kind: 'approvals-batch',
      title: `${sortedApprovals.length} tasks need your approval`,
      body: clip(`${names.join('; ')}${more > 0 ? ` and ${more} more` : ''}`, 220),
      route: inboxRoute,
      taskId: null,
      actions: [],
      urgent: sortedApprovals.some((a) => a.task.priority === 'urgent'),
    });
  } else {
    out.push(...sortedApprovals.map(approvalNotification));
  }
  const notifiable = alerts.filter(isNotifiableAlert).sort((a, b) => (a.severity === 'urgent' ? 0 : 1) - (b.severity === 'urgent' ? 0 : 1));
  if (notifiable.length > threshold) {
    out.push({
      key: `alerts-batch:${notifiable.map((a) => a.id).join(',')}`.slice(0, 200),
      kind: 'alerts-batch',
      title: `${notifiable.length} alerts need attention`,
      body: clip(notifiable.slice(0, 3).map((a) => a.title).join('; '), 220),
      route: logsRoute,
      taskId: null,
      actions: [],
      urgent: notifiable.some((a) => a.severity === 'urgent'),
    });
  } else {
    out.push(...notifiable.map(alertNotification));
  }
  return out;
}

/** Electron NotificationConstructorOptions, decided per platform (no Electron types needed here). */
export interface NativeNotificationOptions {
  title: string;
  body: string;
  silent: boolean;
  urgency?: 'normal' | 'critical' | 'low';
  timeoutType?: 'default' | 'never';
  /** macOS: buttons; the 'action' event's index maps back through `actionOrder`. */
  actions?: Array<{ type: 'button'; text: string }>;
  closeButtonText?: string;
  /** Windows: toast XML whose buttons activate nonce-carrying mission-control:// deep links. */
  toastXml?: string;
}

export interface PlatformNotification {
  options: NativeNotificationOptions;
  /** Index i of a macOS 'action' event means actionOrder[i]. */
  actionOrder: NotificationAction[];
}

const actionLabels: Record<NotificationAction, string> = { approve: 'Approve', reject: 'Reject' };

function xmlEscape(text: string): string {
  return text.replace(/[<>&"']/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;', "'": '&apos;' })[c] as string);
}

/**
 * macOS: Electron's `actions` buttons. Windows: toastXml with protocol-activated buttons, because
 * Electron's own Windows action events do not fire for non-MSIX apps (electron/electron#51147)
 * and protocol activation also works from the Action Center after the toast is gone. Linux:
 * no buttons (libnotify actions are not exposed by Electron); the click opens the inbox.
 */
export function notificationOptions(spec: NotificationSpec, platform: NodeJS.Platform, nonce: string): PlatformNotification {
  const base: NativeNotificationOptions = { title: spec.title, body: spec.body, silent: false };
  const actions = spec.taskId ? spec.actions : [];
  if (platform === 'darwin') {
    if (!actions.length) return { options: base, actionOrder: [] };
    return { options: { ...base, actions: actions.map((a) => ({ type: 'button', text: actionLabels[a] })), closeButtonText: 'Later' }, actionOrder: actions };
  }
  if (platform === 'win32') {
    const launch = deepLinkUrl({ kind: 'open', route: spec.route });
    const buttons = actions
      .map((a) => `<action content="${actionLabels[a]}" activationType="protocol" arguments="${xmlEscape(deepLinkUrl({ kind: a, taskId: spec.taskId as string, nonce }))}"/>`)
      .join('');
    const toastXml =
      `<toast activationType="protocol" launch="${xmlEscape(launch)}"${spec.urgent && buttons ? ' scenario="reminder"' : ''}>` +
      `<visual><binding template="ToastGeneric"><text>${xmlEscape(spec.title)}</text><text>${xmlEscape(spec.body)}</text></binding></visual>` +
      (buttons ? `<actions>${buttons}</actions>` : '') +
      `</toast>`;
    return { options: { ...base, toastXml }, actionOrder: [] };
  }
  return { options: { ...base, urgency: spec.urgent ? 'critical' : 'normal', timeoutType: spec.urgent ? 'never' : 'default' }, actionOrder: [] };
}
