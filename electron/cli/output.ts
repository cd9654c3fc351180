/**
 * Printing for people and for scripts (--json).
 */
import type { TaskSummary } from '../../shared/contract';
import type { Task } from '../../shared/domain';
import type { CliIo } from './command';

export const printJson = (io: CliIo, value: unknown) => io.stdout(`${JSON.stringify(value, null, 2)}\n`);

export function formatTaskLine(task: Pick<TaskSummary, 'id' | 'status' | 'priority' | 'assignedAgent' | 'title' | 'holdReason'>): string {
  const hold = task.holdReason ? `  (${task.holdReason})` : '';
  return `${task.id}  ${task.status.padEnd(11)} ${task.priority.padEnd(6)} ${task.assignedAgent.padEnd(18)} ${task.title}${hold}`;
}

export function formatTask(task: Task): string {
  const lines: [string, unknown][] = [
    ['id', task.id],
    ['title', task.title],
    ['status', task.status],
    ['agent', task.assignedAgent],
    ['priority', task.priority],
    ['requires approval', task.requiresApproval],
    ['approved', task.approvedAt ? `${task.approvedAt} by ${task.approvedBy}` : null],
    ['rejected', task.rejectedAt ? `${task.rejectedAt} by ${task.rejectedBy}: ${task.rejectionReason}` : null],
    ['policy', task.policyReason],
    ['attempts', task.executionAttempts],
    ['last attempt', task.lastExecutionAttempt],
    ['error', task.executionError],
    ['held', task.holdReason],
    ['completed', task.completedAt],
    ['created', task.createdAt],
    ['metadata', JSON.stringify(task.metadata)],
  ];
  return lines
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([label, value]) => `${`${label}:`.padEnd(19)}${String(value)}`)
    .join('\n');
}
