/**
 * Pull: remote squad_tasks changed since the cursor, read in keyset pages by (updated_at, id) and
 * applied one page per local transaction. The cloud's updated_at is its transaction's start
 * time, so a transaction still open when we read can commit rows older than our read; each pull
 * therefore starts a little before the previous read's time (overlap) and skips rows whose
 * version it has already seen.
 */
import type pg from 'pg';
import type { Db } from '../db/open-db';
import { applyRemoteTask, type ApplyOutcome } from './apply-remote-task';
import { addReferences, applyContent, fetchContent, type ContentPullState, type ContentRefs } from './content-pull';
import { applyingRemote } from './local-state';
import { getSyncState, setSyncState } from './sync-state';
import { remoteTaskSelect, type RemoteTaskRow } from './task-columns';

export interface PullProgress {
  done: number;
  total: number;
}

export interface PullOptions {
  executorId: string;
  /** Rows per page (one local transaction each). Default: 1000. */
  pageSize?: number;
  /** Re-read window before the previous read (transactions open longer than this could be missed). Default: 15 s. */
  overlapMs?: number;
  onProgress?: (progress: PullProgress) => void;
  /** Missing remote content tables seen so far, and this round's reports. Default: a fresh one. */
  content?: ContentPullState;
}

export interface PullResult {
  read: number;
  inserted: number;
  updated: number;
  recorded: number;
  /** Content rows (email_logs, social_posts, ...) stored or deleted for the tasks read. */
  content: number;
  /** Rows the local store refused (kept out, reported in `errors`). */
  failed: number;
  errors: string[];
}

const minUuid = '00000000-0000-0000-0000-000000000000';

/** Pulls every task changed since the last pull (all of them the first time). */
export async function pullTasks(db: Db, client: pg.ClientBase, options: PullOptions): Promise<PullResult> {
  const pageSize = options.pageSize ?? 1000;
  // The next pull starts from the server's clock now (minus the overlap), so a quiet remote is
  // not re-read forever from its last change.
  const readAt = (await client.query<{ now: string }>('SELECT now()::text AS now')).rows[0]!.now;
  const cursor = getSyncState(db, 'pull_cursor');
  const overlap = `${options.overlapMs ?? 15_000} milliseconds`;
  const since = cursor ? `$1::timestamptz - $2::interval` : `'-infinity'::timestamptz`;
  const sinceParams = cursor ? [cursor, overlap] : [];
  const count = await client.query<{ n: string }>(`SELECT count(*)::text AS n FROM squad_tasks WHERE updated_at >= ${since}`, sinceParams);
  const total = Number(count.rows[0]?.n ?? 0);
  const result: PullResult = { read: 0, inserted: 0, updated: 0, recorded: 0, content: 0, failed: 0, errors: [] };
  const content = options.content ?? { missingTables: new Set<string>(), warnings: [] };
  options.onProgress?.({ done: 0, total });
  const start = await client.query<{ at: string }>(`SELECT (${since})::text AS at`, sinceParams);
  let after = { at: start.rows[0]!.at, id: minUuid };
  let first = true;
  for (;;) {
    const page = await client.query<RemoteTaskRow>(
      `SELECT ${remoteTaskSelect} FROM squad_tasks
       WHERE ${first ? 'updated_at >= $1::timestamptz' : '(updated_at, id) > ($1::timestamptz, $2::uuid)'}
       ORDER BY updated_at, id LIMIT ${pageSize}`,
      first ? [after.at] : [after.at, after.id],
    );
    first = false;
    if (page.rows.length === 0) break;
    await applyPage(db, client, page.rows, options.executorId, result, content);
    const last = page.rows[page.rows.length - 1]!;
    after = { at: last.updated_at_raw, id: last.id };
    options.onProgress?.({ done: result.read, total: Math.max(total, result.read) });
    if (page.rows.length < pageSize) break;
  }
  setSyncState(db, 'pull_cursor', readAt);
  return result;
}

/** Pulls specific tasks now (after a refused claim, so a remote reject lands at once). */
export async function pullTaskIds(db: Db, client: pg.ClientBase, ids: string[], executorId: string, content?: ContentPullState): Promise<PullResult> {
  const result: PullResult = { read: 0, inserted: 0, updated: 0, recorded: 0, content: 0, failed: 0, errors: [] };
  if (ids.length === 0) return result;
  const rows = await client.query<RemoteTaskRow>(`SELECT ${remoteTaskSelect} FROM squad_tasks WHERE id = ANY($1::uuid[])`, [ids]);
  await applyPage(db, client, rows.rows, executorId, result, content ?? { missingTables: new Set(), warnings: [] });
  return result;
}

/**
 * One page in one local transaction: the content rows its tasks point to first, so no task is
 * ever visible (approvals inbox, preview) without the content it references.
 */
async function applyPage(db: Db, client: pg.ClientBase, rows: RemoteTaskRow[], executorId: string, result: PullResult, content: ContentPullState): Promise<void> {
  const refs: ContentRefs = new Map();
  for (const row of rows) addReferences(refs, { assignedAgent: row.assigned_agent, metadata: metadataObject(row.metadata) });
  const batch = refs.size ? await fetchContent(db, client, refs, content) : null;
  applyingRemote(db, () => {
    if (batch) result.content += applyContent(db, batch);
    for (const row of rows) {
      result.read += 1;
      let outcome: ApplyOutcome;
      try {
        outcome = applyRemoteTask(db, row, executorId);
      } catch (error) {
        // One row the local store refuses must not stall every later pull; it is reported.
        result.failed += 1;
        result.errors.push(`${row.id}: ${(error as Error).message}`);
        continue;
      }
      if (outcome === 'inserted') result.inserted += 1;
      else if (outcome === 'updated') result.updated += 1;
      else if (outcome === 'recorded') result.recorded += 1;
    }
  });
}

function metadataObject(text: string | null): Record<string, unknown> {
  try {
    const value = JSON.parse(text ?? '{}') as unknown;
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}
