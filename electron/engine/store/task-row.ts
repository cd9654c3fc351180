/**
 * squad_tasks rows <-> the shared Task shape. Booleans are 0/1 and metadata is JSON text in SQLite.
 */
import type { Task, TaskPriority, TaskStatus } from '../../../shared/domain';
import { parseJsonColumn } from '../db/statements';

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
}

export function rowToTask(row: TaskRow): Task {
  const metadata = parseJsonColumn<unknown>(row.metadata, {});
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    status: row.status as TaskStatus,
    assignedAgent: row.assigned_agent,
    priority: row.priority as TaskPriority,
    mentionsKenny: row.mentions_kenny == null ? null : row.mentions_kenny === 1,
    deliverableUrl: row.deliverable_url,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    executionAttempts: row.execution_attempts,
    lastExecutionAttempt: row.last_execution_attempt,
    executionError: row.execution_error,
    requiresApproval: row.requires_approval === 1,
    approvedBy: row.approved_by,
    approvedAt: row.approved_at,
    rejectedBy: row.rejected_by,
    rejectedAt: row.rejected_at,
    rejectionReason: row.rejection_reason,
    metadata: metadata && typeof metadata === 'object' && !Array.isArray(metadata) ? (metadata as Record<string, unknown>) : {},
    completedAt: row.completed_at,
    leaseOwner: row.lease_owner,
    leaseExpiresAt: row.lease_expires_at,
    notBefore: row.not_before,
    holdReason: row.hold_reason,
    policyDecision: row.policy_decision === 'auto_execute' || row.policy_decision === 'require_approval' ? row.policy_decision : null,
    policyReason: row.policy_reason,
    policyRuleId: row.policy_rule_id,
    outcomeUnknown: row.outcome_unknown === 1,
    origin: row.origin,
  };
}
