/**
 * Push: drains the local outbox in id order, a batch per remote transaction. Each row runs under
 * a savepoint: a row the remote refuses for good (a constraint, a non-uuid id) is marked dead and
 * the queue moves on; a lost connection aborts the batch, which stays queued and is replayed
 * later (every write is idempotent: inserts are ON CONFLICT DO NOTHING, updates set values).
 */
import type pg from 'pg';
import type { Db } from '../db/open-db';
import { isConnectionError } from './connection';
import { noteOutboxFailure, pendingOutbox, settleOutbox, type OutboxRow } from './local-state';
import { isContentEntity, pushContentRow, type RemoteColumns } from './push-content';
import { applyTaskInsert, applyTaskUpdate } from './push-task';

export interface PushOptions {
  executorId: string;
  leaseMs: number;
  /** Rows per remote transaction. Default: 200. */
  batchSize?: number;
}

export interface PushResult {
  /** Rows the remote accepted. */
  pushed: number;
  /** Task changes the remote's conflict rules turned away (claimed elsewhere, decided already). */
  refused: number;
  /** Rows the remote rejected for good (kept, marked dead, shown in the status). */
  dead: number;
}

/** Drains everything queued. Throws on a connection error after settling what was committed. */
export async function drainOutbox(db: Db, pool: pg.Pool, options: PushOptions): Promise<PushResult> {
  const result: PushResult = { pushed: 0, refused: 0, dead: 0 };
  for (;;) {
    const rows = pendingOutbox(db, options.batchSize ?? 200);
    if (rows.length === 0) return result;
    await pushBatch(db, pool, rows, options, result);
  }
}

async function pushBatch(db: Db, pool: pg.Pool, rows: OutboxRow[], options: PushOptions, result: PushResult): Promise<void> {
  const done: number[] = [];
  const dead: { id: number; error: string }[] = [];
  let refused = 0;
  let client: pg.PoolClient | undefined;
  try {
    client = await pool.connect();
    await client.query('BEGIN');
    const remoteColumns: RemoteColumns = new Map();
    for (const row of rows) {
      await client.query('SAVEPOINT outbox_row');
      try {
        const accepted = await pushRow(db, client, row, options, remoteColumns);
        if (!accepted) refused += 1;
        await client.query('RELEASE SAVEPOINT outbox_row');
        done.push(row.id);
      } catch (error) {
        if (isConnectionError(error)) throw error;
        await client.query('ROLLBACK TO SAVEPOINT outbox_row');
        dead.push({ id: row.id, error: (error as Error).message });
      }
    }
    await client.query('COMMIT');
  } catch (error) {
    client?.release(true);
    client = undefined;
    noteOutboxFailure(db, rows.map((r) => r.id), (error as Error).message);
    throw error;
  } finally {
    client?.release();
  }
  settleOutbox(db, done, dead);
  result.pushed += done.length - refused;
  result.refused += refused;
  result.dead += dead.length;
}

/** Returns false when the remote's rules turned the change away (not an error). */
async function pushRow(db: Db, client: pg.ClientBase, row: OutboxRow, options: PushOptions, remoteColumns: RemoteColumns): Promise<boolean> {
  const payload = JSON.parse(row.payload) as Record<string, unknown>;
  if (isContentEntity(row.entity)) return pushContentRow(client, row.entity, row.entity_id, row.op, JSON.parse(row.changed) as string[], payload, remoteColumns);
  switch (row.entity) {
    case 'task':
      if (row.op === 'insert') return applyTaskInsert(client, row.entity_id, payload);
      return applyTaskUpdate(client, row.entity_id, JSON.parse(row.changed) as string[], payload, {
        executorId: options.executorId,
        leaseMs: options.leaseMs,
        localOrigin: localOrigin(db, row.entity_id),
      });
    case 'log':
      await client.query(
        `INSERT INTO agent_logs (id, agent_name, log_level, event_type, message, error_details, context, workflow_id, "timestamp", created_at)
         VALUES ($1::uuid, $2, $3, $4, $5, $6::jsonb, $7::jsonb, $8, $9::timestamptz, $10::timestamptz) ON CONFLICT (id) DO NOTHING`,
        [payload.id, payload.agent_name, payload.log_level, payload.event_type, payload.message, jsonParam(payload.error_details), jsonParam(payload.context) ?? '{}', payload.workflow_id, payload.timestamp, payload.created_at],
      );
      return true;
    case 'alert':
      await client.query(
        `INSERT INTO alerts (id, type, severity, title, message, metadata, created_at)
         VALUES ($1::uuid, $2, $3, $4, $5, $6::jsonb, $7::timestamptz) ON CONFLICT (id) DO NOTHING`,
        [payload.id, payload.type, payload.severity, payload.title, payload.message, jsonParam(payload.metadata), payload.created_at],
      );
      return true;
    case 'message':
      // Feedback to an agent (api/owner-feedback.ts), into the cloud's activity feed.
      await client.query(
        `INSERT INTO squad_messages (id, from_agent, to_agent, message, task_id, data, created_at)
         VALUES ($1::uuid, $2, $3, $4, $5::uuid, $6::jsonb, $7::timestamptz) ON CONFLICT (id) DO NOTHING`,
        [payload.id, payload.from_agent, payload.to_agent, payload.message, payload.task_id, jsonParam(payload.data), payload.created_at],
      );
      return true;
    case 'config':
      await client.query(
        `INSERT INTO agent_configs (key, value, updated_at) VALUES ($1, $2::jsonb, now())
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = now()`,
        [payload.key, jsonParam(payload.value)],
      );
      return true;
    default:
      throw new Error(`Unknown outbox entity ${String(row.entity)}`);
  }
}

function localOrigin(db: Db, taskId: string): boolean {
  const row = db.prepare('SELECT origin FROM squad_tasks WHERE id = ?').get(taskId) as { origin: string } | undefined;
  return row?.origin === 'local';
}

/** Local JSON text as a jsonb parameter; text that is not JSON is sent as a JSON string. */
function jsonParam(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value !== 'string') return JSON.stringify(value);
  try {
    JSON.parse(value);
    return value;
  } catch {
    return JSON.stringify(value);
  }
}
