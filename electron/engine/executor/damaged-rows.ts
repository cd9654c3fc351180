/**
 * Rows another writer stored with type-confused values (requires_approval 'true', not_before
 * 'garbage', lease_expires_at 'zzzz', attempts 'abc') would otherwise sit forever: neither
 * "needs approval" nor "ready" in SQL, or "running" with a lease that never expires. Each cycle
 * fails them with a message naming the column(s) and raises an urgent alert. A row that was
 * in progress may have run, so it is also flagged "outcome unknown" for a person to check.
 */
import { damagedRowSql } from '../store/row-damage';
import { getTask, updateTask } from '../store/tasks';
import type { ExecutorContext } from './context';

/** Fails every active damaged task; returns how many. Never throws for one bad row. */
export function quarantineDamagedTasks(context: ExecutorContext): number {
  const ids = context.db.prepare(`SELECT id FROM squad_tasks WHERE status IN ('new', 'in_progress') AND ${damagedRowSql} LIMIT 100`).pluck().all() as string[];
  let failed = 0;
  for (const id of ids) {
    const task = getTask(context.db, id);
    if (!task) continue;
    const columns = task.damage ?? ['a column has a value of the wrong type'];
    const wasRunning = task.status === 'in_progress';
    const message = `Damaged row: ${columns.join('; ')}. Fix the column(s) in squad_tasks, then re-queue.${wasRunning ? ' It was in progress: check whether it ran before re-queuing.' : ''}`;
    const done = context.activity.transaction(() => {
      const updated = updateTask(
        context.db,
        id,
        { status: 'failed', execution_error: message, hold_reason: null, not_before: null, lease_owner: null, lease_expires_at: null, outcome_unknown: wasRunning },
        context.now(),
        `AND status IN ('new', 'in_progress')`,
      );
      if (!updated) return null;
      context.activity.log({ level: 'error', eventType: 'task_damaged', taskId: id, message: `"${task.title}" cannot run: ${message}` });
      context.activity.alert({ type: 'system_error', severity: 'urgent', title: `Damaged task row: ${task.title.slice(0, 80)}`, message, metadata: { task_id: id, columns } });
      context.activity.taskChanged(updated);
      return updated;
    });
    if (done) failed++;
  }
  return failed;
}
