/**
 * agent_configs: key -> JSON value, the cloud's settings table (global_pause lives here).
 */
import type { Db } from '../db/open-db';
import { stmt } from '../db/statements';

/** All stored values, JSON-parsed; a value that is not valid JSON is reported as raw text. */
export function readConfigs(db: Db): Map<string, { value: unknown; valid: boolean }> {
  const rows = stmt(db, 'SELECT key, value FROM agent_configs').all() as { key: string; value: string }[];
  const result = new Map<string, { value: unknown; valid: boolean }>();
  for (const row of rows) {
    try {
      result.set(row.key, { value: JSON.parse(row.value), valid: true });
    } catch {
      result.set(row.key, { value: row.value, valid: false });
    }
  }
  return result;
}

export function writeConfig(db: Db, key: string, value: unknown, now: Date): void {
  stmt(
    db,
    `INSERT INTO agent_configs (key, value, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
  ).run(key, JSON.stringify(value), now.toISOString());
}
