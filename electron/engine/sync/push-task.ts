/**
 * Pushing one queued task change to the remote squad_tasks, column group by column group, each
 * under its conflict rule (docs/sync.md):
 * - content (title, description, metadata, ...): applied as is;
 * - approve: kept if the remote has no approval yet (the first decision keeps its author/time);
 * - reject: its author/time/reason are always kept; the status becomes 'rejected' only while the
 *   task has not started anywhere (reject beats approve before execution);
 * - execution columns: only when this desktop holds the remote claim, or nobody does and the
 *   task is not running anywhere (a requeue or cancel of a waiting task).
 */
import type pg from 'pg';
import { contentColumns, executionColumns, pgType, toRemoteParam, type CloudTaskColumn } from './task-columns';

const insertColumns = ['created_at', ...contentColumns, 'approved_by', 'approved_at', 'rejected_by', 'rejected_at', 'rejection_reason', ...executionColumns] as const;

/** A task created on this desktop: inserted once (a replay finds it there and changes nothing). */
export async function applyTaskInsert(client: pg.ClientBase, id: string, payload: Record<string, unknown>): Promise<boolean> {
  const params = [id, ...insertColumns.map((c) => toRemoteParam(c, payload[c]))];
  const placeholders = insertColumns.map((c, i) => `$${i + 2}::${pgType(c)}`);
  await client.query(
    `INSERT INTO squad_tasks (id, ${insertColumns.join(', ')}) VALUES ($1::uuid, ${placeholders.join(', ')}) ON CONFLICT (id) DO NOTHING`,
    params,
  );
  return true;
}

export interface TaskUpdateContext {
  executorId: string;
  leaseMs: number;
  /** The task was created on this desktop (it may run here without ever having been claimed remotely). */
  localOrigin: boolean;
}

/** Returns false when a rule turned (part of) the change away. */
export async function applyTaskUpdate(
  client: pg.ClientBase,
  id: string,
  changed: string[],
  payload: Record<string, unknown>,
  context: TaskUpdateContext,
): Promise<boolean> {
  const has = (column: string) => changed.includes(column);
  let accepted = true;

  const content = contentColumns.filter(has);
  if (content.length) {
    await update(client, id, content, payload, 'TRUE');
  }

  if (has('approved_at') && payload.approved_at != null) {
    await update(client, id, ['approved_by', 'approved_at'], payload, 'approved_at IS NULL');
  }

  const rejecting = has('rejected_at') && payload.rejected_at != null;
  if (rejecting) {
    const params = [id, payload.rejected_by ?? null, payload.rejected_at, payload.rejection_reason ?? null];
    const free = `(mc_lease_expires_at IS NULL OR mc_lease_expires_at < now())`;
    const statusSql = payload.status === 'rejected' ? `, status = CASE WHEN status = 'new' AND ${free} THEN 'rejected' ELSE status END` : '';
    const res = await client.query(
      `UPDATE squad_tasks SET rejected_by = $2, rejected_at = $3::timestamptz, rejection_reason = $4${statusSql}
       WHERE id = $1::uuid AND rejected_at IS NULL RETURNING status`,
      params,
    );
    if (res.rowCount === 0 || (payload.status === 'rejected' && res.rows[0]?.status !== 'rejected')) accepted = false;
  }

  const execution = executionColumns.filter((c) => has(c) && !(c === 'status' && rejecting && payload.status === 'rejected'));
  if (execution.length) {
    const status = execution.includes('status') ? (payload.status as string) : null;
    const base = execution.length + 2;
    const sets = execution.map((c, i) => `${c} = $${i + 2}::${pgType(c)}`);
    // Leaving in_progress ends the lease (the owner stays, as the record of who ran it).
    if (status === 'in_progress') {
      sets.push(`mc_lease_owner = coalesce(mc_lease_owner, $${base}), mc_lease_expires_at = coalesce(mc_lease_expires_at, now() + $${base + 1}::interval)`);
    } else if (status) {
      sets.push('mc_lease_expires_at = NULL');
    }
    const claimerOnly = `(mc_lease_owner = $${base} OR ((mc_lease_expires_at IS NULL OR mc_lease_expires_at < now()) AND status <> 'in_progress'${
      context.localOrigin ? '' : ` AND ${status === 'in_progress' ? 'FALSE' : 'TRUE'}`
    }))`;
    const params = [id, ...execution.map((c) => toRemoteParam(c, payload[c])), context.executorId];
    if (status === 'in_progress') params.push(`${context.leaseMs} milliseconds`);
    const res = await client.query(`UPDATE squad_tasks SET ${sets.join(', ')} WHERE id = $1::uuid AND ${claimerOnly}`, params);
    if (res.rowCount === 0) accepted = false;
  }
  return accepted;
}

async function update(client: pg.ClientBase, id: string, columns: readonly CloudTaskColumn[], payload: Record<string, unknown>, guard: string): Promise<number> {
  const sets = columns.map((c, i) => `${c} = $${i + 2}::${pgType(c)}`);
  const res = await client.query(
    `UPDATE squad_tasks SET ${sets.join(', ')} WHERE id = $1::uuid AND ${guard}`,
    [id, ...columns.map((c) => toRemoteParam(c, payload[c]))],
  );
  return res.rowCount ?? 0;
}
