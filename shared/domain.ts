/**
 * Domain vocabulary shared by the engine, the transports and the renderer. Pure: no node:*, no
 * electron, no DOM. Names and values are the cloud's (../shared/cloud-contract.md).
 */
import { z } from 'zod';
import { jsonDepth, maxJsonDepth, strictInput, wellFormed } from './strict-input';

export const taskStatuses = ['new', 'in_progress', 'completed', 'failed', 'rejected'] as const;
export const taskStatusSchema = z.enum(taskStatuses);
export type TaskStatus = z.infer<typeof taskStatusSchema>;

/** Most urgent first: the executor's order (the cloud sorted these as text; defect 1). */
export const taskPriorities = ['urgent', 'high', 'medium', 'low'] as const;
export const taskPrioritySchema = z.enum(taskPriorities);
export type TaskPriority = z.infer<typeof taskPrioritySchema>;

export const executorAgents = [
  'Email Agent',
  'Social Media Agent',
  'Marketing Agent',
  'SEO Agent',
  'Google Ads Agent',
] as const;
/** Jarvis orchestrates and receives escalations; its tasks are manual (no handler). */
export const knownAgents = ['Jarvis', ...executorAgents] as const;
export const agentNameSchema = z.string().trim().min(1).max(100);
export type AgentName = z.infer<typeof agentNameSchema>;

export const logLevels = ['info', 'warning', 'error', 'critical'] as const;
export const logLevelSchema = z.enum(logLevels);
export type LogLevel = z.infer<typeof logLevelSchema>;

export const alertSeverities = ['low', 'medium', 'high', 'urgent'] as const;
export const alertSeveritySchema = z.enum(alertSeverities);
export type AlertSeverity = z.infer<typeof alertSeveritySchema>;

export const alertTypes = [
  'approval_needed',
  'agent_error',
  'rate_limit',
  'customer_complaint',
  'system_error',
  'outcome_unknown',
  'escalation',
] as const;
export const alertTypeSchema = z.enum(alertTypes);
export type AlertType = z.infer<typeof alertTypeSchema>;

/** Daily limit keys (rolling 24 h). Defaults are the cloud's (cloud-contract.md). */
export const limitKeys = [
  'task_executor',
  'email_send',
  'social_publish',
  'newsletter_send',
  'influencer_outreach',
  'seo_bulk_apply',
] as const;
export const limitKeySchema = z.enum(limitKeys);
export type LimitKey = z.infer<typeof limitKeySchema>;

export const metadataSchema = z.record(z.string(), z.unknown());
export type TaskMetadata = z.infer<typeof metadataSchema>;

/** Metadata as an input: at most maxJsonDepth (64) levels deep, so it can always be stored and shown. */
export const metadataInputSchema = metadataSchema.refine((value) => jsonDepth(value) <= maxJsonDepth - 1, {
  message: `nested too deeply (at most ${maxJsonDepth - 1} levels)`,
});

export const policyDecisionSchema = z.enum(['auto_execute', 'require_approval']);
export type PolicyDecision = z.infer<typeof policyDecisionSchema>;

/** A task as every layer sees it: the cloud's squad_tasks columns plus the executor's local state. */
export const taskSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  status: taskStatusSchema,
  assignedAgent: z.string(),
  priority: taskPrioritySchema,
  mentionsKenny: z.boolean().nullable(),
  deliverableUrl: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  executionAttempts: z.number().int(),
  lastExecutionAttempt: z.string().nullable(),
  executionError: z.string().nullable(),
  requiresApproval: z.boolean(),
  approvedBy: z.string().nullable(),
  approvedAt: z.string().nullable(),
  rejectedBy: z.string().nullable(),
  rejectedAt: z.string().nullable(),
  rejectionReason: z.string().nullable(),
  metadata: metadataSchema,
  completedAt: z.string().nullable(),
  leaseOwner: z.string().nullable(),
  leaseExpiresAt: z.string().nullable(),
  notBefore: z.string().nullable(),
  holdReason: z.string().nullable(),
  policyDecision: policyDecisionSchema.nullable(),
  policyReason: z.string().nullable(),
  policyRuleId: z.string().nullable(),
  outcomeUnknown: z.boolean(),
  origin: z.string(),
  /** Put off by Kenny ("decide later"): out of the inbox until this time. Absent from older engines. */
  snoozedUntil: z.string().nullable().optional(),
  /**
   * Columns another writer stored with the wrong type ("requires_approval is 'true' (text), expected
   * 0 or 1"). Absent on healthy rows. Such a task is shown as damaged and never runs.
   */
  damage: z.array(z.string()).optional(),
});
export type Task = z.infer<typeof taskSchema>;

