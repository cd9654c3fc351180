/**
 * The local store's schema. Cloud tables (squad_tasks, agent_logs, alerts, agent_configs) keep
 * the Supabase names and columns one to one (see ../shared/cloud-contract.md) so sync maps them
 * directly; columns marked "local" exist only here and are never pushed.
 *
 * Every default lives in SQL, so a row inserted by any SQLite client (the quick-start guide's
 * Test 2 INSERT) is a complete, valid task. Timestamps are ISO-8601 UTC text with milliseconds
 * (`2026-11-24T10:00:00.000Z`), the same text `Date#toISOString()` produces, so they sort
 * lexicographically and compare in SQL without conversion.
 */
import { sql } from 'drizzle-orm';
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';

const nowIso = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
/** A random RFC 4122 v4 UUID, like Postgres' gen_random_uuid(). */
const uuidV4 = sql`(lower(hex(randomblob(4))) || '-' || lower(hex(randomblob(2))) || '-4' || substr(lower(hex(randomblob(2))), 2) || '-' || substr('89ab', 1 + (abs(random()) % 4), 1) || substr(lower(hex(randomblob(2))), 2) || '-' || lower(hex(randomblob(6))))`;

/** urgent=0 .. low=3, so ORDER BY priority rank then created_at is "most urgent, oldest first". */
export const priorityRankSql = sql`(CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END)`;

export const squadTasks = sqliteTable(
  'squad_tasks',
  {
    id: text('id').primaryKey().default(uuidV4),
    title: text('title').notNull(),
    description: text('description').default(''),
    status: text('status').notNull().default('new'),
    assignedAgent: text('assigned_agent').notNull().default('Jarvis'),
    priority: text('priority').notNull().default('medium'),
    mentionsKenny: integer('mentions_kenny', { mode: 'boolean' }).default(false),
    deliverableUrl: text('deliverable_url'),
    createdAt: text('created_at').notNull().default(nowIso),
    updatedAt: text('updated_at').notNull().default(nowIso),
    executionAttempts: integer('execution_attempts').notNull().default(0),
    lastExecutionAttempt: text('last_execution_attempt'),
    executionError: text('execution_error'),
    requiresApproval: integer('requires_approval', { mode: 'boolean' }).notNull().default(false),
    approvedBy: text('approved_by'),
    approvedAt: text('approved_at'),
    rejectedBy: text('rejected_by'),
    rejectedAt: text('rejected_at'),
    rejectionReason: text('rejection_reason'),
    metadata: text('metadata').notNull().default('{}'),
    completedAt: text('completed_at'),
    // local: the executor's lease (compare-and-swap claim), see electron/engine/executor/claim.ts
    leaseOwner: text('lease_owner'),
    leaseExpiresAt: text('lease_expires_at'),
    // local: earliest time the task may run (backoff, limit deferral, scheduled_for)
    notBefore: text('not_before'),
    // local: why the task is not running now, shown to the person
    holdReason: text('hold_reason'),
    // local: the approval policy's decision and the rule that made it
    policyDecision: text('policy_decision'),
    policyReason: text('policy_reason'),
    policyRuleId: text('policy_rule_id'),
    // local: 1 when an execution's outcome could not be established (never retried blindly)
    outcomeUnknown: integer('outcome_unknown', { mode: 'boolean' }).notNull().default(false),
    // local: where the row came from ('local' or 'supabase'), for sync
    origin: text('origin').notNull().default('local'),
    // local: a waiting task Kenny put off ("decide later") stays out of the inbox until then
    snoozedUntil: text('snoozed_until'),
    // local: the verdict of the latest ledger row when it is a finished dry run, else null (0019);
    // written by the dry run's completion, cleared by a live claim
    dryRunVerdict: text('dry_run_verdict'),
  },
  (t) => [
    check('squad_tasks_status_check', sql`${t.status} IN ('new', 'in_progress', 'completed', 'failed', 'rejected')`),
    check('squad_tasks_priority_check', sql`${t.priority} IN ('low', 'medium', 'high', 'urgent')`),
    check('squad_tasks_metadata_json', sql`json_valid(${t.metadata}) AND json_type(${t.metadata}) = 'object'`),
    check('squad_tasks_policy_decision_check', sql`${t.policyDecision} IS NULL OR ${t.policyDecision} IN ('auto_execute', 'require_approval')`),
    // the executor's queue: tasks that may run, most urgent first, then oldest (0016)
    index('idx_tasks_executable')
      .on(priorityRankSql, t.createdAt)
      .where(sql`status = 'new' AND policy_decision IS NOT NULL AND rejected_at IS NULL AND outcome_unknown = 0 AND (requires_approval = 0 OR approved_at IS NOT NULL)`),
    // waiting for Kenny's decision, in the inbox's order (0019)
    index('idx_tasks_awaiting')
      .on(priorityRankSql, t.createdAt, t.id)
      .where(sql`status = 'new' AND requires_approval = 1 AND approved_at IS NULL AND rejected_at IS NULL`),
    index('idx_tasks_lease').on(t.leaseExpiresAt).where(sql`status = 'in_progress'`),
    // tasks the approval policy has not looked at yet
    index('idx_tasks_undecided').on(t.createdAt).where(sql`status = 'new' AND policy_decision IS NULL`),
    index('idx_tasks_completed').on(t.completedAt).where(sql`completed_at IS NOT NULL`),
    index('idx_tasks_created').on(t.createdAt),
    // the dashboard's default queue order (most urgent, oldest first), with and without a status filter
    index('idx_tasks_priority_order').on(priorityRankSql, t.createdAt, t.id),
    index('idx_tasks_status_priority_order').on(t.status, priorityRankSql, t.createdAt, t.id),
    index('idx_tasks_updated').on(t.updatedAt),
    // Today's lists and the queue: by status and recency, by agent in the default order (0019)
    index('idx_tasks_status_updated').on(t.status, t.updatedAt),
    index('idx_tasks_agent_priority_order').on(t.assignedAgent, priorityRankSql, t.createdAt, t.id),
    // dry-run problems in the default order; ran without a rule by recency (0019)
    index('idx_tasks_dry_run_problem').on(priorityRankSql, t.createdAt, t.id, t.status, t.dryRunVerdict).where(sql`dry_run_verdict = 'would_fail' OR dry_run_verdict = 'would_be_held' OR dry_run_verdict = 'not_connected'`),
    index('idx_tasks_ran_without_rule').on(t.updatedAt, t.id).where(sql`policy_decision = 'auto_execute' AND policy_rule_id IS NULL AND approved_at IS NULL`),
    // Kenny's decisions in time order (trust suggestions; migration 0012)
    index('idx_tasks_decided').on(sql`coalesce(rejected_at, approved_at)`).where(sql`approved_at IS NOT NULL OR rejected_at IS NOT NULL`),
    // the outcome-unknown count and rejected tasks by time (migration 0018)
    index('idx_tasks_outcome_unknown').on(t.status).where(sql`outcome_unknown = 1`),
    index('idx_tasks_rejected').on(t.rejectedAt).where(sql`rejected_at IS NOT NULL`),
  ],
);

