/**
 * global_pause both ways. The remote value is applied locally only when it changed since the last
 * pull saw it (so a stale remote value never undoes a local toggle that is still queued); a local
 * toggle reaches the remote through the outbox (entity 'config').
 */
import type pg from 'pg';
import type { Db } from '../db/open-db';
import { applyingRemote, hasPendingConfig } from './local-state';
import { getSyncState, setSyncState } from './sync-state';

/** How the sync sets the local pause: through the engine (so it reacts at once) or the database. */
export type SetPaused = (paused: boolean, by: string) => Promise<void>;

export interface PausePullResult {
  /** The new local value when the remote changed it; null when nothing changed. */
  changedTo: boolean | null;
}

/** Reads the remote global_pause; paused means exactly JSON true (cloud-contract.md). */
export async function pullPause(db: Db, client: pg.ClientBase, setPaused: SetPaused): Promise<PausePullResult> {
  const res = await client.query<{ value: string }>(`SELECT value::text AS value FROM agent_configs WHERE key = 'global_pause'`);
  const raw = res.rows[0]?.value ?? null;
  if (raw === null) return { changedTo: null };
  const lastSeen = getSyncState(db, 'remote_global_pause');
  if (lastSeen === raw) return { changedTo: null };
  if (hasPendingConfig(db, 'global_pause')) return { changedTo: null };
  const remotePaused = isPaused(raw);
  const localPaused = localPause(db);
  // First contact: a remote pause applies; a remote "not paused" does not undo a local pause.
  const apply = lastSeen === null ? remotePaused && !localPaused : remotePaused !== localPaused;
  if (apply) await setPaused(remotePaused, 'Supabase');
  setSyncState(db, 'remote_global_pause', raw);
  return { changedTo: apply ? remotePaused : null };
}

function isPaused(jsonText: string): boolean {
  try {
    return JSON.parse(jsonText) === true;
  } catch {
    return false;
  }
}

export function localPause(db: Db): boolean {
  const row = db.prepare(`SELECT value FROM agent_configs WHERE key = 'global_pause'`).get() as { value: string } | undefined;
  return row ? isPaused(row.value) : false;
}

/** Without an engine (the `sync` command): write agent_configs directly, not queued for push. */
export function databaseSetPaused(db: Db): SetPaused {
  return async (paused) => {
    applyingRemote(db, () => {
      db.prepare(
        `INSERT INTO agent_configs (key, value, updated_at) VALUES ('global_pause', ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
         ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
      ).run(JSON.stringify(paused));
    });
  };
}
