/**
 * Pushing queued content write-backs (migration 0007's triggers) to the cloud's rows, as the cloud
 * executor wrote them: updates by id (metadata merged into what the remote holds, other columns
 * set), inserts (outreach_tracking) ON CONFLICT (id) DO NOTHING, so a replayed batch changes
 * nothing. Columns are cast to the remote's own types, read from its catalog, so either shape of
 * newsletter_drafts / influencer_opportunities takes the columns it has; the others are left out.
 */
import type pg from 'pg';
import { contentTables, type ContentTable } from '../channels/types';

export const isContentEntity = (entity: string): entity is ContentTable => (contentTables as readonly string[]).includes(entity);

/** Remote column types per table (udt names: uuid, text, jsonb, _text, timestamptz, int4...), per push batch. */
export type RemoteColumns = Map<string, Map<string, string>>;

async function columnsOf(client: pg.ClientBase, table: string, cache: RemoteColumns): Promise<Map<string, string>> {
  let columns = cache.get(table);
  if (!columns) {
    const result = await client.query<{ column_name: string; udt_name: string }>(
      `SELECT column_name, udt_name FROM information_schema.columns WHERE table_schema = current_schema() AND table_name = $1`,
      [table],
    );
    columns = new Map(result.rows.map((r) => [r.column_name, r.udt_name]));
    cache.set(table, columns);
  }
  if (columns.size === 0) throw new Error(`Supabase has no table ${table}: this write-back cannot be pushed`);
  return columns;
}

/** Returns false when the remote row no longer exists (deleted on the cloud): nothing to update. */
export async function pushContentRow(
  client: pg.ClientBase,
  table: ContentTable,
  id: string,
  op: string,
  changed: string[],
  payload: Record<string, unknown>,
  cache: RemoteColumns,
): Promise<boolean> {
  const remote = await columnsOf(client, table, cache);
  const names = (op === 'insert' ? Object.keys(payload) : changed).filter((c) => c !== 'id' && remote.has(c) && (op !== 'insert' || payload[c] != null));
  const params: unknown[] = [id];
  const cast = (column: string) => {
    params.push(toRemote(remote.get(column)!, payload[column]));
    return `$${params.length}::${castType(remote.get(column)!)}`;
  };
  if (op === 'insert') {
    const values = names.map(cast);
    await client.query(`INSERT INTO ${table} (id, ${names.join(', ')}) VALUES ($1::uuid, ${values.join(', ')}) ON CONFLICT (id) DO NOTHING`, params);
    return true;
  }
  if (names.length === 0) return true;
  const sets = names.map((c) => (c === 'metadata' ? `metadata = coalesce(metadata, '{}'::jsonb) || ${cast(c)}` : `${c} = ${cast(c)}`));
  const result = await client.query(`UPDATE ${table} SET ${sets.join(', ')} WHERE id = $1::uuid`, params);
  return (result.rowCount ?? 0) > 0;
}

function castType(udt: string): string {
  return udt.startsWith('_') ? `${udt.slice(1)}[]` : udt;
}

/** A local value (JSON text for jsonb and arrays) as a pg parameter for a column of this remote type. */
function toRemote(udt: string, value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (udt === 'jsonb' || udt === 'json') {
    if (typeof value !== 'string') return JSON.stringify(value);
    try {
      JSON.parse(value);
      return value;
    } catch {
      return JSON.stringify(value);
    }
  }
  if (udt.startsWith('_')) {
    const parsed = typeof value === 'string' ? (JSON.parse(value) as unknown) : value;
    return Array.isArray(parsed) ? parsed : [parsed];
  }
  return value;
}
