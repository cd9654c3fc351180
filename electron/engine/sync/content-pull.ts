/**
 * Pulling the content rows tasks point to (email_logs, social_posts, newsletter_drafts,
 * influencer_opportunities) into the local tables of the same names, so previews and handlers
 * read them offline. One cheap query per table asks for the md5 of each referenced row; only rows
 * whose hash differs from what was seen are read in full, rows the remote no longer has are
 * deleted locally (the task then fails naming the id). Reads are outside any remote transaction,
 * so a table the remote lacks (a cloud without the influencer tables) fails alone: reported once,
 * its references stay unresolved.
 */
import type pg from 'pg';
import type { ContentTable } from '../channels/types';
import type { Db } from '../db/open-db';
import { stmt } from '../db/statements';
import { contentReferences, deleteContentRow, upsertContentRow } from '../store/content';
import { contentColumns } from '../store/content-columns';
import { isUuid } from './task-columns';

/** Ids to pull, per table. */
export type ContentRefs = Map<ContentTable, Set<string>>;

/** A fetched batch: changed rows (local form) and ids gone from the remote, applied in the pull's transaction. */
export interface ContentBatch {
  rows: { table: ContentTable; id: string; hash: string; values: Record<string, unknown> }[];
  gone: { table: ContentTable; id: string }[];
}

export interface ContentPullState {
  /** Tables the remote lacks, already reported (shared across rounds so each is reported once). */
  missingTables: Set<string>;
  /** New reports for this round. */
  warnings: string[];
}

/** Adds the references of tasks (cloud or local form: agent + metadata) to `refs`. */
export function addReferences(refs: ContentRefs, task: { assignedAgent: string; metadata: Record<string, unknown> }): void {
  for (const [table, id] of Object.entries(contentReferences(task)) as [ContentTable, string][]) {
    if (!isUuid(id)) continue; // the cloud's ids are uuids: this row cannot exist there
    let set = refs.get(table);
    if (!set) refs.set(table, (set = new Set()));
    set.add(id.toLowerCase());
  }
}

/** References of local tasks that can still be shown or run (new, in progress). */
export function liveReferences(db: Db): ContentRefs {
  const rows = stmt(
    db,
    `SELECT assigned_agent, metadata FROM squad_tasks WHERE status IN ('new', 'in_progress')
       AND (json_extract(metadata, '$.email_id') IS NOT NULL OR json_extract(metadata, '$.post_id') IS NOT NULL
         OR json_extract(metadata, '$.draft_id') IS NOT NULL OR json_extract(metadata, '$.influencer_id') IS NOT NULL)`,
  ).all() as { assigned_agent: string; metadata: string }[];
  const refs: ContentRefs = new Map();
  for (const row of rows) addReferences(refs, { assignedAgent: row.assigned_agent, metadata: parseObject(row.metadata) });
  return refs;
}

/** Reads what changed among the referenced rows (nothing at all when there are no references). */
export async function fetchContent(db: Db, client: pg.ClientBase, refs: ContentRefs, state: ContentPullState): Promise<ContentBatch> {
  const batch: ContentBatch = { rows: [], gone: [] };
  for (const [table, idSet] of refs) {
    const ids = [...idSet];
    if (ids.length === 0) continue;
    let hashes: Map<string, string>;
    try {
      const result = await client.query<{ id: string; hash: string }>(`SELECT id::text AS id, md5(to_jsonb(t)::text) AS hash FROM ${table} t WHERE id = ANY($1::uuid[])`, [ids]);
      hashes = new Map(result.rows.map((r) => [r.id, r.hash]));
    } catch (error) {
      if ((error as { code?: string }).code !== '42P01') throw error;
      if (!state.missingTables.has(table)) {
        state.missingTables.add(table);
        state.warnings.push(`Supabase has no table ${table}: tasks that point to its rows cannot be shown or run until it exists`);
      }
      continue;
    }
    state.missingTables.delete(table);
    const seen = seenHashes(db, table, ids);
    const changed = ids.filter((id) => hashes.has(id) && seen.get(id) !== hashes.get(id));
    for (const id of ids) if (!hashes.has(id) && seen.has(id)) batch.gone.push({ table, id });
    if (changed.length === 0) continue;
    const full = await client.query<{ row: Record<string, unknown>; hash: string }>(
      `SELECT to_jsonb(t) AS row, md5(to_jsonb(t)::text) AS hash FROM ${table} t WHERE id = ANY($1::uuid[])`,
      [changed],
    );
    for (const { row, hash } of full.rows) batch.rows.push({ table, id: String(row.id), hash, values: toLocalRow(table, row) });
  }
  return batch;
}

/**
 * Applies a fetched batch (call inside the pull's applyingRemote transaction, before the tasks,
 * so a task is never visible without its content). Rows with a write-back still queued keep the
 * local values (they are newer); the next round re-reads them after the push.
 */
export function applyContent(db: Db, batch: ContentBatch): number {
  let applied = 0;
  const pending = stmt(db, `SELECT 1 FROM sync_outbox WHERE entity = ? AND entity_id = ? AND state = 'pending' LIMIT 1`);
  const remember = stmt(
    db,
    `INSERT INTO sync_content (table_name, row_id, remote_hash, seen_at) VALUES (?, ?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
     ON CONFLICT (table_name, row_id) DO UPDATE SET remote_hash = excluded.remote_hash, seen_at = excluded.seen_at`,
  );
  for (const row of batch.rows) {
    if (pending.get(row.table, row.id)) continue;
    upsertContentRow(db, row.table, row.values);
    remember.run(row.table, row.id, row.hash);
    applied += 1;
  }
  const forget = stmt(db, 'DELETE FROM sync_content WHERE table_name = ? AND row_id = ?');
  for (const gone of batch.gone) {
    deleteContentRow(db, gone.table, gone.id);
    forget.run(gone.table, gone.id);
    applied += 1;
  }
  return applied;
}

function seenHashes(db: Db, table: ContentTable, ids: string[]): Map<string, string> {
  const rows = stmt(db, `SELECT row_id, remote_hash FROM sync_content WHERE table_name = ? AND row_id IN (SELECT value FROM json_each(?))`).all(
    table,
    JSON.stringify(ids),
  ) as { row_id: string; remote_hash: string }[];
  return new Map(rows.map((r) => [r.row_id, r.remote_hash]));
}

/** A remote row (to_jsonb form) in local form; columns the local table lacks are left out. */
export function toLocalRow(table: ContentTable, row: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [column, type] of Object.entries(contentColumns[table])) {
    if (!(column in row)) continue;
    const value = row[column];
    if (value === null || value === undefined) values[column] = null;
    else if (type === 'jsonb' || type === 'text[]') values[column] = JSON.stringify(value);
    else if (type === 'timestamptz') values[column] = new Date(String(value)).toISOString();
    else values[column] = value;
  }
  return values;
}

function parseObject(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