export const agentLogs = sqliteTable(
  'agent_logs',
  {
    id: text('id').primaryKey().default(uuidV4),
    agentName: text('agent_name').notNull(),
    logLevel: text('log_level').notNull().default('info'),
    eventType: text('event_type'),
    message: text('message').notNull(),
    errorDetails: text('error_details'),
    context: text('context').notNull().default('{}'),
    workflowId: text('workflow_id'),
    timestamp: text('timestamp').notNull().default(nowIso),
    createdAt: text('created_at').notNull().default(nowIso),
    // local: the task this line is about (also in context.task_id, as the cloud stores it)
    taskId: text('task_id'),
  },
  (t) => [
    check('agent_logs_level_check', sql`${t.logLevel} IN ('info', 'warning', 'error', 'critical')`),
    index('idx_agent_logs_created').on(t.createdAt),
    index('idx_agent_logs_task').on(t.taskId, t.createdAt),
  ],
);

export const alerts = sqliteTable(
  'alerts',
  {
    id: text('id').primaryKey().default(uuidV4),
    type: text('type').notNull(),
    severity: text('severity').notNull(),
    title: text('title').notNull(),
    message: text('message').notNull(),
    metadata: text('metadata').notNull().default('{}'),
    createdAt: text('created_at').notNull().default(nowIso),
    // local: acknowledgement in the dashboard
    acknowledgedAt: text('acknowledged_at'),
    acknowledgedBy: text('acknowledged_by'),
    // local: e-mail delivery of urgent alerts ('pending' | 'sent' | 'failed' | 'throttled' | 'not_configured')
    deliveryStatus: text('delivery_status'),
    deliveryError: text('delivery_error'),
  },
  (t) => [
    check('alerts_severity_check', sql`${t.severity} IN ('low', 'medium', 'high', 'urgent')`),
    index('idx_alerts_created').on(t.createdAt),
    // open approval alerts by task (migration 0011's trigger resolves them when the task is decided)
    index('idx_alerts_open_approval').on(sql`json_extract(${t.metadata}, '$.task_id')`).where(sql`type = 'approval_needed' AND acknowledged_at IS NULL`),
  ],
);