/**
 * What a new task needs; everything else has a default (as in SQL). Unknown fields are refused.
 * `idempotencyKey` (or the HTTP `Idempotency-Key` header): a retry with the same key and the same
 * fields returns the task the first call created; the same key with other fields is a conflict.
 */
export const newTaskSchema = strictInput({
  title: wellFormed(z.string().trim().min(1, 'title is required').max(500)),
  description: wellFormed(z.string().max(20_000)).optional(),
  assignedAgent: wellFormed(agentNameSchema).optional(),
  priority: taskPrioritySchema.optional(),
  requiresApproval: z.boolean().optional(),
  mentionsKenny: z.boolean().optional(),
  metadata: metadataInputSchema.optional(),
  idempotencyKey: z.string().trim().min(1).max(255).optional(),
});
export type NewTask = z.infer<typeof newTaskSchema>;

export const logEntrySchema = z.object({
  id: z.string(),
  agentName: z.string(),
  logLevel: logLevelSchema,
  eventType: z.string().nullable(),
  message: z.string(),
  errorDetails: z.unknown().nullable(),
  context: z.record(z.string(), z.unknown()),
  taskId: z.string().nullable(),
  /** The agent of the line's task (the executor logs as "Task Executor" on behalf of it). */
  taskAgent: z.string().nullable().optional(),
  createdAt: z.string(),
});
export type LogEntry = z.infer<typeof logEntrySchema>;

export const alertSchema = z.object({
  id: z.string(),
  type: z.string(),
  severity: alertSeveritySchema,
  title: z.string(),
  message: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
  acknowledgedAt: z.string().nullable(),
  acknowledgedBy: z.string().nullable(),
  deliveryStatus: z.string().nullable(),
  deliveryError: z.string().nullable(),
});
export type Alert = z.infer<typeof alertSchema>;

export const executionStates = ['intent', 'succeeded', 'failed', 'unknown'] as const;
export const errorClasses = ['retryable', 'permanent', 'unknown_outcome'] as const;
export const errorClassSchema = z.enum(errorClasses);
export type ErrorClass = z.infer<typeof errorClassSchema>;

/** One attempt of one task: the intent row and its outcome (the execution ledger). */
export const executionSchema = z.object({
  id: z.number().int(),
  taskId: z.string(),
  attempt: z.number().int(),
  idempotencyKey: z.string(),
  channel: z.string(),
  dryRun: z.boolean(),
  state: z.enum(executionStates),
  requestPreview: z.unknown(),
  externalId: z.string().nullable(),
  externalUrl: z.string().nullable(),
  result: z.unknown().nullable(),
  /** What the channel recorded mid-call (a campaign or container id created before the send). */
  progress: z.record(z.string(), z.unknown()),
  errorClass: errorClassSchema.nullable(),
  errorMessage: z.string().nullable(),
  executorId: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
});
export type Execution = z.infer<typeof executionSchema>;

export const decisionKinds = [
  'policy',
  'approved',
  'rejected',
  'edited',
  'requeued',
  'cancelled',
  'escalated',
  'resolved',
  /** A completed task's side effect undone (tasks:rollback): details hold what was restored and left alone. */
  'rolled_back',
  /** Moved to another time from the calendar (tasks:reschedule): details hold from and to. */
  'rescheduled',
  /** Approved although the duplicate guard held it ("not a duplicate"): details.duplicateOf names the other task. */
  'not_duplicate',
  /** A manual task (no channel runs it: Jarvis, escalations) done by a person; the reason holds their note. */
  'done',
  /** Put off until details.until ("decide later"). */
  'snoozed',
  /** An approval taken back within its undo window; the task waits again. */
  'approval_undone',
] as const;
export const decisionSchema = z.object({
  id: z.number().int(),
  taskId: z.string(),
  kind: z.enum(decisionKinds),
  actor: z.string(),
  reason: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
  createdAt: z.string(),
});
export type Decision = z.infer<typeof decisionSchema>;
