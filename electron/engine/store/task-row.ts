/**
 * squad_tasks rows <-> the shared Task shape. Booleans are 0/1 and metadata is JSON text in SQLite.
 */
import type { Task, TaskPriority, TaskStatus } from '../../../shared/domain';
import { parseJsonColumn } from '../db/statements';
import { RowReader } from './row-damage';

export interface TaskRow {
  id: string;
  title: string;
  description: string | null;
  status: string;
  assigned_agent: string;
  priority: string;
  mentions_kenny: number | null;
  deliverable_url: string | null;
  created_at: string;
  updated_at: string;
  execution_attempts: number;
  last_execution_attempt: string | null;
  execution_error: string | null;
  requires_approval: number;
  approved_by: string | null;
  approved_at: string | null;
  rejected_by: string | null;
  rejected_at: string | null;
  rejection_reason: string | null;
  metadata: string;
  completed_at: string | null;
  lease_owner: string | null;
  lease_expires_at: string | null;
  not_before: string | null;
  hold_reason: string | null;
  policy_decision: string | null;
  policy_reason: string | null;
  policy_rule_id: string | null;
  outcome_unknown: number;
  origin: string;
  snoozed_until?: string | null;
}

/**
 * A row as the shared Task. Columns of the wrong type (written by another client) read as safe
 * values (requires approval, outcome unknown, no time) and are listed in `damage`.
 */
export function rowToTask(row: TaskRow): Task {
  const r = new RowReader(row as unknown as Record<string, unknown>);
  const metadata = parseJsonColumn<unknown>(typeof row.metadata === 'string' ? row.metadata : null, {});
  const task: Task = {
    id: String(row.id),
    title: r.text('title', '[damaged title]'),
    description: r.optionalText('description'),
    status: row.status as TaskStatus,
    assignedAgent: r.text('assigned_agent', 'Jarvis'),
    priority: row.priority as TaskPriority,
    mentionsKenny: r.optionalFlag('mentions_kenny'),
    deliverableUrl: r.optionalText('deliverable_url'),
    createdAt: r.time('created_at', new Date(0).toISOString()),
    updatedAt: r.time('updated_at', new Date(0).toISOString()),
    executionAttempts: r.count('execution_attempts'),
    lastExecutionAttempt: r.optionalText('last_execution_attempt'),
    executionError: r.optionalText('execution_error'),
    requiresApproval: r.flag('requires_approval', true),
    approvedBy: r.optionalText('approved_by'),
    approvedAt: r.optionalText('approved_at'),
    rejectedBy: r.optionalText('rejected_by'),
    rejectedAt: r.optionalText('rejected_at'),
    rejectionReason: r.optionalText('rejection_reason'),
    metadata: metadata && typeof metadata === 'object' && !Array.isArray(metadata) ? (metadata as Record<string, unknown>) : {},
    completedAt: r.optionalText('completed_at'),
    leaseOwner: r.optionalText('lease_owner'),
    leaseExpiresAt: r.optionalTime('lease_expires_at'),
    notBefore: r.optionalTime('not_before'),
    holdReason: r.optionalText('hold_reason'),
    policyDecision: row.policy_decision === 'auto_execute' || row.policy_decision === 'require_approval' ? row.policy_decision : null,
    policyReason: r.optionalText('policy_reason'),
    policyRuleId: r.optionalText('policy_rule_id'),
    outcomeUnknown: r.flag('outcome_unknown', true),
    origin: r.text('origin', 'unknown'),
    snoozedUntil: r.optionalTime('snoozed_until'),
  };
  return r.damage.length > 0 ? { ...task, damage: r.damage } : task;
}