export const agentConfigs = sqliteTable('agent_configs', {
  id: text('id').primaryKey().default(uuidV4),
  key: text('key').notNull().unique(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull().default(nowIso),
});

/** Local: one row per execution attempt; the intent is committed before any side effect. */
export const taskExecutions = sqliteTable(
  'task_executions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    taskId: text('task_id').notNull(),
    attempt: integer('attempt').notNull(),
    idempotencyKey: text('idempotency_key').notNull(),
    channel: text('channel').notNull(),
    dryRun: integer('dry_run', { mode: 'boolean' }).notNull().default(false),
    state: text('state').notNull().default('intent'),
    requestPreview: text('request_preview').notNull().default('{}'),
    externalId: text('external_id'),
    externalUrl: text('external_url'),
    result: text('result'),
    /** What the channel recorded mid-call (recordProgress): a campaign or container id made before the send. */
    progress: text('progress').notNull().default('{}'),
    errorClass: text('error_class'),
    errorMessage: text('error_message'),
    executorId: text('executor_id').notNull(),
    startedAt: text('started_at').notNull().default(nowIso),
    finishedAt: text('finished_at'),
  },
  (t) => [
    check('task_executions_state_check', sql`${t.state} IN ('intent', 'succeeded', 'failed', 'unknown')`),
    // Also guards idempotency_key, which is always `task_id:attempt` (migration 0017).
    uniqueIndex('idx_executions_task').on(t.taskId, t.attempt),
    index('idx_executions_open').on(t.state).where(sql`state = 'intent'`),
  ],
);

/** Local: one row per unit of a daily limit spent; counted over a rolling 24 h window. */
export const rateLimitEvents = sqliteTable(
  'rate_limit_events',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    limitKey: text('limit_key').notNull(),
    taskId: text('task_id'),
    executionId: integer('execution_id'),
    createdAt: text('created_at').notNull().default(nowIso),
  },
  (t) => [index('idx_rate_limit_events_key').on(t.limitKey, t.createdAt)],
);

/** Local: approval policy rules, data the person can change. Lower position is checked first. */
export const approvalRules = sqliteTable(
  'approval_rules',
  {
    id: text('id').primaryKey().default(uuidV4),
    position: integer('position').notNull().default(100),
    name: text('name').notNull(),
    agent: text('agent'),
    conditions: text('conditions').notNull().default('[]'),
    effect: text('effect').notNull(),
    enabled: integer('enabled', { mode: 'boolean' }).notNull().default(true),
    description: text('description').notNull().default(''),
    builtin: integer('builtin', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull().default(nowIso),
    updatedAt: text('updated_at').notNull().default(nowIso),
  },
  (t) => [
    check('approval_rules_effect_check', sql`${t.effect} IN ('require_approval', 'auto_execute')`),
    check('approval_rules_conditions_json', sql`json_valid(${t.conditions}) AND json_type(${t.conditions}) = 'array'`),
  ],
);

/** Local: the decision trail of a task (policy, approve, reject, edit, re-queue, cancel, escalate). */
export const taskDecisions = sqliteTable(
  'task_decisions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    taskId: text('task_id').notNull(),
    kind: text('kind').notNull(),
    actor: text('actor').notNull(),
    reason: text('reason'),
    details: text('details').notNull().default('{}'),
    createdAt: text('created_at').notNull().default(nowIso),
  },
  (t) => [index('idx_task_decisions_task').on(t.taskId, t.id)],
);

/**
 * Local (sync): changes Supabase should see, queued durably and drained in id order. Filled by
 * triggers (migration sync_outbox_triggers) only once sync has been enabled, never by pulls.
 */
export const syncOutbox = sqliteTable(
  'sync_outbox',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    // 'task' | 'log' | 'alert' | 'config' | 'message' | a content table
    entity: text('entity').notNull(),
    entityId: text('entity_id').notNull(),
    // 'insert' | 'update'
    op: text('op').notNull(),
    // cloud columns this change touched (JSON array), and their values at the time (JSON object)
    changed: text('changed').notNull().default('[]'),
    payload: text('payload').notNull().default('{}'),
    createdAt: text('created_at').notNull().default(nowIso),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    // 'pending' | 'dead' (rejected by the remote for a reason a retry cannot fix)
    state: text('state').notNull().default('pending'),
  },
  (t) => [index('idx_sync_outbox_pending').on(t.state, t.id)],
);

