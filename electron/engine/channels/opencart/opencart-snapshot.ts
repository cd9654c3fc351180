/**
 * The snapshot: every shop row a task changes, with the value before and the value the task
 * writes, in write order. Recorded on the execution's intent (recordProgress) before the first
 * write; apply, the 3.x failure restore, crash recovery and rollback all work from it. Each item
 * can be read back from the shop and classified: still `before`, already `after`, or `other`
 * (someone else changed it).
 */
import { z } from 'zod';
import type { OcConnection } from './opencart-db';
import type mysql from 'mysql2/promise';

const base = { productId: z.number().int(), label: z.string() };
export const snapshotItemSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('description'), ...base, languageId: z.number().int(), column: z.string(), before: z.string().nullable(), after: z.string() }),
  z.object({ kind: z.literal('seo_url'), ...base, storeId: z.number().int(), languageId: z.number().int(), before: z.object({ id: z.number().int(), keyword: z.string() }).nullable(), after: z.string() }),
  z.object({ kind: z.literal('categories'), ...base, before: z.array(z.number().int()), after: z.array(z.number().int()) }),
  z.object({ kind: z.literal('date_modified'), ...base, before: z.string().nullable(), after: z.string() }),
]);
export type SnapshotItem = z.infer<typeof snapshotItemSchema>;

export const snapshotSchema = z.object({
  major: z.union([z.literal(3), z.literal(4)]),
  prefix: z.string(),
  database: z.string(),
  transactional: z.boolean(),
  items: z.array(snapshotItemSchema),
});
export type Snapshot = z.infer<typeof snapshotSchema>;

export type ItemState = 'before' | 'after' | 'other';

const t = (prefix: string, table: string) => `\`${prefix}${table}\``;
const sameList = (a: number[], b: number[]) => a.length === b.length && [...a].sort((x, y) => x - y).every((value, index) => value === [...b].sort((x, y) => x - y)[index]);

/** seo_url rows of a product in one store and language, oldest first. */
export async function seoRows(connection: OcConnection, snapshot: Pick<Snapshot, 'major' | 'prefix'>, productId: number, storeId: number, languageId: number): Promise<{ id: number; keyword: string }[]> {
  const where = snapshot.major === 3 ? '`query` = ?' : "`key` = 'product_id' AND `value` = ?";
  const param = snapshot.major === 3 ? `product_id=${productId}` : String(productId);
  const [rows] = await connection.query<mysql.RowDataPacket[]>(
    `SELECT seo_url_id, keyword FROM ${t(snapshot.prefix, 'seo_url')} WHERE ${where} AND store_id = ? AND language_id = ? ORDER BY seo_url_id`,
    [param, storeId, languageId],
  );
  return rows.map((row) => ({ id: Number(row.seo_url_id), keyword: String(row.keyword) }));
}

/** The item's current value in the shop, in the shape of its before/after. */
export async function readCurrent(connection: OcConnection, snapshot: Snapshot, item: SnapshotItem): Promise<string | number[] | null> {
  const { prefix } = snapshot;
  switch (item.kind) {
    case 'description': {
      const [rows] = await connection.query<mysql.RowDataPacket[]>(`SELECT \`${item.column}\` AS value FROM ${t(prefix, 'product_description')} WHERE product_id = ? AND language_id = ?`, [item.productId, item.languageId]);
      return rows[0] ? (rows[0].value as string | null) : null;
    }
    case 'seo_url':
      return (await seoRows(connection, snapshot, item.productId, item.storeId, item.languageId))[0]?.keyword ?? null;
    case 'categories': {
      const [rows] = await connection.query<mysql.RowDataPacket[]>(`SELECT category_id FROM ${t(prefix, 'product_to_category')} WHERE product_id = ? ORDER BY category_id`, [item.productId]);
      return rows.map((row) => Number(row.category_id));
    }
    case 'date_modified': {
      const [rows] = await connection.query<mysql.RowDataPacket[]>(`SELECT date_modified FROM ${t(prefix, 'product')} WHERE product_id = ?`, [item.productId]);
      return rows[0] ? String(rows[0].date_modified) : null;
    }
  }
}

/** Compares a current value with the item's before and after (after wins when they are equal). */
export function classify(item: SnapshotItem, current: string | number[] | null): ItemState {
  if (item.kind === 'categories') {
    const list = Array.isArray(current) ? current : [];
    return sameList(list, item.after) ? 'after' : sameList(list, item.before) ? 'before' : 'other';
  }
  const before = item.kind === 'seo_url' ? (item.before?.keyword ?? null) : item.before;
  return current === item.after ? 'after' : current === before ? 'before' : 'other';
}

/** The shop value of an item for display ("English meta_title"). */
export function describeValue(value: string | number[] | null): string {
  if (value === null) return '(none)';
  return Array.isArray(value) ? `categories ${value.join(', ') || '(none)'}` : `"${value}"`;
}

/** Writes one item's `after` (direction 'after') or puts its `before` back ('before'). */
export async function writeItem(connection: OcConnection, snapshot: Snapshot, item: SnapshotItem, direction: 'after' | 'before'): Promise<void> {
  const { prefix, major } = snapshot;
  switch (item.kind) {
    case 'description':
      await connection.query(`UPDATE ${t(prefix, 'product_description')} SET \`${item.column}\` = ? WHERE product_id = ? AND language_id = ?`, [direction === 'after' ? item.after : item.before, item.productId, item.languageId]);
      return;
    case 'date_modified':
      await connection.query(`UPDATE ${t(prefix, 'product')} SET date_modified = ? WHERE product_id = ?`, [direction === 'after' ? item.after : item.before, item.productId]);
      return;
    case 'categories': {
      const ids = direction === 'after' ? item.after : item.before;
      await connection.query(`DELETE FROM ${t(prefix, 'product_to_category')} WHERE product_id = ?`, [item.productId]);
      if (ids.length) await connection.query(`INSERT INTO ${t(prefix, 'product_to_category')} (product_id, category_id) VALUES ?`, [ids.map((id) => [item.productId, id])]);
      return;
    }
    case 'seo_url':
      return writeSeoUrl(connection, snapshot, item, direction, major);
  }
}

async function writeSeoUrl(connection: OcConnection, snapshot: Snapshot, item: Extract<SnapshotItem, { kind: 'seo_url' }>, direction: 'after' | 'before', major: 3 | 4): Promise<void> {
  const table = t(snapshot.prefix, 'seo_url');
  const existing = await seoRows(connection, snapshot, item.productId, item.storeId, item.languageId);
  if (direction === 'before' && !item.before) {
    // The row did not exist before the task: remove only the row holding the task's keyword.
    await connection.query(`DELETE FROM ${table} WHERE seo_url_id IN (?)`, [existing.filter((row) => row.keyword === item.after).map((row) => row.id).concat(-1)]);
    return;
  }
  const keyword = direction === 'after' ? item.after : item.before!.keyword;
  const target = existing.find((row) => row.id === item.before?.id) ?? existing[0];
  if (target) {
    await connection.query(`UPDATE ${table} SET keyword = ? WHERE seo_url_id = ?`, [keyword, target.id]);
  } else if (major === 3) {
    await connection.query(`INSERT INTO ${table} (store_id, language_id, \`query\`, keyword) VALUES (?, ?, ?, ?)`, [item.storeId, item.languageId, `product_id=${item.productId}`, keyword]);
  } else {
    await connection.query(`INSERT INTO ${table} (store_id, language_id, \`key\`, \`value\`, keyword, sort_order) VALUES (?, ?, 'product_id', ?, ?, 0)`, [item.storeId, item.languageId, String(item.productId), keyword]);
  }
}
