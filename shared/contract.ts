/**
 * The one contract between the engine and every UI transport (Electron IPC, HTTP). Each method is
 * defined once as `domain:verb` with zod input and output; main, preload, the HTTP server and the
 * renderer are all typed from it. Errors travel as data: `{ ok: false, error }`.
 */
import { z } from 'zod';
import { approvalRuleInputSchema, approvalRuleSchema } from './approval-rules';
import {
  agentNameSchema,
  alertSchema,
  decisionSchema,
  executionSchema,
  limitKeySchema,
  logEntrySchema,
  logLevelSchema,
  metadataSchema,
  newTaskSchema,
  taskPrioritySchema,
  taskSchema,
  taskStatusSchema,
} from './domain';
import { dryRunFilterSchema, dryRunVerdictSchema } from './dry-run';
import { executionPreviewSchema } from './preview';
import { settingsPatchSchema, settingsSchema } from './settings';
import { syncStatusSchema } from './sync-status';

const idSchema = z.string().trim().min(1).max(100);
/** Who made a decision; defaults to the configured operator name ("Kenny"). */
const actorSchema = z.string().trim().min(1).max(100).optional();

export const executorStateSchema = z.enum(['running', 'paused', 'auto_execution_off', 'stopped']);
export type ExecutorState = z.infer<typeof executorStateSchema>;

export const executorStatusSchema = z.object({
  state: executorStateSchema,
  dryRun: z.boolean(),
  autoExecution: z.boolean(),
  paused: z.boolean(),
  executorId: z.string(),
  lastPollAt: z.string().nullable(),
  nextPollAt: z.string().nullable(),
  lastCycle: z
    .object({ executed: z.number().int(), failed: z.number().int(), skipped: z.number().int(), deferred: z.number().int(), wouldExecute: z.number().int(), durationMs: z.number() })
    .nullable(),
  counts: z.object({
    awaitingApproval: z.number().int(),
    queued: z.number().int(),
    inProgress: z.number().int(),
    failed24h: z.number().int(),
    completed24h: z.number().int(),
    outcomeUnknown: z.number().int(),
  }),
});
export type ExecutorStatus = z.infer<typeof executorStatusSchema>;

export const cycleSummarySchema = z.object({
  success: z.boolean(),
  executed: z.number().int(),
  failed: z.number().int(),
  skipped: z.number().int(),
  deferred: z.number().int(),
  /** With auto execution off: how many tasks would have run. */
  wouldExecute: z.number().int(),
  durationMs: z.number(),
  reason: z.string().nullable(),
  rateLimit: z.object({ remaining: z.number().int(), resetAt: z.string().nullable() }),
});
export type CycleSummary = z.infer<typeof cycleSummarySchema>;

