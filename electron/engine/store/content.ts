/**
 * The cloud agents' content rows kept locally (migration 0007): which rows a task points to, the
 * rows themselves (jsonb parsed), upserts from sync, and the write-backs an execution returns.
 * Write-backs go through plain UPDATE/INSERT so the outbox triggers queue them for the cloud in
 * the same transaction.
 */
import { randomUUID } from 'node:crypto';
import type { ContentTable, ContentWriteBack, ReferencedContent } from '../channels/types';
import type { Db } from '../db/open-db';
import { stmt } from '../db/statements';
import { columnsOf, contentColumns, isJsonType } from './content-columns';

const uuidShape = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** What content-table lookups need from a task. */
export interface ContentReferrer {
  assignedAgent: string;
  metadata: Record<string, unknown>;
}

/** A metadata id as stored: numbers as text, uuids in lower case; null when absent or not an id. */
function referenceId(task: ContentReferrer, key: string): string | null {
  const value = task.metadata[key];
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string' || !value.trim()) return null;
  // Postgres prints uuids in lower case; agents may not.
  return uuidShape.test(value.trim()) ? value.trim().toLowerCase() : value.trim();
}

/**
 * The rows a task points to, by table. draft_id is a newsletter_drafts id only for the Marketing
 * Agent (the Email Agent's draft_id is a Gmail draft id). Ids must be strings or numbers.
 */
export function contentReferences(task: ContentReferrer): Partial<Record<ContentTable, string>> {
  const refs: Partial<Record<ContentTable, string>> = {};
  const emailId = referenceId(task, 'email_id');
  if (emailId) refs.email_logs = emailId;
  const postId = referenceId(task, 'post_id');
  if (postId) refs.social_posts = postId;
  const draftId = task.assignedAgent === 'Marketing Agent' ? referenceId(task, 'draft_id') : null;
  if (draftId) refs.newsletter_drafts = draftId;
  const influencerId = referenceId(task, 'influencer_id');
  if (influencerId) refs.influencer_opportunities = influencerId;
  return refs;
}

/** One content row with JSON columns parsed, or null when it is not here. */
export function readContentRow(db: Db, table: ContentTable, id: string): Record<string, unknown> | null {
  const row = stmt(db, `SELECT * FROM ${table} WHERE id = ?`).get(id) as Record<string, unknown> | undefined;
  if (!row) return null;
  const types = contentColumns[table];
  for (const [column, type] of Object.entries(types)) {
    if (isJsonType(type) && typeof row[column] === 'string') row[column] = parseJson(row[column] as string);
  }
  return row;
}

/**
 * The referenced rows of a task (one primary-key lookup each), or undefined when it references
 * none. A missing row is present with null, so the handler fails naming the id.
 */
export function resolveContent(db: Db, task: ContentReferrer): ReferencedContent | undefined {
  const refs = Object.entries(contentReferences(task)) as [ContentTable, string][];
  if (refs.length === 0) return undefined;
  return Object.fromEntries(refs.map(([table, id]) => [table, readContentRow(db, table, id)]));
}

/** The task as handlers see it: with `content` when it references rows. */
export function withContent<T extends ContentReferrer>(db: Db, task: T): T & { content?: ReferencedContent } {
  const content = resolveContent(db, task);
  return content ? { ...task, content } : task;
}

/** Stores a row as the remote holds it (values already in local form: JSON text, ISO times). */
export function upsertContentRow(db: Db, table: ContentTable, values: Record<string, unknown>): void {
  const columns = columnsOf(table).filter((c) => c in values);
  const updates = columns.filter((c) => c !== 'id');
  stmt(
    db,
    `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})
     ON CONFLICT (id) DO ${updates.length ? `UPDATE SET ${updates.map((c) => `${c} = excluded.${c}`).join(', ')}` : 'NOTHING'}`,
  ).run(...columns.map((c) => values[c] ?? null));
}

export function deleteContentRow(db: Db, table: ContentTable, id: string): void {
  stmt(db, `DELETE FROM ${table} WHERE id = ?`).run(id);
}

/**
 * Applies an execution's write-backs (inside the caller's transaction: the one completing the
 * task). The side effect already happened, so nothing here throws: a column the table does not
 * have is refused (left out) and a row that is not here is skipped; both are returned as notes
 * for the task's log.
 */
export function applyWriteBacks(db: Db, writeBacks: readonly ContentWriteBack[], now: Date): string[] {
  const notes: string[] = [];
  for (const change of writeBacks) {
    const types = contentColumns[change.table];
    if (!types) {
      notes.push(`write-back to unknown table ${String(change.table)} refused`);
      continue;
    }
    const source = change.op === 'update' ? change.set : change.row;
    const unknown = Object.keys(source).filter((c) => !(c in types) || (change.op === 'update' && c === 'id'));
    if (unknown.length) notes.push(`${change.table}: unknown column(s) ${unknown.join(', ')} refused`);
    const values = Object.fromEntries(Object.entries(source).filter(([c]) => !unknown.includes(c)).map(([c, v]) => [c, toLocal(types[c]!, v)]));
    if (change.op === 'insert') {
      const row = { id: randomUUID(), ...values };
      if ('created_at' in types && !('created_at' in row)) Object.assign(row, { created_at: now.toISOString() });
      const columns = Object.keys(row);
      stmt(db, `INSERT INTO ${change.table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')}) ON CONFLICT (id) DO NOTHING`).run(
        ...columns.map((c) => (row as Record<string, unknown>)[c]),
      );
      continue;
    }
    const sets = Object.keys(values).map((c) => `${c} = ?`);
    const params: unknown[] = Object.values(values);
    if (change.mergeMetadata && Object.keys(change.mergeMetadata).length) {
      sets.push(`metadata = json_patch(CASE WHEN json_valid(metadata) AND json_type(metadata) = 'object' THEN metadata ELSE '{}' END, ?)`);
      params.push(JSON.stringify(change.mergeMetadata));
    }
    if ('updated_at' in types && !('updated_at' in values)) {
      sets.push('updated_at = ?');
      params.push(now.toISOString());
    }
    if (sets.length === 0) continue;
    const changed = stmt(db, `UPDATE ${change.table} SET ${sets.join(', ')} WHERE id = ?`).run(...params, change.id).changes;
    if (changed === 0) notes.push(`${change.table} row ${change.id} is not here (never synced or deleted): not written back`);
  }
  return notes;
}

function toLocal(type: string, value: unknown): unknown {
  if (value === undefined || value === null) return null;
  if (type === 'jsonb' || type === 'text[]') return JSON.stringify(value);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 1 : 0;
  return value;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
