/**
 * tasks:create idempotency keys, as Stripe does: a client that retries after a lost reply sends
 * the same key and gets the task the first call created; the same key with different fields is
 * refused (409), since it is a different request. Keys are kept for good (one short row each).
 */
import { createHash } from 'node:crypto';
import { conflict } from '../errors';
import type { Db } from '../db/open-db';
import { stmt } from '../db/statements';

function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value as Record<string, unknown>)
        .filter(([, v]) => v !== undefined)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([k, v]) => [k, canonical(v)]),
    );
  }
  return value;
}

/** SHA-256 of the request's fields with keys sorted (field order does not matter). */
export function requestHash(fields: unknown): string {
  return createHash('sha256').update(JSON.stringify(canonical(fields))).digest('hex');
}

/** The task id created earlier with `key`, or null; 409 when the key came with other fields. */
export function findIdempotentTask(db: Db, key: string, fields: unknown): string | null {
  const row = stmt(db, 'SELECT request_hash, task_id FROM task_idempotency_keys WHERE key = ?').get(key) as { request_hash: string; task_id: string } | undefined;
  if (!row) return null;
  if (row.request_hash !== requestHash(fields)) {
    throw conflict(`Idempotency key "${key.slice(0, 100)}" was used with different fields for task ${row.task_id}; use a new key for a new task.`);
  }
  return row.task_id;
}

/** Records the key in the transaction that creates the task (a concurrent twin fails on the primary key). */
export function rememberIdempotencyKey(db: Db, key: string, fields: unknown, taskId: string): void {
  stmt(db, 'INSERT INTO task_idempotency_keys (key, request_hash, task_id) VALUES (?, ?, ?)').run(key, requestHash(fields), taskId);
}
