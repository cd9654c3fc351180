/**
 * Reading and writing squad_tasks. Plain functions taking db first; multi-step changes are done by
 * callers inside one transaction.
 */
import type { NewTask, Task } from '../../../shared/domain';
import type { Db } from '../db/open-db';
import { stmt } from '../db/statements';
import { rowToTask, type TaskRow } from './task-row';
import { isoTime } from './iso-time';

export function getTask(db: Db, id: string): Task | null {
  const row = stmt(db, 'SELECT * FROM squad_tasks WHERE id = ?').get(id) as TaskRow | undefined;
  return row ? rowToTask(row) : null;
}

/** Inserts a task; columns left out take their SQL defaults. Returns the stored row. */
export function insertTask(db: Db, task: NewTask & { id?: string; origin?: string }): Task {
  const columns: string[] = ['title'];
  const values: unknown[] = [task.title];
  const add = (column: string, value: unknown) => {
    if (value === undefined) return;
    columns.push(column);
    values.push(value);
  };
  add('id', task.id);
  add('description', task.description);
  add('assigned_agent', task.assignedAgent);
  add('priority', task.priority);
  add('requires_approval', task.requiresApproval === undefined ? undefined : task.requiresApproval ? 1 : 0);
  add('mentions_kenny', task.mentionsKenny === undefined ? undefined : task.mentionsKenny ? 1 : 0);
  add('metadata', task.metadata === undefined ? undefined : JSON.stringify(task.metadata));
  add('origin', task.origin);
  const row = db
    .prepare(`INSERT INTO squad_tasks (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) RETURNING *`)
    .get(...values) as TaskRow;
  return rowToTask(row);
}

/**
 * Sets columns of one task (snake_case names) and bumps updated_at; returns the new row or null.
 * `where` adds compare-and-swap conditions; values go in `whereParams`, never into the SQL text
 * (each distinct text is a cached statement).
 */
export function updateTask(db: Db, id: string, changes: Record<string, unknown>, now: Date, where = '', whereParams: readonly unknown[] = []): Task | null {
  const { assignments, values } = setClause(changes, now);
  // The same few change sets recur on the hot path, so their statements are cached.
  const row = stmt(db, `UPDATE squad_tasks SET ${assignments} WHERE id = ? ${where} RETURNING *`).get(...values, id, ...whereParams) as TaskRow | undefined;
  return row ? rowToTask(row) : null;
}

/**
 * updateTask without reading the row back: for hot paths that need only "did the compare-and-swap
 * win" (a dry run's completion writes thousands per minute; RETURNING * and parsing it cost a
 * third of the update).
 */
export function updateTaskColumns(db: Db, id: string, changes: Record<string, unknown>, now: Date, where = '', whereParams: readonly unknown[] = []): boolean {
  const { assignments, values } = setClause(changes, now);
  return stmt(db, `UPDATE squad_tasks SET ${assignments} WHERE id = ? ${where}`).run(...values, id, ...whereParams).changes > 0;
}

/**
 * updateTaskColumns for a task the caller has just read: the task as written is `task` with the
 * changes applied (column `lease_owner` -> field `leaseOwner`), not read back with RETURNING * and
 * parsed again (the executor's claim, completion and policy decision). Scalar columns only: a
 * metadata change goes through updateTask, which parses the JSON it wrote.
 */
export function updateReadTask(db: Db, task: Task, changes: Record<string, unknown>, now: Date, where = '', whereParams: readonly unknown[] = []): Task | null {
  if ('metadata' in changes) throw new Error('updateReadTask: metadata changes go through updateTask');
  if (!updateTaskColumns(db, task.id, changes, now, where, whereParams)) return null;
  const written: Record<string, unknown> = { ...task, updatedAt: isoTime(now) };
  for (const column in changes) written[fieldOf(column)] = changes[column];
  return written as unknown as Task;
}

const fieldNames = new Map<string, string>();

/** `lease_owner` -> `leaseOwner`, remembered: a regex replace with a callback per column was a tenth of a live task's JavaScript. */
function fieldOf(column: string): string {
  let field = fieldNames.get(column);
  if (field === undefined) {
    field = column.replace(/_([a-z])/g, (_, letter: string) => letter.toUpperCase());
    fieldNames.set(column, field);
  }
  return field;
}

/** `col = ?, …, updated_at = ?` and its values (booleans as 0/1) for an UPDATE of `changes`. */
function setClause(changes: Record<string, unknown>, now: Date): { assignments: string; values: unknown[] } {
  const entries = Object.entries(changes);
  return {
    assignments: [...entries.map(([column]) => `${column} = ?`), 'updated_at = ?'].join(', '),
    values: [...entries.map(([, value]) => (typeof value === 'boolean' ? (value ? 1 : 0) : value)), isoTime(now)],
  };
}

/** urgent=0 .. low=3: ORDER BY it, then created_at, for "most urgent, oldest first" (matches the indexes). */
export const priorityRankSql = `(CASE priority WHEN 'urgent' THEN 0 WHEN 'high' THEN 1 WHEN 'medium' THEN 2 ELSE 3 END)`;

/** The SQL condition "waiting for Kenny's decision". */
export const awaitingDecisionSql = `status = 'new' AND requires_approval = 1 AND approved_at IS NULL AND rejected_at IS NULL`;

export function isAwaitingDecision(task: Task): boolean {
  return task.status === 'new' && task.requiresApproval && task.approvedAt === null && task.rejectedAt === null;
}
