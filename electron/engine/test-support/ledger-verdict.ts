/**
 * The dry-run verdict as the ledger says it (the rule task-list.ts applied per task before
 * migration 0019 put it on the task): the latest row by attempt then id, when it is a finished dry
 * run. Tests compare squad_tasks.dry_run_verdict and the lists' results with it.
 */
import { expect } from 'vitest';
import { dryRunFilterSchema, dryRunProblemVerdicts } from '../../../shared/dry-run';
import { tasksListInputSchema } from '../../../shared/contract';
import type { Db } from '../db/open-db';
import { listTasks } from '../store/task-list';
import { priorityRankSql } from '../store/tasks';

export const ledgerVerdictSql = (table = 't') => `(SELECT CASE WHEN e.dry_run = 1 AND e.state = 'succeeded'
    THEN COALESCE(e.result ->> '$.verdict', CASE WHEN e.result ->> '$.wouldFail' IS NOT NULL THEN 'would_fail' ELSE 'would_run' END) END
  FROM task_executions e WHERE e.task_id = ${table}.id ORDER BY e.attempt DESC, e.id DESC LIMIT 1)`;

/** Tasks whose column says something else than their ledger (id, column, ledger); [] when all agree. */
export function verdictMismatches(db: Db, skipIds: readonly string[] = []): { id: string; column: string | null; ledger: string | null }[] {
  return db
    .prepare(`SELECT id, dry_run_verdict AS "column", ${ledgerVerdictSql()} AS ledger FROM squad_tasks t WHERE id NOT IN (SELECT value FROM json_each(?)) AND dry_run_verdict IS NOT ${ledgerVerdictSql()}`)
    .all(JSON.stringify(skipIds)) as { id: string; column: string | null; ledger: string | null }[];
}

const problemList = dryRunProblemVerdicts.map((verdict) => `'${verdict}'`).join(', ');

/**
 * Every dry-run filter, alone and with a status, in the default order and by recency: the list's
 * ids (up to 500), their verdicts and the total are what the ledger rule gives.
 */
export function expectListsMatchLedger(db: Db, handledAgents: readonly string[]): void {
  const statuses = [undefined, ['completed'], ['failed'], ['new']];
  for (const dryRun of dryRunFilterSchema.options) {
    for (const status of statuses) {
      for (const [sort, direction] of [['priority', 'asc'], ['updatedAt', 'desc']] as const) {
        const query = tasksListInputSchema.parse({ dryRun, status, sort, direction, limit: 500 });
        const listed = listTasks(db, query, handledAgents);
        const test =
          dryRun === 'any_problem' ? `v IN (${problemList})` : dryRun === 'no_problem' ? `COALESCE(v IN (${problemList}), 0) = 0` : `v = '${dryRun}'`;
        const order = sort === 'priority' ? `${priorityRankSql} ASC, created_at ASC, id` : 'updated_at DESC, created_at DESC, id';
        const expected = db
          .prepare(
            `SELECT id, v FROM (SELECT *, ${ledgerVerdictSql('s')} AS v FROM squad_tasks s) WHERE ${test}${status ? ` AND status = '${status[0]}'` : ''} ORDER BY ${order}`,
          )
          .all() as { id: string; v: string | null }[];
        const label = JSON.stringify({ dryRun, status, sort });
        expect(listed.total, label).toBe(expected.length);
        expect(
          listed.items.map((item) => [item.id, item.dryRunVerdict]),
          label,
        ).toEqual(expected.slice(0, 500).map((row) => [row.id, row.v]));
      }
    }
  }
}
