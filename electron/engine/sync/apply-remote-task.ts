/**
 * Applies one pulled squad_tasks row to the local store under the written conflict rules
 * (docs/sync.md). Must run inside `applyingRemote` so nothing here is pushed back.
 *
 * - A task running here is never changed mid-flight: the remote edit is recorded as a decision.
 * - Columns with local changes still queued for push keep the local value (they are newer).
 * - Approve/reject from the remote are kept with author and time; a reject applies only while
 *   the task has not started executing (reject beats approve before execution).
 * - Execution columns come from the remote unless this desktop holds the remote claim.
 * - A task the remote says is claimed by another executor shows that claim locally.
 */
import type { Db } from '../db/open-db';
import { stmt } from '../db/statements';
import { pendingTaskColumns } from './local-state';
import { cloudTaskColumns, contentColumns, executionColumns, sameValue, toLocalValues, type CloudTaskColumn, type RemoteTaskRow } from './task-columns';

export type ApplyOutcome = 'inserted' | 'updated' | 'unchanged' | 'recorded';

/** Actor recorded for decisions that arrive from the cloud without an author. */
export const remoteActor = 'Supabase';

type LocalRow = Record<CloudTaskColumn, unknown> & { id: string; lease_owner: string | null; lease_expires_at: string | null; hold_reason: string | null };

export function applyRemoteTask(db: Db, remote: RemoteTaskRow, executorId: string): ApplyOutcome {
  const seen = stmt(db, 'SELECT remote_updated_at FROM sync_tasks WHERE task_id = ?').get(remote.id) as { remote_updated_at: string | null } | undefined;
  if (seen && seen.remote_updated_at === remote.updated_at_raw) return 'unchanged';
  rememberRemote(db, remote);
  const values = toLocalValues(remote);
  const claim = foreignClaim(remote, executorId);
  const local = stmt(db, 'SELECT * FROM squad_tasks WHERE id = ?').get(remote.id) as LocalRow | undefined;

  if (!local) {
    const columns = ['id', 'created_at', 'origin', 'lease_owner', 'lease_expires_at', 'hold_reason', ...cloudTaskColumns];
    const params = [remote.id, remote.created_at ?? new Date().toISOString(), 'supabase', claim?.owner ?? null, claim?.expiresAt ?? null, claim?.reason ?? null, ...cloudTaskColumns.map((c) => values[c])];
    stmt(db, `INSERT INTO squad_tasks (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`).run(...params);
    return 'inserted';
  }

  const differing = cloudTaskColumns.filter((c) => !sameValue(c, local[c], values[c]));
  const pending = pendingTaskColumns(db, remote.id);
  const runningHere = local.status === 'in_progress' && local.lease_owner === executorId;
  if (runningHere) {
    // Differences still queued for push are our own newer values, not remote edits.
    const foreign = differing.filter((c) => !pending.has(c));
    if (foreign.length === 0) return 'unchanged';
    recordDecision(db, remote.id, 'edited', remoteActor, 'Changed on Supabase while running here: recorded, not applied', {
      remote: Object.fromEntries(foreign.map((c) => [c, values[c]])),
    });
    // Execution columns belong to the claimer: queue ours again so the remote shows the truth.
    const ours = foreign.filter((c) => (executionColumns as readonly string[]).includes(c));
    if (ours.length) {
      stmt(db, `INSERT INTO sync_outbox (entity, entity_id, op, changed, payload) VALUES ('task', ?, 'update', ?, ?)`).run(
        remote.id,
        JSON.stringify(ours),
        JSON.stringify(Object.fromEntries(ours.map((c) => [c, local[c]]))),
      );
    }
    return 'recorded';
  }

  const changes: Partial<Record<string, unknown>> = {};
  const take = (column: CloudTaskColumn) => {
    if (!pending.has(column) && !sameValue(column, local[column], values[column])) changes[column] = values[column];
  };
  for (const column of contentColumns) take(column);

  if (values.approved_at && !local.approved_at && !pending.has('approved_at')) {
    changes.approved_by = values.approved_by;
    changes.approved_at = values.approved_at;
    recordDecision(db, remote.id, 'approved', String(values.approved_by ?? remoteActor), null, { source: 'supabase', at: values.approved_at });
  }
  const rejectedRemotely = values.rejected_at && !local.rejected_at && !pending.has('rejected_at');
  if (rejectedRemotely) {
    changes.rejected_by = values.rejected_by;
    changes.rejected_at = values.rejected_at;
    changes.rejection_reason = values.rejection_reason;
    const notStarted = local.status === 'new';
    if (notStarted) changes.status = 'rejected';
    recordDecision(db, remote.id, 'rejected', String(values.rejected_by ?? remoteActor), (values.rejection_reason as string | null) ?? null, {
      source: 'supabase',
      at: values.rejected_at,
      ...(notStarted ? {} : { applied: false, note: `task was already ${String(local.status)}` }),
    });
  }

  const weHoldClaim = remote.mc_lease_owner === executorId && remote.mc_lease_active;
  if (!weHoldClaim && !(rejectedRemotely && changes.status === 'rejected')) {
    for (const column of executionColumns) take(column);
  }

  const status = (changes.status ?? local.status) as string;
  if (claim && status === 'in_progress') {
    changes.lease_owner = claim.owner;
    changes.lease_expires_at = claim.expiresAt;
    changes.hold_reason = claim.reason;
  } else if (local.lease_owner && local.lease_owner !== executorId && status !== 'in_progress') {
    changes.lease_owner = null;
    changes.lease_expires_at = null;
    if (local.hold_reason?.startsWith('Claimed on Supabase') || local.hold_reason?.startsWith('Running on')) changes.hold_reason = null;
  }

  const keys = Object.keys(changes);
  if (keys.length === 0) return 'unchanged';
  stmt(db, `UPDATE squad_tasks SET ${keys.map((k) => `${k} = ?`).join(', ')}, updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now') WHERE id = ?`).run(
    ...keys.map((k) => changes[k]),
    remote.id,
  );
  return 'updated';
}

