/**
 * squad_tasks.dry_run_verdict (migration 0019): the verdict of the task's latest ledger row when
 * that row is a finished dry run, else null. The executor writes it with the change that makes the
 * row latest (executor/dry-run.ts sets it, executor/claim.ts clears it). A path that removes the
 * latest ledger row instead (a claim given back before its call started deletes its intent) makes
 * an older row latest again: it calls refreshDryRunVerdict in the same transaction.
 */
import type { Db } from '../db/open-db';
import { stmt } from '../db/statements';

/** The rule of migration 0019's backfill, for the task `squad_tasks.id`. */
const latestVerdictSql = `(SELECT CASE WHEN e.dry_run = 1 AND e.state = 'succeeded' AND json_valid(e.result)
    THEN coalesce(e.result ->> '$.verdict', CASE WHEN e.result ->> '$.wouldFail' IS NOT NULL THEN 'would_fail' ELSE 'would_run' END) END
  FROM task_executions e WHERE e.task_id = squad_tasks.id ORDER BY e.attempt DESC, e.id DESC LIMIT 1)`;

/**
 * Sets the task's dry_run_verdict from its ledger; writes only when it differs (then the touch
 * trigger moves updated_at, unless the caller's transaction changed it already). True if it wrote.
 */
export function refreshDryRunVerdict(db: Db, taskId: string): boolean {
  return stmt(db, `UPDATE squad_tasks SET dry_run_verdict = ${latestVerdictSql} WHERE id = ? AND dry_run_verdict IS NOT ${latestVerdictSql}`).run(taskId).changes > 0;
}
