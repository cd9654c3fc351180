/**
 * task_fingerprints: what the duplicate guard compares (policy/duplicate-guard.ts), one row per
 * task, written once. Reads are bounded: one channel and subject, a time window, the latest
 * `limit` rows (idx_task_fingerprints_subject), so the guard costs the same however large the
 * history grows.
 */
import type { Db } from '../db/open-db';
import { stmt } from '../db/statements';
import type { EarlierTask, Fingerprint, FingerprintKind } from '../policy/duplicate-guard';

/** Earlier tasks compared per check: the latest of the channel and subject in the window. Default: 200. */
export const comparedPerCheck = 200;

interface FingerprintRow {
  task_id: string;
  channel: string;
  kind: string;
  subject: string;
  body: string;
  created_at: string;
  duplicate_of: string | null;
  duplicate_reason: string | null;
  cleared_by: string | null;
  cleared_at: string | null;
}

export interface StoredFingerprint {
  taskId: string;
  fingerprint: Fingerprint;
  createdAt: string;
  duplicateOf: string | null;
  duplicateReason: string | null;
  clearedBy: string | null;
  clearedAt: string | null;
}

const toStored = (row: FingerprintRow): StoredFingerprint => ({
  taskId: row.task_id,
  fingerprint: { channel: row.channel, kind: row.kind as FingerprintKind, subject: row.subject, body: row.body },
  createdAt: row.created_at,
  duplicateOf: row.duplicate_of,
  duplicateReason: row.duplicate_reason,
  clearedBy: row.cleared_by,
  clearedAt: row.cleared_at,
});

/** Whether the task was fingerprinted (the executor's check before each run: no row to parse). */
export function hasFingerprint(db: Db, taskId: string): boolean {
  return stmt(db, 'SELECT 1 FROM task_fingerprints WHERE task_id = ?').get(taskId) !== undefined;
}

export function getFingerprint(db: Db, taskId: string): StoredFingerprint | null {
  const row = stmt(db, 'SELECT * FROM task_fingerprints WHERE task_id = ?').get(taskId) as FingerprintRow | undefined;
  return row ? toStored(row) : null;
}

/**
 * The fingerprints of the channel with `subject` created in [from, to], newest first, without
 * `excludeId`; with the tasks' titles and statuses. Every comparison of the duplicate guard starts
 * with the subject (policy/duplicate-guard.ts), so only these can match (idx_task_fingerprints_subject).
 */
export function recentFingerprints(db: Db, channel: string, subject: string, from: string, to: string, excludeId: string, limit = comparedPerCheck): EarlierTask[] {
  const rows = stmt(
    db,
    `SELECT f.*, t.title, t.status, t.dry_run_verdict IS NOT NULL AS rehearsed FROM task_fingerprints f JOIN squad_tasks t ON t.id = f.task_id
     WHERE f.channel = ? AND f.subject = ? AND f.created_at >= ? AND f.created_at <= ? AND f.task_id <> ? AND f.kind <> 'none'
     ORDER BY f.created_at DESC LIMIT ${Math.max(0, Math.trunc(limit))}`,
    // The limit is in the text (one cached statement per limit; callers use comparedPerCheck):
    // bound as a parameter, SQLite's scan of the window cost a fifth more.
  ).all(channel, subject, from, to, excludeId) as (FingerprintRow & { title: string; status: string; rehearsed: number })[];
  return rows.map((row) => ({ taskId: row.task_id, title: row.title, status: row.status, createdAt: row.created_at, fingerprint: toStored(row).fingerprint, rehearsed: row.rehearsed === 1 }));
}

/** Writes (or, after an edit, replaces the compared part of) a task's fingerprint; the duplicate verdict is kept unless given. */
export function saveFingerprint(db: Db, taskId: string, fingerprint: Fingerprint, createdAt: string, duplicate?: { of: string; reason: string } | null): void {
  stmt(
    db,
    `INSERT INTO task_fingerprints (task_id, channel, kind, subject, body, created_at, duplicate_of, duplicate_reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (task_id) DO UPDATE SET channel = excluded.channel, kind = excluded.kind, subject = excluded.subject, body = excluded.body`,
  ).run(taskId, fingerprint.channel, fingerprint.kind, fingerprint.subject, fingerprint.body, createdAt, duplicate?.of ?? null, duplicate?.reason ?? null);
}

/** "Not a duplicate": Kenny approved it anyway. */
export function clearDuplicate(db: Db, taskId: string, by: string, now: Date): boolean {
  return stmt(db, 'UPDATE task_fingerprints SET cleared_by = ?, cleared_at = ? WHERE task_id = ? AND duplicate_of IS NOT NULL AND cleared_at IS NULL').run(by, now.toISOString(), taskId).changes === 1;
}

/** Tasks held as possible duplicates of this one (the other direction of the link). */
export function duplicatesOf(db: Db, taskId: string, limit = 20): { taskId: string; title: string; status: string; reason: string | null; clearedBy: string | null }[] {
  const rows = stmt(
    db,
    `SELECT f.task_id, f.duplicate_reason, f.cleared_by, t.title, t.status FROM task_fingerprints f JOIN squad_tasks t ON t.id = f.task_id
     WHERE f.duplicate_of = ? ORDER BY f.created_at LIMIT ?`,
  ).all(taskId, limit) as { task_id: string; duplicate_reason: string | null; cleared_by: string | null; title: string; status: string }[];
  return rows.map((row) => ({ taskId: row.task_id, title: row.title, status: row.status, reason: row.duplicate_reason, clearedBy: row.cleared_by }));
}
