/**
 * task_executions: the ledger. An 'intent' row is committed before any side effect; its outcome
 * ('succeeded' | 'failed' | 'unknown') is written in the same transaction that moves the task on.
 */
import type { ErrorClass, Execution } from '../../../shared/domain';
import type { Db } from '../db/open-db';
import { parseJsonColumn, stmt } from '../db/statements';
import { isoTime } from './iso-time';

interface ExecutionRow {
  id: number;
  task_id: string;
  attempt: number;
  idempotency_key: string;
  channel: string;
  dry_run: number;
  state: string;
  request_preview: string;
  external_id: string | null;
  external_url: string | null;
  result: string | null;
  progress: string;
  error_class: string | null;
  error_message: string | null;
  executor_id: string;
  started_at: string;
  finished_at: string | null;
}

const rowToExecution = (row: ExecutionRow): Execution => ({
  id: row.id,
  taskId: row.task_id,
  attempt: row.attempt,
  idempotencyKey: row.idempotency_key,
  channel: row.channel,
  dryRun: row.dry_run === 1,
  state: row.state as Execution['state'],
  requestPreview: parseJsonColumn<unknown>(row.request_preview, null),
  externalId: row.external_id,
  externalUrl: row.external_url,
  result: parseJsonColumn<unknown>(row.result, null),
  progress: parseJsonColumn<Record<string, unknown>>(row.progress, {}),
  errorClass: row.error_class as ErrorClass | null,
  errorMessage: row.error_message,
  executorId: row.executor_id,
  startedAt: row.started_at,
  finishedAt: row.finished_at,
});

/**
 * Records the intent to execute. The ledger attempt number grows forever per task (a re-queued
 * task keeps its history), so `taskId:attempt` is a stable idempotency key.
 */
export function insertIntent(
  db: Db,
  intent: { taskId: string; channel: string; dryRun: boolean; requestPreview: unknown; executorId: string },
  now: Date,
): Execution {
  return insertExecution(db, intent, now, null);
}

/**
 * The ledger row of one attempt: an open intent (outcome null), or, for a dry run whose claim and
 * outcome commit together, the finished row at once (one write instead of insert + update).
 */
export function insertExecution(
  db: Db,
  intent: { taskId: string; channel: string; dryRun: boolean; requestPreview: unknown; executorId: string },
  now: Date,
  outcome: { result: unknown } | null,
): Execution {
  const at = isoTime(now);
  // Two plain statements: an INSERT that selects from its own table, or has RETURNING, makes SQLite
  // build a temporary b-tree on every run (each costs more than the insert). Both run inside the
  // caller's transaction, so the attempt number cannot change in between.
  const attempt = stmt(db, 'SELECT coalesce(max(attempt), 0) + 1 FROM task_executions WHERE task_id = ?').pluck().get(intent.taskId) as number;
  const idempotencyKey = `${intent.taskId}:${attempt}`;
  const id = Number(
    stmt(
      db,
      `INSERT INTO task_executions (task_id, attempt, idempotency_key, channel, dry_run, state, request_preview, result, executor_id, started_at, finished_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    ).run(
      intent.taskId,
      attempt,
      idempotencyKey,
      intent.channel,
      intent.dryRun ? 1 : 0,
      outcome ? 'succeeded' : 'intent',
      JSON.stringify(intent.requestPreview ?? null),
      outcome ? JSON.stringify(outcome.result ?? null) : null,
      intent.executorId,
      at,
      outcome ? at : null,
    ).lastInsertRowid,
  );
  // Built from what was written, not read back: parsing the preview's JSON again cost as much as writing it.
  return {
    id,
    taskId: intent.taskId,
    attempt,
    idempotencyKey,
    channel: intent.channel,
    dryRun: intent.dryRun,
    state: outcome ? 'succeeded' : 'intent',
    requestPreview: intent.requestPreview ?? null,
    externalId: null,
    externalUrl: null,
    result: outcome ? (outcome.result ?? null) : null,
    progress: {},
    errorClass: null,
    errorMessage: null,
    executorId: intent.executorId,
    startedAt: at,
    finishedAt: outcome ? at : null,
  };
}

export function recordSuccess(
  db: Db,
  executionId: number,
  outcome: { externalId: string | null; externalUrl: string | null; result: unknown },
  now: Date,
): void {
  stmt(
    db,
    `UPDATE task_executions SET state = 'succeeded', external_id = ?, external_url = ?, result = ?, finished_at = ? WHERE id = ?`,
  ).run(outcome.externalId, outcome.externalUrl, JSON.stringify(outcome.result ?? null), isoTime(now), executionId);
}

export function recordFailure(
  db: Db,
  executionId: number,
  failure: { state: 'failed' | 'unknown'; errorClass: ErrorClass; message: string; details?: unknown },
  now: Date,
): void {
  stmt(
    db,
    `UPDATE task_executions SET state = ?, error_class = ?, error_message = ?, result = ?, finished_at = ? WHERE id = ?`,
  ).run(failure.state, failure.errorClass, failure.message, failure.details === undefined ? null : JSON.stringify(failure.details), isoTime(now), executionId);
}

export function listExecutions(db: Db, taskId: string): Execution[] {
  return (stmt(db, 'SELECT * FROM task_executions WHERE task_id = ? ORDER BY attempt').all(taskId) as ExecutionRow[]).map(rowToExecution);
}

/**
 * Merges what a channel learned mid-call into the open intent (committed at once: it must
 * survive a crash that follows). Only an open intent takes progress.
 */
export function recordProgress(db: Db, executionId: number, patch: Record<string, unknown>): void {
  // The channel is mid-call and must not go on unrecorded: unlike the engine's other writes this
  // one may wait (briefly, blocking) for another process's write lock rather than fail.
  const previous = db.pragma('busy_timeout', { simple: true }) as number;
  if (previous < 2_000) db.pragma('busy_timeout = 2000');
  try {
    stmt(db, `UPDATE task_executions SET progress = json_patch(progress, ?) WHERE id = ? AND state = 'intent'`).run(JSON.stringify(patch), executionId);
  } finally {
    if (previous < 2_000) db.pragma(`busy_timeout = ${previous}`);
  }
}

/** The unfinished intent of a task, if any (a crash happened between intent and outcome). */
export function openIntent(db: Db, taskId: string): Execution | null {
  const row = stmt(db, `SELECT * FROM task_executions WHERE task_id = ? AND state = 'intent' ORDER BY attempt DESC LIMIT 1`).get(taskId) as
    | ExecutionRow
    | undefined;
  return row ? rowToExecution(row) : null;
}

/** Deletes an intent whose call never started (a claim given back); false when it is no longer open. */
export function deleteUnstartedIntent(db: Db, executionId: number): boolean {
  return stmt(db, `DELETE FROM task_executions WHERE id = ? AND state = 'intent'`).run(executionId).changes === 1;
}
