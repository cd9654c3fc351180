/**
 * sync_state: the sync's key/value settings and flags (cursors, the outbox switch, the
 * "applying a remote change" flag, parked outbox triggers).
 */
import type { Db } from '../db/open-db';
import { stmt } from '../db/statements';

export function getSyncState(db: Db, key: string): string | null {
  const row = stmt(db, 'SELECT value FROM sync_state WHERE key = ?').get(key) as { value: string } | undefined;
  return row?.value ?? null;
}

export function setSyncState(db: Db, key: string, value: string): void {
  stmt(db, 
    `INSERT INTO sync_state (key, value, updated_at) VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(key, value);
}
