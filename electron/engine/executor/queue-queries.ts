/**
 * The executor's queries over squad_tasks. "Executable" = new, decided, approved when it had to
 * be, not held until later, not flagged, and its agent has a handler. Order: urgent > high >
 * medium > low, then oldest first (the cloud sorted priority as text; defect 1).
 */
import type { Task } from '../../../shared/domain';
import type { Db } from '../db/open-db';
import { stmt } from '../db/statements';
import { rowToTask, taskColumns, taskColumnsSql, taskRowFromValues } from '../store/task-row';
import { priorityRankSql } from '../store/tasks';
import { isoTime } from '../store/iso-time';


const agentsIn = (agents: readonly string[]) => (agents.length ? `assigned_agent IN (${agents.map(() => '?').join(',')})` : '0');

/**
 * Ready now, or ready later (not_before in the future); ordered for execution. The conditions are
 * those of the partial index idx_tasks_executable, word for word, so SQLite can use it.
 */
const executableWhere = (agents: readonly string[]) =>
  `status = 'new' AND policy_decision IS NOT NULL AND rejected_at IS NULL AND outcome_unknown = 0 AND (requires_approval = 0 OR approved_at IS NOT NULL) AND ${agentsIn(agents)}`;

/** Tasks read for running, and which of them the duplicate guard has fingerprinted already. */
export interface ExecutableBatch {
  tasks: Task[];
  fingerprinted: ReadonlySet<string>;
}

/** The next `limit` executable tasks in run order (priority, then age), skipping `excludeIds` (held earlier in this cycle). */
export function nextExecutableBatch(db: Db, agents: readonly string[], now: Date, excludeIds: ReadonlySet<string>, limit: number): ExecutableBatch {
  // INDEXED BY: left to itself the planner took the agent index and sorted every new task on each
  // call; this index is already in run order and holds only runnable tasks.
  // No LIMIT: the rows are stepped one at a time and the scan stops once `limit` are found. Bound
  // as a parameter, a LIMIT made SQLite read the whole index on every call (6x the time of the
  // query with a literal limit, which would need one statement per limit). Passed-over tasks are
  // skipped here rather than in SQL (a NOT IN over json_each cost a quarter of a millisecond).
  // Whether each has a fingerprint comes with it: one statement less per task (prepareTask).
  const sqlText = `SELECT ${taskColumnsSql}, EXISTS (SELECT 1 FROM task_fingerprints f WHERE f.task_id = squad_tasks.id) AS fingerprinted
    FROM squad_tasks INDEXED BY idx_tasks_executable WHERE ${executableWhere(agents)}
    AND (not_before IS NULL OR not_before <= ?)
    ORDER BY ${priorityRankSql}, created_at`;
  const tasks: Task[] = [];
  const fingerprinted = new Set<string>();
  if (limit <= 0) return { tasks, fingerprinted };
  for (const values of stmt(db, sqlText).raw(true).iterate(...agents, isoTime(now)) as IterableIterator<unknown[]>) {
    const row = taskRowFromValues(values);
    if (excludeIds.has(row.id)) continue;
    tasks.push(rowToTask(row));
    if (values[taskColumns.length] === 1) fingerprinted.add(row.id);
    // Leaving the loop ends the statement (the iterator's return()), so no read stays open.
    if (tasks.length === limit) break;
  }
  return { tasks, fingerprinted };
}

export function countExecutable(db: Db, agents: readonly string[], now: Date): number {
  const sqlText = `SELECT count(*) AS n FROM squad_tasks WHERE ${executableWhere(agents)} AND (not_before IS NULL OR not_before <= ?)`;
  return (stmt(db, sqlText).get(...agents, isoTime(now)) as { n: number }).n;
}

/** When the next held task becomes ready (backoff, deferral, scheduled send), for the wake-up timer. */
export function nextWakeAt(db: Db, agents: readonly string[], now: Date): string | null {
  const sqlText = `SELECT min(not_before) AS at FROM squad_tasks WHERE ${executableWhere(agents)} AND not_before > ?`;
  return (stmt(db, sqlText).get(...agents, isoTime(now)) as { at: string | null }).at;
}

/** New tasks the approval policy has not decided yet, oldest first. */
export function undecidedTasks(db: Db, limit: number): Task[] {
  // INDEXED BY: left to itself the planner takes the status index and sorts every new task (a
  // backlog of approvals made each batch O(n)); the partial index holds exactly these rows, in order.
  const rows = stmt(db, `SELECT ${taskColumnsSql} FROM squad_tasks INDEXED BY idx_tasks_undecided WHERE status = 'new' AND policy_decision IS NULL ORDER BY created_at LIMIT ?`)
    .raw(true)
    .all(limit) as unknown[][];
  return rows.map((values) => rowToTask(taskRowFromValues(values)));
}

/** All claimed tasks (start-up recovery checks whose owners are dead). */
export function claimedTasks(db: Db): Task[] {
  return (stmt(db, `SELECT ${taskColumnsSql} FROM squad_tasks WHERE status = 'in_progress'`).raw(true).all() as unknown[][]).map((values) => rowToTask(taskRowFromValues(values)));
}
