/**
 * One pull-and-push round, in the order that keeps local decisions safe: renew our leases, push
 * the outbox (local changes are newer than what the pull would bring), then pull tasks and
 * global_pause, then push whatever the pull caused (a pause toggled through the engine).
 */
import type pg from 'pg';
import type { Db } from '../db/open-db';
import { appendLog } from '../store/logs';
import { adoptOwnLeases, renewLeases } from './claim';
import { applyContent, fetchContent, liveReferences, type ContentPullState } from './content-pull';
import { applyingRemote, pendingOutbox } from './local-state';
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
  /** Remote content tables found missing (kept by the service across rounds: each is reported once). */
  missingContentTables?: Set<string>;
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
  const content: ContentPullState = { missingTables: input.missingContentTables ?? new Set(), warnings: [] };
  let contentRows = 0;
  try {
    const refreshed = await pullTaskIds(db, client, input.refreshIds ?? [], executorId, content);
    pulled = await pullTasks(db, client, { executorId, onProgress: input.onProgress, content });
    // Later changes (and deletions) of rows that tasks still waiting or running point to.
    const later = await fetchContent(db, client, liveReferences(db), content);
    contentRows = pulled.content + refreshed.content + (later.rows.length + later.gone.length ? applyingRemote(db, () => applyContent(db, later)) : 0);
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
  for (const warning of content.warnings) {
    appendLog(db, { agentName: 'Supabase sync', level: 'warning', eventType: 'sync_content_table_missing', message: warning }, new Date());
  }
  return { ...pulled, ...push, contentRows, contentWarnings: content.warnings, pause: pause.changedTo, durationMs: Date.now() - started };
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
