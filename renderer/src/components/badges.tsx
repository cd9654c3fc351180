/** Status and priority badges, coloured through CSS variables so both themes stay readable. */
import type { TaskPriority, TaskStatus } from '../../../shared/domain';

/** The words the badges use; filters use them too, so "Queued" means the same everywhere. */
export const statusLabels: Record<TaskStatus, string> = {
  new: 'Queued',
  in_progress: 'Running',
  completed: 'Completed',
  failed: 'Failed',
  rejected: 'Rejected',
};

export function StatusBadge({ status, awaiting }: { status: TaskStatus; awaiting?: boolean }) {
  if (awaiting && status === 'new') return <span className="badge badge-awaiting">Needs approval</span>;
  return <span className={`badge badge-${status}`}>{statusLabels[status]}</span>;
}

export function PriorityBadge({ priority }: { priority: TaskPriority }) {
  return <span className={`priority priority-${priority}`}>{priority}</span>;
}

/** True when a task waits for Kenny: flagged for approval, neither approved nor decided. */
export function isAwaitingApproval(task: { status: TaskStatus; requiresApproval: boolean; approvedAt: string | null }): boolean {
  return task.status === 'new' && task.requiresApproval && !task.approvedAt;
}
