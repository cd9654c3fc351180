/**
 * What trust suggestions read and remember: Kenny's decisions on tasks that waited for him (the
 * latest first, through idx_tasks_decided; no scan of squad_tasks) and the kinds he dismissed.
 */
import type { Db } from '../db/open-db';
import { parseJsonColumn, stmt } from '../db/statements';
import type { DecidedTask } from '../policy/trust';

/** Decisions read per computation. Default: the latest 5,000, far more than any threshold needs. */
export const decidedTasksRead = 5_000;

interface DecidedRow {
  id: string;
  title: string;
  assigned_agent: string;
  metadata: string;
  approved_at: string | null;
  approved_by: string | null;
  rejected_at: string | null;
  rejected_by: string | null;
  policy_reason: string | null;
  edited: number;
}

export function listDecidedTasks(db: Db, limit = decidedTasksRead): DecidedTask[] {
  const rows = stmt(
    db,
    `SELECT t.id, t.title, t.assigned_agent, t.metadata, t.approved_at, t.approved_by, t.rejected_at, t.rejected_by, t.policy_reason,
       EXISTS (SELECT 1 FROM task_decisions d WHERE d.task_id = t.id AND d.kind = 'edited') AS edited
     FROM squad_tasks t
     WHERE t.approved_at IS NOT NULL OR t.rejected_at IS NOT NULL
     ORDER BY coalesce(t.rejected_at, t.approved_at) DESC
     LIMIT ?`,
  ).all(limit) as DecidedRow[];
  return rows.map((row) => ({
    id: row.id,
    title: row.title,
    assignedAgent: row.assigned_agent,
    metadata: parseJsonColumn<Record<string, unknown>>(row.metadata, {}),
    outcome: row.rejected_at ? 'rejected' : row.edited ? 'edited' : 'approved',
    decidedAt: (row.rejected_at ?? row.approved_at)!,
    decidedBy: row.rejected_at ? row.rejected_by : row.approved_by,
    policyReason: row.policy_reason,
  }));
}

export function dismissedKinds(db: Db): Set<string> {
  return new Set((stmt(db, 'SELECT kind_key FROM trust_dismissals').all() as { kind_key: string }[]).map((row) => row.kind_key));
}

export function dismissKind(db: Db, dismissal: { kindKey: string; agent: string; conditions: unknown; by: string }, now: Date): void {
  stmt(db, 'INSERT OR REPLACE INTO trust_dismissals (kind_key, agent, conditions, dismissed_by, dismissed_at) VALUES (?, ?, ?, ?, ?)').run(
    dismissal.kindKey,
    dismissal.agent,
    JSON.stringify(dismissal.conditions),
    dismissal.by,
    now.toISOString(),
  );
}