export const taskSortFields = ['priority', 'createdAt', 'updatedAt', 'status', 'assignedAgent', 'title'] as const;
export const tasksListInputSchema = z.object({
  status: z.array(taskStatusSchema).max(5).optional(),
  agent: z.array(agentNameSchema).max(20).optional(),
  priority: z.array(taskPrioritySchema).max(4).optional(),
  awaitingApproval: z.boolean().optional(),
  /** Tasks by the verdict of their latest execution when it was a dry run (see shared/dry-run.ts). */
  dryRun: dryRunFilterSchema.optional(),
  /** Full-text search over title, description and agent (SQLite FTS5). */
  search: z.string().trim().max(200).optional(),
  sort: z.enum(taskSortFields).default('priority'),
  direction: z.enum(['asc', 'desc']).default('asc'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type TasksListInput = z.input<typeof tasksListInputSchema>;

export const taskSummarySchema = taskSchema.pick({
  id: true,
  title: true,
  status: true,
  assignedAgent: true,
  priority: true,
  createdAt: true,
  updatedAt: true,
  executionAttempts: true,
  executionError: true,
  requiresApproval: true,
  approvedAt: true,
  holdReason: true,
  notBefore: true,
  outcomeUnknown: true,
}).extend({
  /** The verdict of the latest execution when it was a dry run (null: none, or it ran live). */
  dryRunVerdict: dryRunVerdictSchema.nullable().default(null),
  /** Why, for a verdict other than would_run. */
  dryRunReason: z.string().nullable().default(null),
});
export type TaskSummary = z.infer<typeof taskSummarySchema>;

export const tasksListOutputSchema = z.object({ items: z.array(taskSummarySchema), total: z.number().int(), queryMs: z.number() });

/** Why a task is not running right now, in words a person can act on. */
export const blockerSchema = z.object({
  code: z.enum([
    'none',
    'needs_approval',
    'deferred',
    'paused',
    'auto_execution_off',
    'attempts_exhausted',
    'no_handler',
    'running',
    'finished',
    'outcome_unknown',
  ]),
  message: z.string(),
  until: z.string().nullable(),
});
export type Blocker = z.infer<typeof blockerSchema>;

export const taskDetailSchema = z.object({
  task: taskSchema,
  executions: z.array(executionSchema),
  decisions: z.array(decisionSchema),
  logs: z.array(logEntrySchema),
  blocker: blockerSchema,
  preview: executionPreviewSchema.nullable(),
  previewError: z.string().nullable(),
  channel: z.string().nullable(),
});
export type TaskDetail = z.infer<typeof taskDetailSchema>;

export const taskEditsSchema = z
  .object({ title: z.string().trim().min(1).max(500).optional(), description: z.string().max(20_000).optional(), metadata: metadataSchema.optional() })
  .strict();
export type TaskEdits = z.infer<typeof taskEditsSchema>;

export const approvalItemSchema = z.object({
  task: taskSchema,
  preview: executionPreviewSchema.nullable(),
  previewError: z.string().nullable(),
  channel: z.string().nullable(),
});
export type ApprovalItem = z.infer<typeof approvalItemSchema>;

export const decisionResultSchema = z.object({
  id: z.string(),
  ok: z.boolean(),
  error: z.string().nullable(),
  task: taskSchema.nullable(),
});

export const limitUsageSchema = z.object({
  key: limitKeySchema,
  used: z.number().int(),
  limit: z.number().int(),
  /** When the oldest counted unit leaves the 24 h window (null when nothing is counted). */
  resetsAt: z.string().nullable(),
});
export type LimitUsage = z.infer<typeof limitUsageSchema>;

export const statsSchema = z.object({
  window24h: z.object({ completed: z.number().int(), failed: z.number().int(), rejected: z.number().int(), completionRate: z.number().nullable() }),
  window7d: z.object({ completed: z.number().int(), failed: z.number().int(), rejected: z.number().int(), completionRate: z.number().nullable() }),
  /** One point per hour (24 h) for the chart. */
  hourly: z.array(z.object({ hour: z.string(), completed: z.number().int(), failed: z.number().int() })),
  /** One point per day (7 days) for the chart. */
  daily: z.array(z.object({ day: z.string(), completed: z.number().int(), failed: z.number().int(), rejected: z.number().int() })),
});
export type Stats = z.infer<typeof statsSchema>;

export const channelStatusSchema = z.object({
  id: z.string(),
  name: z.string(),
  agents: z.array(z.string()),
  connected: z.boolean(),
  detail: z.string(),
});
export type ChannelStatus = z.infer<typeof channelStatusSchema>;

export const settingsViewSchema = z.object({
  settings: settingsSchema,
  /** Settings forced by an environment variable: key -> variable name. */
  locked: z.record(z.string(), z.string()),
});
export type SettingsView = z.infer<typeof settingsViewSchema>;

const okSchema = z.object({ ok: z.literal(true) });

export const contract = {
  'status:get': { input: z.object({}).strict(), output: executorStatusSchema },
  'executor:pause': { input: z.object({ by: actorSchema }).strict(), output: executorStatusSchema },
  'executor:resume': { input: z.object({ by: actorSchema }).strict(), output: executorStatusSchema },
  'executor:runNow': { input: z.object({}).strict(), output: cycleSummarySchema },

  'tasks:list': { input: tasksListInputSchema, output: tasksListOutputSchema },
  'tasks:get': { input: z.object({ id: idSchema }).strict(), output: taskDetailSchema },
  'tasks:create': { input: newTaskSchema, output: taskSchema },
  'tasks:requeue': { input: z.object({ id: idSchema, by: actorSchema, reason: z.string().max(1000).optional() }).strict(), output: taskSchema },
  'tasks:cancel': { input: z.object({ id: idSchema, by: actorSchema, reason: z.string().max(1000).optional() }).strict(), output: taskSchema },

  'approvals:list': { input: z.object({ limit: z.number().int().min(1).max(500).default(200) }).strict(), output: z.object({ items: z.array(approvalItemSchema), total: z.number().int() }) },
  'approvals:approve': { input: z.object({ id: idSchema, by: actorSchema, edits: taskEditsSchema.optional() }).strict(), output: taskSchema },
  'approvals:reject': { input: z.object({ id: idSchema, by: actorSchema, reason: z.string().trim().min(1, 'a reason is required').max(1000) }).strict(), output: taskSchema },
  'approvals:bulk': {
    input: z.object({ ids: z.array(idSchema).min(1).max(500), decision: z.enum(['approve', 'reject']), by: actorSchema, reason: z.string().trim().max(1000).optional() }).strict(),
    output: z.object({ results: z.array(decisionResultSchema) }),
  },

  'settings:get': { input: z.object({}).strict(), output: settingsViewSchema },
  'settings:update': { input: settingsPatchSchema, output: settingsViewSchema },
  'rules:list': { input: z.object({}).strict(), output: z.object({ items: z.array(approvalRuleSchema) }) },
  'rules:upsert': { input: approvalRuleInputSchema, output: approvalRuleSchema },
  'rules:delete': { input: z.object({ id: idSchema }).strict(), output: okSchema },

  'logs:list': {
    input: z.object({ level: z.array(logLevelSchema).optional(), agent: z.string().max(100).optional(), eventType: z.string().max(100).optional(), taskId: idSchema.optional(), before: z.string().optional(), limit: z.number().int().min(1).max(1000).default(200) }).strict(),
    output: z.object({ items: z.array(logEntrySchema) }),
  },
  'alerts:list': { input: z.object({ unacknowledgedOnly: z.boolean().default(false), limit: z.number().int().min(1).max(1000).default(100) }).strict(), output: z.object({ items: z.array(alertSchema), unacknowledged: z.number().int() }) },
  'alerts:acknowledge': { input: z.object({ id: idSchema, by: actorSchema }).strict(), output: alertSchema },
  'limits:usage': { input: z.object({}).strict(), output: z.object({ items: z.array(limitUsageSchema) }) },
  'stats:get': { input: z.object({}).strict(), output: statsSchema },
  'channels:list': { input: z.object({}).strict(), output: z.object({ items: z.array(channelStatusSchema) }) },
  /**
   * Starts connecting a channel account (Gmail: OAuth in the system browser, loopback redirect,
   * PKCE). Answers with the consent URL at once; the connection completes in the background and
   * shows in channels:list. Optional OAuth client credentials are stored (encrypted) first.
   */
  'channels:connect': {
    input: z.object({ id: z.string().trim().min(1).max(50), clientId: z.string().trim().min(1).max(500).optional(), clientSecret: z.string().trim().min(1).max(500).optional() }).strict(),
    output: z.object({ authUrl: z.string(), message: z.string() }),
  },
  'channels:disconnect': { input: z.object({ id: z.string().trim().min(1).max(50) }).strict(), output: okSchema },
  /** Supabase sync: null when sync is off (no SUPABASE_DB_URL). */
  'sync:status': { input: z.object({}).strict(), output: syncStatusSchema.nullable() },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export const methodNames = Object.keys(contract) as MethodName[];
export type MethodInput<M extends MethodName> = z.input<Contract[M]['input']>;
export type MethodOutput<M extends MethodName> = z.output<Contract[M]['output']>;

/** The engine's API: one async function per contract method. Transports only carry it. */
export type EngineApi = { [M in MethodName]: (input: MethodInput<M>) => Promise<MethodOutput<M>> };

export const apiErrorCodes = ['invalid_input', 'not_found', 'conflict', 'unavailable', 'unauthorized', 'internal'] as const;
export const apiErrorSchema = z.object({ code: z.enum(apiErrorCodes), message: z.string(), details: z.unknown().optional() });
export type ApiError = z.infer<typeof apiErrorSchema>;
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function isMethodName(name: string): name is MethodName {
  return Object.prototype.hasOwnProperty.call(contract, name);
}

/** Events the UI subscribes to. */
export const eventSchemas = {
  'task:changed': z.object({ id: z.string(), status: taskStatusSchema }),
  'log:appended': logEntrySchema,
  'alert:raised': alertSchema,
  'status:changed': executorStatusSchema,
} as const;
export type EventName = keyof typeof eventSchemas;
export type EventPayload<E extends EventName> = z.infer<(typeof eventSchemas)[E]>;
export const eventNames = Object.keys(eventSchemas) as EventName[];
