/**
 * Tasks held by a channel's send window (business hours, posting times). Their hold reason starts
 * with "Goes out at" (executor/run-task.ts); the calendar shows them and a changed window releases
 * them so the executor decides again with the new one.
 */
import type { Task } from '../../../shared/domain';
import type { Db } from '../db/open-db';
import { stmt } from '../db/statements';
import { updateTask } from './tasks';

/** How every window hold reason starts ("Goes out at 08:00 Monday (Gmail: Mon-Fri 08:00-17:00)"). */
export const windowHoldPrefix = 'Goes out at ';

/** SQL condition for a task waiting for its send window. */
export const windowHoldSql = `status = 'new' AND substr(hold_reason, 1, ${windowHoldPrefix.length}) = '${windowHoldPrefix}'`;

/** Clears every window hold (not_before, hold_reason); returns the released tasks. */
export function releaseWindowHolds(db: Db, now: Date): Task[] {
  const ids = (stmt(db, `SELECT id FROM squad_tasks WHERE ${windowHoldSql}`).all() as { id: string }[]).map((row) => row.id);
  const released: Task[] = [];
  for (const id of ids) {
    const task = updateTask(db, id, { not_before: null, hold_reason: null }, now, `AND ${windowHoldSql}`);
    if (task) released.push(task);
  }
  return released;
}
