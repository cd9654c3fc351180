/**
 * One pull-and-push round, in the order that keeps local decisions safe: renew our leases, push
 * the outbox (local changes are newer than what the pull would bring), then pull tasks and
 * global_pause, then push whatever the pull caused (a pause toggled through the engine).
 */
import type pg from 'pg';
import type { Db } from '../db/open-db';
import { adoptOwnLeases, renewLeases } from './claim';
import { pendingOutbox } from './local-state';
import { pullPause, type SetPaused } from './pause';
import { pullTaskIds, pullTasks, type PullProgress } from './pull';
import { drainOutbox } from './push';
import { remoteMigrationSql } from './remote-migration';
import type { SyncRound } from '../../../shared/sync-status';

export interface RoundInput {
  db: Db;
  pool: pg.Pool;
  executorId: string;
  leaseMs: number;
  /** Apply the additive remote migration first (once per connection lifetime; it is idempotent). */
  migrate: boolean;
  /** Tasks to re-read now (a claim was refused: the remote state should land at once). */
  refreshIds?: string[];
  setPaused: SetPaused;
  onProgress?: (progress: PullProgress) => void;
}

export async function runRound(input: RoundInput): Promise<SyncRound> {
  const started = Date.now();
  const { db, pool, executorId, leaseMs } = input;
  if (input.migrate) {
    await applyRemoteMigration(pool);
    await adoptOwnLeases(pool, executorId);
  }
  await renewLeases(db, pool, { executorId, leaseMs });
  const push = await drainOutbox(db, pool, { executorId, leaseMs });
  const client = await pool.connect();
  let pulled;
  let pause;
  try {
    const refreshed = await pullTaskIds(db, client, input.refreshIds ?? [], executorId);
    pulled = await pullTasks(db, client, { executorId, onProgress: input.onProgress });
    pulled = {
      read: pulled.read + refreshed.read,
      inserted: pulled.inserted + refreshed.inserted,
      updated: pulled.updated + refreshed.updated,
      recorded: pulled.recorded + refreshed.recorded,
      pullFailed: pulled.failed + refreshed.failed,
      pullErrors: [...refreshed.errors, ...pulled.errors].slice(0, 20),
    };
    pause = await pullPause(db, client, input.setPaused);
  } catch (error) {
    client.release(true);
    throw error;
  }
  client.release();
  if (pendingOutbox(db, 1).length > 0) {
    const again = await drainOutbox(db, pool, { executorId, leaseMs });
    push.pushed += again.pushed;
    push.refused += again.refused;
    push.dead += again.dead;
  }
  return { ...pulled, ...push, pause: pause.changedTo, durationMs: Date.now() - started };
}

/** Applies remote-migration.ts in one transaction (idempotent; takes an advisory lock). */
export async function applyRemoteMigration(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    await client.query(remoteMigrationSql);
    await client.query('COMMIT');
    client.release();
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    client.release(true);
    throw new Error(`Applying Mission Control's remote migration failed: ${(error as Error).message}`, { cause: error });
  }
}
