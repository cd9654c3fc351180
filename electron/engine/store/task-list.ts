/**
 * The queue view's query: filters, full-text search (FTS5) and sorting done in SQL, one page at a
 * time, so 100,000 tasks page as fast as 100.
 */
import type { TaskSummary, TasksListInput } from '../../../shared/contract';
import type { TaskPriority, TaskStatus } from '../../../shared/domain';
import type { Db } from '../db/open-db';
import { RowReader } from './row-damage';
import { dryRunProblemVerdicts, type DryRunVerdict } from '../../../shared/dry-run';
import { awaitingDecisionSql, priorityRankSql } from './tasks';

// The latest execution of the row's task, if it was a dry run: its reason (executions recorded
// before verdicts existed say only `wouldFail`). For the page's rows only; uses idx_executions_task.
const latestExecution = (column: string, table = 'squad_tasks') =>
  `(SELECT ${column} FROM task_executions e WHERE e.task_id = ${table}.id ORDER BY e.attempt DESC, e.id DESC LIMIT 1)`;
const reasonColumn = `CASE WHEN e.dry_run = 1 THEN COALESCE(e.result ->> '$.reason', e.result ->> '$.wouldFail') END`;

/**
 * "The latest dry run found a problem", on the task's own dry_run_verdict column (migration 0019:
 * the latest ledger row's verdict, written with it). Exactly the WHERE of idx_tasks_dry_run_problem
 * (literal values, same order), so the planner can use that partial index; bound parameters
 * could not prove it.
 */
export const dryRunProblemSql = `(${dryRunProblemVerdicts.map((verdict) => `dry_run_verdict = '${verdict}'`).join(' OR ')})`;

/** Tasks auto-executed by the unmatched-task setting: the WHERE of idx_tasks_ran_without_rule. */
const ranWithoutRuleSql = `policy_decision = 'auto_execute' AND policy_rule_id IS NULL AND approved_at IS NULL`;

type ListQuery = Required<Pick<TasksListInput, 'sort' | 'direction' | 'offset' | 'limit'>> & Omit<TasksListInput, 'sort' | 'direction' | 'offset' | 'limit'>;

const sortColumns: Record<NonNullable<TasksListInput['sort']>, string> = {
  priority: priorityRankSql,
  createdAt: 'created_at',
  updatedAt: 'updated_at',
  status: 'status',
  assignedAgent: 'assigned_agent',
  title: 'title',
};

/** Turns what a person types into a safe FTS5 query: every word must match, as a prefix. */
export function toFtsQuery(search: string): string | null {
  const words = search.match(/[\p{L}\p{N}_]+/gu) ?? [];
  if (words.length === 0) return null;
  return words.map((word) => `"${word}"*`).join(' ');
}

/** A statement of the list with its parameters. */
export interface ListStatement {
  sql: string;
  params: unknown[];
}

/**
 * `handledAgents`: the agents a channel runs (for the `manual` filter: tasks of any other agent
 * are done by a person).
 */
export function listTasks(db: Db, query: ListQuery, handledAgents: readonly string[] = []): { items: TaskSummary[]; total: number } {
  const statements = listStatements(query, handledAgents);
  if (!statements) return { items: [], total: 0 };
  const rows = db.prepare(statements.page.sql).all(...statements.page.params) as Record<string, unknown>[];
  const { total } = db.prepare(statements.count.sql).get(...statements.count.params) as { total: number };
  return {
    total,
    items: rows.map((row) => {
      // One bad row (BLOB title, attempts 1e18) is shown as damaged; the rest of the list renders.
      const r = new RowReader(row);
      const item = {
        id: String(row.id),
        title: r.text('title', '[damaged title]'),
        status: row.status as TaskStatus,
        assignedAgent: r.text('assigned_agent', 'Jarvis'),
        priority: row.priority as TaskPriority,
        createdAt: r.time('created_at', new Date(0).toISOString()),
        updatedAt: r.time('updated_at', new Date(0).toISOString()),
        executionAttempts: r.count('execution_attempts'),
        executionError: r.optionalText('execution_error'),
        requiresApproval: r.flag('requires_approval', true),
        approvedAt: r.optionalText('approved_at'),
        holdReason: r.optionalText('hold_reason'),
        notBefore: r.optionalTime('not_before'),
        outcomeUnknown: r.flag('outcome_unknown', true),
        dryRunVerdict: (row.dry_run_verdict as DryRunVerdict | null) ?? null,
        dryRunReason: (row.dry_run_reason as string | null) ?? null,
      };
      return r.damage.length > 0 ? { ...item, damage: r.damage } : item;
    }),
  };
}

/**
 * The page and count statements of a list (null: a search with no words finds nothing). Exported
 * so a test can check their plans (task-list-plans.test.ts): each Today list reads an index in its
 * own order instead of sorting every task of its status.
 */
