/**
 * The one contract between the engine and every UI transport (Electron IPC, HTTP). Each method is
 * defined once as `domain:verb` with zod input and output; main, preload, the HTTP server and the
 * renderer are all typed from it. Errors travel as data: `{ ok: false, error }`.
 */
import { z } from 'zod';
import { approvalRuleInputSchema, approvalRuleSchema } from './approval-rules';
import { calendarOutputSchema } from './calendar';
import { channelDescriptorSchema, connectionStatusSchema } from './channel-connection';
import {
  agentNameSchema,
  alertSchema,
  decisionSchema,
  executionSchema,
  limitKeySchema,
  logEntrySchema,
  logLevelSchema,
  metadataInputSchema,
  newTaskSchema,
  taskPrioritySchema,
  taskSchema,
  taskStatusSchema,
} from './domain';
import { digestSchema, localDaySchema } from './digest';
import { dryRunFilterSchema, dryRunVerdictSchema } from './dry-run';
import { duplicateInfoSchema } from './duplicate';
import { taskEditSummarySchema } from './edit-diff';
import { executionPreviewSchema } from './preview';
import { settingsPatchSchema, settingsSchema } from './settings';
import { strictInput, wellFormed } from './strict-input';
import { syncStatusSchema } from './sync-status';
import { trustSuggestionSchema } from './trust';

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
  /**
   * Waits for the database write lock held by another process (a long transaction elsewhere):
   * `waitingSince` while a call waits now, `last` for the most recent wait. Calls never block
   * the app while they wait; one that waits over 5 s answers "unavailable" (HTTP 503).
   */
  lockWait: z
    .object({
      waitingSince: z.string().nullable(),
      last: z.object({ waitedMs: z.number(), at: z.string(), acquired: z.boolean() }).nullable(),
    })
    .optional(),
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
export const tasksListInputSchema = strictInput({
  status: z.array(taskStatusSchema).max(5).optional(),
  agent: z.array(agentNameSchema).max(20).optional(),
  priority: z.array(taskPrioritySchema).max(4).optional(),
  awaitingApproval: z.boolean().optional(),
  /** Tasks by the verdict of their latest execution when it was a dry run (see shared/dry-run.ts). */
  dryRun: dryRunFilterSchema.optional(),
  /** Full-text search over title, description, agent and the customer's e-mail address (SQLite FTS5). */
  search: z.string().trim().max(200).optional(),
  /** Manual tasks: their agent has no channel (Jarvis, escalations); a person does them and marks them done. */
  manual: z.boolean().optional(),
  /** Tasks that ran (or were claimed) by themselves with no approval rule covering them: the unmatched-task setting let them. */
  ranWithoutRule: z.boolean().optional(),
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
  damage: true,
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

/** What tasks:rollback did: restored parts, and parts left alone because someone changed them since. */
export const rollbackResultSchema = z.object({
  message: z.string(),
  restored: z.array(z.string()),
  leftAlone: z.array(z.object({ what: z.string(), why: z.string() })),
  by: z.string(),
  at: z.string(),
});
export type RollbackOutcome = z.infer<typeof rollbackResultSchema>;

/** Whether the task page offers "Roll back" (a completed task whose channel can undo, within its window). */
export const rollbackOfferSchema = z.object({
  available: z.boolean(),
  /** Why not, or what it does ("Restores the values the task replaced in OpenCart"). */
  reason: z.string(),
  /** The end of the channel's undo window; null: no limit. */
  until: z.string().nullable(),
  /** Set once rolled back. */
  done: rollbackResultSchema.nullable(),
});
export type RollbackOffer = z.infer<typeof rollbackOfferSchema>;

export const taskDetailSchema = z.object({
  task: taskSchema,
  executions: z.array(executionSchema),
  decisions: z.array(decisionSchema),
  logs: z.array(logEntrySchema),
  blocker: blockerSchema,
  preview: executionPreviewSchema.nullable(),
  previewError: z.string().nullable(),
  channel: z.string().nullable(),
  /** Absent from engines that predate rollback. */
  rollback: rollbackOfferSchema.optional(),
  /** The duplicate guard's links (issue 15); null or absent: none. */
  duplicate: duplicateInfoSchema.nullable().optional(),
});
export type TaskDetail = z.infer<typeof taskDetailSchema>;

export const taskEditsSchema = strictInput({
  title: wellFormed(z.string().trim().min(1).max(500)).optional(),
  description: wellFormed(z.string().max(20_000)).optional(),
  metadata: metadataInputSchema.optional(),
});
export type TaskEdits = z.infer<typeof taskEditsSchema>;

export const approvalItemSchema = z.object({
  task: taskSchema,
  preview: executionPreviewSchema.nullable(),
  previewError: z.string().nullable(),
  channel: z.string().nullable(),
  /** Why its channel cannot act now ("No Gmail account connected: connect Gmail in Settings → Channels"); null when it can. */
  channelProblem: z.string().nullable().optional(),
  /** The duplicate guard's links (issue 15): the earlier task this one likely repeats; null or absent: none. */
  duplicate: duplicateInfoSchema.nullable().optional(),
  /** Kenny's latest saved edit against the agent's proposal (null: as proposed). */
  edited: taskEditSummarySchema.nullable().optional(),
  /** No channel runs it (Jarvis, escalations): it is marked done by a person, never approved. */
  manual: z.boolean().optional(),
});
export type ApprovalItem = z.infer<typeof approvalItemSchema>;

/** A task's preview as it would be with some edits (approvals:preview): what the editor shows as Kenny types. */
export const editPreviewSchema = z.object({
  preview: executionPreviewSchema.nullable(),
  previewError: z.string().nullable(),
  channel: z.string().nullable(),
});
export type EditPreview = z.infer<typeof editPreviewSchema>;

/** A task Kenny decided (approved, rejected, cancelled, marked done), with that decision: the inbox's "Done" tab. */
export const decidedItemSchema = z.object({ task: taskSchema, decision: decisionSchema });
export type DecidedItem = z.infer<typeof decidedItemSchema>;

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

/**
 * One channel in Settings → Channels: its declaration (null while the channel has no client yet)
 * and its connection status. `connected` and `detail` repeat status.state === 'connected' and
 * status.detail for older readers.
 */
export const channelStatusSchema = z.object({
  id: z.string(),
  name: z.string(),
  agents: z.array(z.string()),
  descriptor: channelDescriptorSchema.nullable(),
  status: connectionStatusSchema,
  /** Which of the descriptor's environment variables are set (names only): their fields show locked. */
  envSet: z.array(z.string()),
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
  'status:get': { input: strictInput({}), output: executorStatusSchema },
  'executor:pause': { input: strictInput({ by: actorSchema }), output: executorStatusSchema },
  'executor:resume': { input: strictInput({ by: actorSchema }), output: executorStatusSchema },
  'executor:runNow': { input: strictInput({}), output: cycleSummarySchema },

  'tasks:list': { input: tasksListInputSchema, output: tasksListOutputSchema },
  'tasks:get': { input: strictInput({ id: idSchema }), output: taskDetailSchema },
  'tasks:create': { input: newTaskSchema, output: taskSchema },
  'tasks:requeue': { input: strictInput({ id: idSchema, by: actorSchema, reason: z.string().max(1000).optional() }), output: taskSchema },
  'tasks:cancel': { input: strictInput({ id: idSchema, by: actorSchema, reason: z.string().max(1000).optional() }), output: taskSchema },
  /**
   * A manual task (no channel runs it: Jarvis, escalations) done by a person: completed, with a
   * 'done' decision holding the note. Never "rejected"; never goes through approval.
   */
  'tasks:markDone': { input: strictInput({ id: idSchema, by: actorSchema, note: z.string().trim().min(1, 'a note on what was done is required').max(2000) }), output: taskSchema },
  /**
   * Undoes a completed task's side effect through its channel (OpenCart: restores the snapshot
   * where nobody changed the rows since; posts: deletes them within the undo window). Recorded as
   * a 'rolled_back' decision with who and when; a task is rolled back at most once.
   */
  'tasks:rollback': { input: strictInput({ id: idSchema, by: actorSchema, reason: z.string().max(1000).optional() }), output: rollbackResultSchema },

  /** Waiting tasks, snoozed ones left out (`snoozed` counts them; `nextSnoozeEndsAt`: when the first comes back). */
  'approvals:list': {
    input: strictInput({ limit: z.number().int().min(1).max(500).default(200) }),
    output: z.object({ items: z.array(approvalItemSchema), total: z.number().int(), snoozed: z.number().int().optional(), nextSnoozeEndsAt: z.string().nullable().optional() }),
  },
  /**
   * `undo`: hold the task for the undo window (settings.approvalUndoSeconds, default 10 s) as its
   * not_before, so it does not run before the window ends, also after a restart. The dashboard
   * always passes it; scripts and the CLI approve at once.
   */
  'approvals:approve': { input: strictInput({ id: idSchema, by: actorSchema, edits: taskEditsSchema.optional(), undo: z.boolean().optional() }), output: taskSchema },
  /** Takes an approval back while its undo window is open: the task waits for a decision again. */
  'approvals:undo': { input: strictInput({ id: idSchema, by: actorSchema }), output: taskSchema },
  /** "Decide later": the waiting task leaves the inbox until `until` (ISO time, in the future); null brings it back now. */
  'approvals:snooze': { input: strictInput({ id: idSchema, by: actorSchema, until: z.iso.datetime({ offset: true }).nullable() }), output: taskSchema },
  /** What people decided since `since` (ISO; the dashboard sends the start of Kenny's day), newest first. */
  'approvals:decided': { input: strictInput({ since: z.iso.datetime({ offset: true }), limit: z.number().int().min(1).max(500).default(200) }), output: z.object({ items: z.array(decidedItemSchema) }) },
  /** The preview with edits applied, nothing saved: the handler's request and problems, or the error naming the field. */
  'approvals:preview': { input: strictInput({ id: idSchema, edits: taskEditsSchema.optional() }), output: editPreviewSchema },
  /** Saves edits of a waiting task without deciding (recorded as 'edited' with the diff from the agent's proposal). */
  'approvals:save': { input: strictInput({ id: idSchema, by: actorSchema, edits: taskEditsSchema }), output: taskSchema },
  'approvals:reject': { input: strictInput({ id: idSchema, by: actorSchema, reason: z.string().trim().min(1, 'a reason is required').max(1000) }), output: taskSchema },
  'approvals:bulk': {
    input: strictInput({ ids: z.array(idSchema).min(1).max(500), decision: z.enum(['approve', 'reject']), by: actorSchema, reason: z.string().trim().max(1000).optional(), undo: z.boolean().optional() }),
    output: z.object({ results: z.array(decisionResultSchema) }),
  },

  'settings:get': { input: strictInput({}), output: settingsViewSchema },
  'settings:update': { input: settingsPatchSchema, output: settingsViewSchema },
  'rules:list': { input: strictInput({}), output: z.object({ items: z.array(approvalRuleSchema) }) },
  'rules:upsert': { input: approvalRuleInputSchema, output: approvalRuleSchema },
  'rules:delete': { input: strictInput({ id: idSchema }), output: okSchema },
  /** Trust that grows: kinds of task Kenny approved settings.trustThreshold times without changes (shared/trust.ts). */
  'suggestions:list': { input: strictInput({}), output: z.object({ items: z.array(trustSuggestionSchema) }) },
  /** Creates the suggested auto-execute rule (an ordinary rule, editable and deletable); answers it. */
  'suggestions:accept': { input: strictInput({ id: idSchema, by: actorSchema }), output: approvalRuleSchema },
  /** Remembers that Kenny does not want this kind to run by itself: it is not suggested again. */
  'suggestions:dismiss': { input: strictInput({ id: idSchema, by: actorSchema }), output: okSchema },

  'logs:list': {
    /** `agent` matches the line's agent or the agent of its task; `search`: words in the message (case-insensitive). */
    input: strictInput({ level: z.array(logLevelSchema).optional(), agent: z.string().max(100).optional(), search: z.string().trim().max(200).optional(), eventType: z.string().max(100).optional(), taskId: idSchema.optional(), before: z.string().optional(), limit: z.number().int().min(1).max(1000).default(200) }),
    output: z.object({ items: z.array(logEntrySchema) }),
  },
  'alerts:list': { input: strictInput({ unacknowledgedOnly: z.boolean().default(false), limit: z.number().int().min(1).max(1000).default(100) }), output: z.object({ items: z.array(alertSchema), unacknowledged: z.number().int() }) },
  'alerts:acknowledge': { input: strictInput({ id: idSchema, by: actorSchema }), output: alertSchema },
  /** Acknowledges every open alert at once; answers how many. */
  'alerts:acknowledgeAll': { input: strictInput({ by: actorSchema }), output: z.object({ count: z.number().int() }) },
  'limits:usage': { input: strictInput({}), output: z.object({ items: z.array(limitUsageSchema) }) },
  'stats:get': { input: strictInput({}), output: statsSchema },
  'channels:list': { input: strictInput({}), output: z.object({ items: z.array(channelStatusSchema) }) },
  /**
   * Connects a channel with one of its descriptor's methods. Form methods check the values with
   * the provider before saving them (authUrl null); OAuth methods save the values (an OAuth
   * client), answer the consent URL at once and finish in the background (channels:list and the
   * channel_connected / channel_connect_failed log events say when). Refused values travel as
   * invalid_input with details {fields: {key: message}}. `clientId`/`clientSecret` are the older
   * Gmail-only form of values {clientId, clientSecret}. Default method: the descriptor's first.
   */
  'channels:connect': {
    input: strictInput({
      id: z.string().trim().min(1).max(50),
      method: z.string().trim().min(1).max(50).optional(),
      values: z.record(z.string().max(100), z.string().max(5000)).optional(),
      clientId: z.string().trim().min(1).max(500).optional(),
      clientSecret: z.string().trim().min(1).max(500).optional(),
    }),
    output: z.object({ authUrl: z.string().nullable(), message: z.string(), status: connectionStatusSchema }),
  },
  /** One cheap read against the provider (who am I); answers the channel with its fresh status. */
  'channels:check': { input: strictInput({ id: z.string().trim().min(1).max(50) }), output: channelStatusSchema },
  /** Forgets what the app stored for the channel (tokens, keys, saved OAuth client). Environment variables stay. */
  'channels:disconnect': { input: strictInput({ id: z.string().trim().min(1).max(50) }), output: z.object({ ok: z.literal(true), status: connectionStatusSchema }) },
  /**
   * "Send me a test" of a newsletter task waiting for approval: Brevo sends the campaign as it
   * would go out to one address (default: ALERT_EMAIL, else the connected Gmail account).
   */
  'newsletters:send-test': {
    input: strictInput({ taskId: idSchema, email: z.string().trim().max(320).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, 'expected an e-mail address').optional() }),
    output: z.object({ campaignId: z.number().int(), email: z.string() }),
  },
  /**
   * Failed tasks handled together (the Digest page: "retry all failed of a kind"): `retry`
   * re-queues each (as tasks:requeue), `drop` closes each as rejected with a 'cancelled' decision.
   * Each id is decided on its own; one that changed meanwhile answers ok:false with why.
   */
  'tasks:resolveFailed': {
    input: strictInput({ ids: z.array(idSchema).min(1).max(500), action: z.enum(['retry', 'drop']), by: actorSchema, reason: z.string().trim().max(1000).optional() }),
    output: z.object({ results: z.array(decisionResultSchema) }),
  },
  /**
   * Moves a waiting task to another time (the calendar's drag or "Move to…"): sets its
   * scheduled_for (channels that read one) and holds it until then; a 'rescheduled' decision keeps
   * who, from and to. Refused for a task that is not waiting, or a time in the past or over a year ahead.
   */
  'tasks:reschedule': {
    input: strictInput({ id: idSchema, at: z.iso.datetime({ offset: true }), by: actorSchema, reason: z.string().trim().max(1000).optional() }),
    output: taskSchema,
  },
  /** The calendar: waiting tasks with a time in [from, from + days). Default: 7 days. */
  'calendar:list': { input: strictInput({ from: z.iso.datetime({ offset: true }), days: z.number().int().min(1).max(42).default(7) }), output: calendarOutputSchema },
  /** The daily digest of a local day in the shop's time zone (default: today). */
  'digest:get': { input: strictInput({ day: localDaySchema.optional() }), output: digestSchema },
  /**
   * One image of a social post's preview (task id + index into its media, never a URL), fetched by
   * the engine (public http(s), image types only, up to 10 MB; X's local files) and answered as a
   * data: URL, so the dashboard shows it without loading anything from the internet itself.
   * `refused` says why an image is not shown (not an image, too large, on a private network…).
   */
  'previews:media': {
    input: strictInput({ taskId: idSchema, index: z.number().int().min(0).max(24) }),
    output: z.object({
      url: z.string(),
      dataUrl: z.string().nullable(),
      type: z.string().nullable(),
      bytes: z.number().int().nullable(),
      width: z.number().int().nullable(),
      height: z.number().int().nullable(),
      refused: z.string().nullable(),
    }),
  },
  /** Supabase sync: null when sync is off (no SUPABASE_DB_URL). */
  'sync:status': { input: strictInput({}), output: syncStatusSchema.nullable() },
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
