/**
 * squad_tasks rows <-> the shared Task shape. Booleans are 0/1 and metadata is JSON text in SQLite.
 */
import type { Task, TaskPriority, TaskStatus } from '../../../shared/domain';
import { parseJsonColumn } from '../db/statements';
import { RowReader } from './row-damage';

/** A damaged time reads as the epoch (a constant: formatting it per row cost two toISOString calls a task). */
const epochIso = '1970-01-01T00:00:00.000Z';

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
 * The columns a TaskRow holds, in the order `taskRowFromValues` reads them. Hot queries select
 * these (`SELECT ${taskColumnsSql}`) in raw mode: better-sqlite3 builds an object row one named
 * property at a time through V8's slow path (about 2,000 instructions a column, most of a queue
 * read), while a raw row is an array and the object below is a literal V8 builds in one step.
 */
export const taskColumns = [
  'id',
  'title',
  'description',
  'status',
  'assigned_agent',
  'priority',
  'mentions_kenny',
  'deliverable_url',
  'created_at',
  'updated_at',
  'execution_attempts',
  'last_execution_attempt',
  'execution_error',
  'requires_approval',
  'approved_by',
  'approved_at',
  'rejected_by',
  'rejected_at',
  'rejection_reason',
  'metadata',
  'completed_at',
  'lease_owner',
  'lease_expires_at',
  'not_before',
  'hold_reason',
  'policy_decision',
  'policy_reason',
  'policy_rule_id',
  'outcome_unknown',
  'origin',
  'snoozed_until',
] as const satisfies readonly (keyof TaskRow)[];

export const taskColumnsSql = taskColumns.join(', ');

/** A raw row of `SELECT ${taskColumnsSql}` (statement.raw()) as a TaskRow; extra columns after them are the caller's. */
export function taskRowFromValues(v: readonly unknown[]): TaskRow {
  return {
    id: v[0],
    title: v[1],
    description: v[2],
    status: v[3],
    assigned_agent: v[4],
    priority: v[5],
    mentions_kenny: v[6],
    deliverable_url: v[7],
    created_at: v[8],
    updated_at: v[9],
    execution_attempts: v[10],
    last_execution_attempt: v[11],
    execution_error: v[12],
    requires_approval: v[13],
    approved_by: v[14],
    approved_at: v[15],
    rejected_by: v[16],
    rejected_at: v[17],
    rejection_reason: v[18],
    metadata: v[19],
    completed_at: v[20],
    lease_owner: v[21],
    lease_expires_at: v[22],
    not_before: v[23],
    hold_reason: v[24],
    policy_decision: v[25],
    policy_reason: v[26],
    policy_rule_id: v[27],
    outcome_unknown: v[28],
    origin: v[29],
    snoozed_until: v[30],
  } as TaskRow;
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
    createdAt: r.time('created_at', epochIso),
    updatedAt: r.time('updated_at', epochIso),
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