/** Local (sync): cursors and flags of the Supabase sync (pull cursor, last seen remote pause, ...). */
export const syncState = sqliteTable('sync_state', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull().default(nowIso),
});

/** Local (sync): what the remote last said about a task (version and lease), to skip re-reads and show claims. */
export const syncTasks = sqliteTable('sync_tasks', {
  taskId: text('task_id').primaryKey(),
  remoteUpdatedAt: text('remote_updated_at'),
  remoteStatus: text('remote_status'),
  remoteLeaseOwner: text('remote_lease_owner'),
  remoteLeaseExpiresAt: text('remote_lease_expires_at'),
  seenAt: text('seen_at').notNull().default(nowIso),
});

/**
 * Local: tasks:create idempotency keys (body `idempotencyKey` or the `Idempotency-Key` header).
 * Same key + same fields -> the same task; same key + other fields -> 409. Migration 0008 also adds
 * the squad_tasks type-check triggers (not expressible in drizzle's schema).
 */
export const taskIdempotencyKeys = sqliteTable('task_idempotency_keys', {
  key: text('key').primaryKey(),
  requestHash: text('request_hash').notNull(),
  taskId: text('task_id').notNull(),
  createdAt: text('created_at').notNull().default(nowIso),
});

/**
 * The cloud's activity feed (squad_messages, same columns): the desktop writes Kenny's feedback
 * on an edited or rejected task to its agent here; sync pushes each row once (migration 0012).
 */
export const squadMessages = sqliteTable(
  'squad_messages',
  {
    id: text('id').primaryKey().default(uuidV4),
    fromAgent: text('from_agent').notNull(),
    toAgent: text('to_agent'),
    message: text('message').notNull(),
    taskId: text('task_id'),
    // jsonb as JSON text
    data: text('data'),
    createdAt: text('created_at').notNull().default(nowIso),
  },
  (t) => [index('idx_squad_messages_task').on(t.taskId, t.createdAt)],
);

/** Local: what the duplicate guard compares, one row per task, compared over a bounded window. */
export const taskFingerprints = sqliteTable(
  'task_fingerprints',
  {
    taskId: text('task_id').primaryKey(),
    channel: text('channel').notNull(),
    // 'email' | 'social_post' | 'newsletter' | 'seo_change' | 'ads_change'
    kind: text('kind').notNull(),
    // what must be equal (recipients, platform, the SEO change, the Ads entity and value)
    subject: text('subject').notNull(),
    // normalised text compared for similarity ('' when only the subject counts)
    body: text('body').notNull(),
    createdAt: text('created_at').notNull(),
    duplicateOf: text('duplicate_of'),
    duplicateReason: text('duplicate_reason'),
    // "not a duplicate": who approved it anyway, and when
    clearedBy: text('cleared_by'),
    clearedAt: text('cleared_at'),
  },
  (t) => [
    // the duplicate guard's candidates: same channel and subject, latest first (migration 0020)
    index('idx_task_fingerprints_subject').on(t.channel, t.subject, t.createdAt),
    index('idx_task_fingerprints_duplicate_of').on(t.duplicateOf).where(sql`duplicate_of IS NOT NULL`),
  ],
);

/** Local: trust suggestions Kenny dismissed, by kind (agent + the rule-visible fields). */
export const trustDismissals = sqliteTable('trust_dismissals', {
  kindKey: text('kind_key').primaryKey(),
  agent: text('agent').notNull(),
  conditions: text('conditions').notNull(),
  dismissedBy: text('dismissed_by').notNull(),
  dismissedAt: text('dismissed_at').notNull(),
});

// Migration 0007: the cloud agents content tables.
export * from './content-schema';

/**
 * Local (migration 0013): the daily digest e-mail, one row per local day, written before the send
 * so a day's digest goes out at most once, across restarts too. status: sending | sent | failed |
 * skipped | unknown (a crash between 'sending' and the answer: never re-sent).
 */
export const digestDeliveries = sqliteTable('digest_deliveries', {
  day: text('day').primaryKey(),
  status: text('status').notNull(),
  recipient: text('recipient'),
  error: text('error'),
  createdAt: text('created_at').notNull().default(nowIso),
  updatedAt: text('updated_at').notNull().default(nowIso),
});
