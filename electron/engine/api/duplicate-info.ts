/**
 * The duplicate guard's links of one task for the inbox and the task page: two indexed reads.
 */
import type { DuplicateInfo } from '../../../shared/duplicate';
import type { TaskStatus } from '../../../shared/domain';
import type { Db } from '../db/open-db';
import { stmt } from '../db/statements';
import { duplicatesOf, getFingerprint } from '../store/fingerprints';

/** Null when the task is neither a likely duplicate nor duplicated. */
export function duplicateInfo(db: Db, taskId: string): DuplicateInfo | null {
  const own = getFingerprint(db, taskId);
  const later = duplicatesOf(db, taskId);
  if (!own?.duplicateOf && later.length === 0) return null;
  const other = own?.duplicateOf ? (stmt(db, 'SELECT id, title, status FROM squad_tasks WHERE id = ?').get(own.duplicateOf) as { id: string; title: string; status: TaskStatus } | undefined) : undefined;
  return {
    of: other ?? (own?.duplicateOf ? { id: own.duplicateOf, title: '(task no longer here)', status: 'failed' } : null),
    reason: own?.duplicateReason ?? null,
    clearedBy: own?.clearedBy ?? null,
    clearedAt: own?.clearedAt ?? null,
    duplicatedBy: later.map((row) => ({ id: row.taskId, title: row.title, status: row.status as TaskStatus, reason: row.reason, clearedBy: row.clearedBy })),
  };
}