/** Who else holds the task, as the local lease columns should show it (null: nobody else). */
function foreignClaim(remote: RemoteTaskRow, executorId: string): { owner: string; expiresAt: string | null; reason: string } | null {
  if (remote.status !== 'in_progress') return null;
  if (remote.mc_lease_owner && remote.mc_lease_owner !== executorId) {
    return {
      owner: remote.mc_lease_owner,
      expiresAt: remote.mc_lease_expires_at,
      reason: `Claimed on Supabase by ${remote.mc_lease_owner}${remote.mc_lease_expires_at ? ` (lease until ${remote.mc_lease_expires_at})` : ''}`,
    };
  }
  if (!remote.mc_lease_owner) {
    // The cloud's own executor marks tasks in_progress without a lease.
    // No expiry it could be recovered by: only the cloud (or a person there) can finish it.
    return { owner: 'supabase:cloud-executor', expiresAt: '9999-12-31T23:59:59.999Z', reason: 'Running on the cloud executor (in_progress on Supabase, no lease)' };
  }
  return null;
}

function rememberRemote(db: Db, remote: RemoteTaskRow): void {
  stmt(db, 
    `INSERT INTO sync_tasks (task_id, remote_updated_at, remote_status, remote_lease_owner, remote_lease_expires_at, seen_at)
     VALUES (?, ?, ?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
     ON CONFLICT (task_id) DO UPDATE SET remote_updated_at = excluded.remote_updated_at, remote_status = excluded.remote_status,
       remote_lease_owner = excluded.remote_lease_owner, remote_lease_expires_at = excluded.remote_lease_expires_at, seen_at = excluded.seen_at`,
  ).run(remote.id, remote.updated_at_raw, remote.status, remote.mc_lease_owner, remote.mc_lease_expires_at);
}

/** Forgets the remote version so the next pull applies the row again (after a refused claim). */
export function forgetRemoteVersion(db: Db, taskId: string): void {
  stmt(db, 'UPDATE sync_tasks SET remote_updated_at = NULL WHERE task_id = ?').run(taskId);
}

export function recordDecision(db: Db, taskId: string, kind: string, actor: string, reason: string | null, details: Record<string, unknown>): void {
  stmt(db, 'INSERT INTO task_decisions (task_id, kind, actor, reason, details) VALUES (?, ?, ?, ?, ?)').run(taskId, kind, actor, reason, JSON.stringify(details));
}
