/**
 * Kenny's quiet hours for desktop notifications (pure, unit-tested): what may interrupt now and
 * what waits for the end of the quiet hours. Urgent alerts and urgent approvals still interrupt
 * when `allowUrgent` is on (the default). Nothing is dropped: held items are shown, batched, when
 * the quiet hours end, if they still need Kenny then.
 */
import type { ApprovalItem } from '../../shared/contract';
import type { Alert } from '../../shared/domain';
import { quietUntil, type QuietHours } from '../../shared/send-schedule';

export interface QuietSplit {
  showApprovals: ApprovalItem[];
  showAlerts: Alert[];
  holdApprovals: ApprovalItem[];
  holdAlerts: Alert[];
  /** When the quiet hours end (null: not quiet now). */
  until: Date | null;
}

export function splitForQuietHours(approvals: ApprovalItem[], alerts: Alert[], quiet: QuietHours, now: Date, timeZone: string): QuietSplit {
  const until = quietUntil(quiet, now, timeZone);
  if (!until) return { showApprovals: approvals, showAlerts: alerts, holdApprovals: [], holdAlerts: [], until: null };
  const urgentApproval = (item: ApprovalItem) => quiet.allowUrgent && item.task.priority === 'urgent';
  const urgentAlert = (alert: Alert) => quiet.allowUrgent && alert.severity === 'urgent';
  return {
    showApprovals: approvals.filter(urgentApproval),
    showAlerts: alerts.filter(urgentAlert),
    holdApprovals: approvals.filter((item) => !urgentApproval(item)),
    holdAlerts: alerts.filter((alert) => !urgentAlert(alert)),
    until,
  };
}
