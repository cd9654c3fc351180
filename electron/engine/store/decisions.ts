/**
 * task_decisions: the trail of who decided what about a task, and why.
 */
import type { Decision } from '../../../shared/domain';
import type { Db } from '../db/open-db';
import { parseJsonColumn, stmt } from '../db/statements';
import { isoTime } from './iso-time';

export type DecisionKind = Decision['kind'];

interface DecisionRow {
  id: number;
  task_id: string;
  kind: string;
  actor: string;
  reason: string | null;
  details: string;
  created_at: string;
}

export function addDecision(
  db: Db,
  decision: { taskId: string; kind: DecisionKind; actor: string; reason?: string | null; details?: Record<string, unknown> },
  now: Date,
): void {
  stmt(db, 'INSERT INTO task_decisions (task_id, kind, actor, reason, details, created_at) VALUES (?, ?, ?, ?, ?, ?)').run(
    decision.taskId,
    decision.kind,
    decision.actor,
    decision.reason ?? null,
    JSON.stringify(decision.details ?? {}),
    isoTime(now),
  );
}

export function listDecisions(db: Db, taskId: string): Decision[] {
  const rows = stmt(db, 'SELECT * FROM task_decisions WHERE task_id = ? ORDER BY id').all(taskId) as DecisionRow[];
  return rows.map((row) => ({
    id: row.id,
    taskId: row.task_id,
    kind: row.kind as DecisionKind,
    actor: row.actor,
    reason: row.reason,
    details: parseJsonColumn<Record<string, unknown>>(row.details, {}),
    createdAt: row.created_at,
  }));
}
