/**
 * Approvals waiting out their undo window (settings.approvalUndoSeconds): the toast lists them
 * with a countdown and Undo. Kept outside React views, so leaving the inbox keeps the toast.
 */
import { useSyncExternalStore } from 'react';

export interface PendingApproval {
  id: string;
  title: string;
  /** When the task may run (its not_before). */
  until: string;
}

const none: PendingApproval[] = [];
let pending: PendingApproval[] = none;
const listeners = new Set<() => void>();
const emit = () => listeners.forEach((listener) => listener());

/** Records approvals that came back with a future not_before (others have no window to undo). */
export function trackApprovals(tasks: { id: string; title: string; notBefore: string | null; approvedAt: string | null }[], now = Date.now()): void {
  const fresh = tasks.filter((task) => task.approvedAt && task.notBefore && Date.parse(task.notBefore) > now).map((task) => ({ id: task.id, title: task.title, until: task.notBefore! }));
  if (!fresh.length) return;
  const ids = new Set(fresh.map((item) => item.id));
  pending = [...pending.filter((item) => !ids.has(item.id)), ...fresh];
  emit();
}

export function forgetApproval(id: string): void {
  pending = pending.filter((item) => item.id !== id);
  emit();
}

export function usePendingApprovals(): PendingApproval[] {
  return useSyncExternalStore(
    (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    () => pending,
    // A page rendered ahead (and its hydration) starts with no approval in its undo window.
    () => none,
  );
}