export function listStatements(query: ListQuery, handledAgents: readonly string[] = []): { page: ListStatement; count: ListStatement } | null {
  const where: string[] = [];
  const params: unknown[] = [];
  // A filter with its own partial index names it: without statistics the planner expects ten rows
  // per status and takes the status index, then reads every task of that status (60,000 completed
  // ones) to find the few that match. Reading the partial index costs at most its own size.
  let indexedBy: string | null = null;
  const inList = (column: string, values: readonly string[] | undefined) => {
    if (!values?.length) return;
    where.push(`${column} IN (${values.map(() => '?').join(',')})`);
    params.push(...values);
  };
  inList('status', query.status);
  inList('assigned_agent', query.agent);
  inList('priority', query.priority);
  if (query.awaitingApproval === true) {
    where.push(awaitingDecisionSql);
    indexedBy = 'idx_tasks_awaiting';
  }
  if (query.awaitingApproval === false) where.push(`NOT (${awaitingDecisionSql})`);
  if (query.manual !== undefined) {
    const known = `assigned_agent IN (SELECT value FROM json_each(?))`;
    where.push(query.manual ? `NOT ${known}` : known);
    params.push(JSON.stringify(handledAgents));
  }
  if (query.ranWithoutRule) {
    // Ran by itself (no person approved it) and no rule decided: the unmatched-task setting let it.
    where.push(`${ranWithoutRuleSql} AND EXISTS (SELECT 1 FROM task_executions e WHERE e.task_id = squad_tasks.id)`);
    indexedBy = 'idx_tasks_ran_without_rule';
  }
  // "No problem" is counted as all minus the problems: both counts read an index, where testing
  // every row's verdict visited the table (60,000 completed tasks in the bench).
  const noProblem = query.dryRun === 'no_problem';
  const problem = query.dryRun === 'any_problem' || (dryRunProblemVerdicts as readonly string[]).includes(query.dryRun ?? '');
  if (problem) {
    where.push(dryRunProblemSql);
    indexedBy = 'idx_tasks_dry_run_problem';
  }
  if (query.dryRun && query.dryRun !== 'any_problem' && !noProblem) {
    where.push('dry_run_verdict = ?');
    params.push(query.dryRun);
  }
  const fts = query.search ? toFtsQuery(query.search) : null;
  if (query.search && !fts) return null;
  if (fts) {
    where.push('rowid IN (SELECT rowid FROM squad_tasks_fts WHERE squad_tasks_fts MATCH ?)');
    params.push(fts);
  }
  // Its condition has no parameter, so it may go last.
  const pageWhere = noProblem ? [...where, `COALESCE(${dryRunProblemSql}, 0) = 0`] : where;
  const whereSql = pageWhere.length ? `WHERE ${pageWhere.join(' AND ')}` : '';
  const direction = query.direction === 'desc' ? 'DESC' : 'ASC';
  // Ties broken by age, newest last for ascending priority (the executor's own order).
  const order = `${sortColumns[query.sort]} ${direction}, created_at ${query.sort === 'priority' ? 'ASC' : direction}, id`;
  // The reason is read from the ledger for the page only (outer query), not for every sorted row.
  const page = `SELECT page.*, CASE WHEN page.dry_run_verdict IS NOT NULL THEN ${latestExecution(reasonColumn, 'page')} END AS dry_run_reason
     FROM (SELECT id, title, status, assigned_agent, priority, created_at, updated_at, execution_attempts, execution_error,
             requires_approval, approved_at, hold_reason, not_before, outcome_unknown, dry_run_verdict
           FROM squad_tasks${indexedBy ? ` INDEXED BY ${indexedBy}` : ''} ${whereSql} ORDER BY ${order} LIMIT ? OFFSET ?) page`;
  return { page: { sql: page, params: [...params, query.limit, query.offset] }, count: countStatement(where, params, noProblem, indexedBy) };
}

/** The list's exact total of `where`; with `noProblem`, those of `where` minus those with a dry-run problem. */
function countStatement(where: readonly string[], params: readonly unknown[], noProblem: boolean, indexedBy: string | null): ListStatement {
  const count = (conditions: readonly string[], index: string | null) =>
    `SELECT count(*) AS total FROM squad_tasks${index ? ` INDEXED BY ${index}` : ''}${conditions.length ? ` WHERE ${conditions.join(' AND ')}` : ''}`;
  const sql = noProblem
    ? `SELECT (${count(where, indexedBy)}) - (${count([...where, dryRunProblemSql], 'idx_tasks_dry_run_problem')}) AS total`
    : count(where, indexedBy);
  return { sql, params: noProblem ? [...params, ...params] : [...params] };
}
