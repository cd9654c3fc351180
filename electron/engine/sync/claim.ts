/**
 * Remote claim: before this desktop executes a task that exists on Supabase, one UPDATE moves it
 * to in_progress with our lease, only if it is still free (compare-and-swap). A second claimer,
 * another desktop or the cloud's executor, sees 0 rows and does not run it.
 */
import type pg from 'pg';
import type { Db } from '../db/open-db';
import { ownerIsDead } from '../executor/executor-id';
import { isConnectionError } from './connection';
import { isUuid } from './task-columns';

export type GuardResult = { ok: true } | { ok: false; reason: string };

export interface ClaimOptions {
  executorId: string;
  /** Lease length. Default: settings.leaseMs (10 minutes). */
  leaseMs: number;
}

export interface ClaimTask {
  id: string;
  origin: string;
}

/**
 * Claims `task` on the remote. Tasks that never were remote (a local task not pushed yet, a
 * non-uuid id) pass. A task from Supabase that cannot be claimed (claimed elsewhere, rejected,
 * gone, or the remote unreachable) does not run: running it blind could run it twice.
 */
export async function claimRemote(pool: pg.Pool, task: ClaimTask, options: ClaimOptions): Promise<GuardResult & { refresh?: boolean }> {
  if (!isUuid(task.id)) return { ok: true };
  let row: { status: string; mc_lease_owner: string | null; rejected_by: string | null; rejected_at: string | null } | undefined;
  try {
    // compare-and-swap: free means new (or our own), or in_progress under an expired lease of a
    // desktop; in_progress without a lease is the cloud executor's and is never taken.
    const claimed = await pool.query(
      `UPDATE squad_tasks SET status = 'in_progress', mc_lease_owner = $2, mc_lease_expires_at = now() + $3::interval
       WHERE id = $1::uuid AND rejected_at IS NULL AND (
         (status = 'new' AND (mc_lease_expires_at IS NULL OR mc_lease_expires_at < now() OR mc_lease_owner = $2))
         OR (status = 'in_progress' AND mc_lease_owner IS NOT NULL AND (mc_lease_owner = $2 OR mc_lease_expires_at < now())))
       RETURNING id`,
      [task.id, options.executorId, `${options.leaseMs} milliseconds`],
    );
    if (claimed.rowCount === 1) return { ok: true };
    // A new statement sees the winner's commit (the UPDATE's own snapshot may predate it).
    const current = await pool.query(`SELECT status, mc_lease_owner, rejected_by, rejected_at::text FROM squad_tasks WHERE id = $1::uuid`, [task.id]);
    row = current.rows[0];
  } catch (error) {
    if (task.origin !== 'supabase' && isConnectionError(error)) return { ok: true };
    const why = isConnectionError(error) ? 'Supabase unreachable' : 'Remote claim failed';
    return { ok: false, reason: `${why}, so this synced task does not run yet: ${(error as Error).message}` };
  }
  if (!row) {
    return task.origin === 'supabase' ? { ok: false, reason: 'No longer on Supabase (deleted there); not run', refresh: false } : { ok: true };
  }
  if (row.rejected_at) return { ok: false, reason: `Rejected on Supabase by ${row.rejected_by ?? 'someone'}`, refresh: true };
  if (row.status === 'in_progress') {
    const by = row.mc_lease_owner ?? 'the cloud executor';
    return { ok: false, reason: `Claimed on Supabase by ${by}`, refresh: true };
  }
  return { ok: false, reason: `Already ${row.status} on Supabase`, refresh: true };
}

/** Extends the leases of tasks running here, so a long execution is not taken over. */
export async function renewLeases(db: Db, pool: pg.Pool, options: ClaimOptions): Promise<number> {
  const ids = (
    db.prepare(`SELECT id FROM squad_tasks WHERE status = 'in_progress' AND lease_owner = ?`).all(options.executorId) as { id: string }[]
  )
    .map((r) => r.id)
    .filter(isUuid);
  if (ids.length === 0) return 0;
  const res = await pool.query(
    `UPDATE squad_tasks SET mc_lease_expires_at = now() + $3::interval
     WHERE id = ANY($1::uuid[]) AND mc_lease_owner = $2 AND status = 'in_progress'`,
    [ids, options.executorId, `${options.leaseMs} milliseconds`],
  );
  return res.rowCount ?? 0;
}

/**
 * After a crash or restart this desktop has a new executor id; remote leases held by its earlier
 * processes (same host, process gone) become ours, so local recovery's results can be pushed and
 * the task re-claimed without waiting for the lease to run out.
 */
export async function adoptOwnLeases(pool: pg.Pool, executorId: string): Promise<number> {
  const host = executorId.split('/')[0] ?? '';
  const pattern = `${host.replace(/[\\%_]/g, (c) => `\\${c}`)}/%`;
  const owners = await pool.query<{ owner: string }>(
    `SELECT DISTINCT mc_lease_owner AS owner FROM squad_tasks WHERE status = 'in_progress' AND mc_lease_owner LIKE $1 AND mc_lease_owner <> $2`,
    [pattern, executorId],
  );
  const dead = owners.rows.map((r) => r.owner).filter((owner) => ownerIsDead(owner));
  if (dead.length === 0) return 0;
  const res = await pool.query(`UPDATE squad_tasks SET mc_lease_owner = $1 WHERE status = 'in_progress' AND mc_lease_owner = ANY($2::text[])`, [executorId, dead]);
  return res.rowCount ?? 0;
}
