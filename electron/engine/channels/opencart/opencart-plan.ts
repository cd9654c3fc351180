/**
 * Reads the shop's current rows for a task and turns it into the snapshot (what changes, from
 * what, to what, in write order) plus the problems that must stop it: unknown products,
 * languages or categories, values over OpenCart's limits, keywords that are not URL-safe or
 * already used in the same store and language, image_alt on a shop without an alt column.
 * Used by the live preview and, again, right before writing.
 */
import type mysql from 'mysql2/promise';
import type { OcConnection, OcSchema } from './opencart-db';
import type { SeoChange } from './opencart-payload';
import { descriptionColumn, encodeLikeOpencart, keywordProblem, lengthProblem, limitFor, type LengthLimit } from './opencart-rules';
import { seoRows, type Snapshot, type SnapshotItem } from './opencart-snapshot';

export interface PlanProblem {
  field: string | null;
  message: string;
}

export interface PlanRow {
  field: string;
  language: string | null;
  store: number | null;
  /** Stored values (HTML-encoded as OpenCart keeps them); category ids joined for category_move. */
  current: string | null;
  next: string;
  limit: LengthLimit | null;
  problem: string | null;
}

export interface PlanProduct {
  productId: number;
  name: string | null;
  rows: PlanRow[];
}

export interface Plan {
  snapshot: Snapshot;
  products: PlanProduct[];
  problems: PlanProblem[];
}

const t = (prefix: string, table: string) => `\`${prefix}${table}\``;

/** MySQL DATETIME text for `now` (UTC wall time, as written into date_modified). */
export const mysqlDate = (now: Date) => now.toISOString().slice(0, 19).replace('T', ' ');

export async function planChange(connection: OcConnection, schema: OcSchema, where: { prefix: string; database: string }, change: SeoChange, now: Date): Promise<Plan> {
  const { prefix } = where;
  const problems: PlanProblem[] = [];
  const items: SnapshotItem[] = [];
  const snapshot: Snapshot = { major: schema.major, prefix, database: where.database, transactional: schema.transactional, items };
  const languages = new Map(schema.languages.map((language) => [language.id, language]));
  const limit = limitFor(change.changeType, schema);
  const column = descriptionColumn(change.changeType, schema);
  if (change.changeType === 'image_alt' && !column) {
    problems.push({ field: 'metadata.change_type', message: 'This shop has no image alt column: core OpenCart uses the product name as the image alt text, so image_alt cannot be applied (add an alt column to product_description, or change the product names)' });
  }
  const ids = change.productIds;
  const [productRows] = await connection.query<mysql.RowDataPacket[]>(`SELECT product_id, date_modified FROM ${t(prefix, 'product')} WHERE product_id IN (?)`, [ids]);
  const products = new Map(productRows.map((row) => [Number(row.product_id), String(row.date_modified)]));
  const [nameRows] = await connection.query<mysql.RowDataPacket[]>(`SELECT product_id, language_id, name${column ? `, \`${column}\` AS value` : ''} FROM ${t(prefix, 'product_description')} WHERE product_id IN (?)`, [ids]);
  const descriptions = new Map(nameRows.map((row) => [`${String(row.product_id)}/${String(row.language_id)}`, row]));
  const [storeRows] = await connection.query<mysql.RowDataPacket[]>(`SELECT product_id, store_id FROM ${t(prefix, 'product_to_store')} WHERE product_id IN (?)`, [ids]).catch(() => [[] as mysql.RowDataPacket[]]);
  const planned = new Map<number, PlanProduct>();
  const keywordsInTask = new Map<string, number>();

  for (const [index, entry] of change.changes.entries()) {
    const field = `metadata.changes.${index}`;
    if (!products.has(entry.productId)) {
      problems.push({ field: `${field}.product_id`, message: `Product ${entry.productId} does not exist in the shop` });
      continue;
    }
    if (entry.languageId !== null && !languages.has(entry.languageId)) {
      problems.push({ field: `${field}.language_id`, message: `Language ${entry.languageId} is not an enabled language of the shop (enabled: ${schema.languages.map((l) => `${l.id} ${l.name}`).join(', ')})` });
      continue;
    }
    const firstName = schema.languages.map((l) => descriptions.get(`${entry.productId}/${l.id}`)?.name as string | undefined).find(Boolean) ?? null;
    const product = planned.get(entry.productId) ?? { productId: entry.productId, name: firstName, rows: [] };
    planned.set(entry.productId, product);
    const targetLanguages = entry.languageId === null ? schema.languages : [languages.get(entry.languageId)!];

    if (change.changeType === 'category_move') {
      const after = [...new Set(entry.after as number[])].sort((a, b) => a - b);
      const [found] = await connection.query<mysql.RowDataPacket[]>(`SELECT category_id FROM ${t(prefix, 'category')} WHERE category_id IN (?)`, [after]);
      const missing = after.filter((id) => !found.some((row) => Number(row.category_id) === id));
      if (missing.length) problems.push({ field: `${field}.after`, message: `Categor${missing.length === 1 ? 'y' : 'ies'} ${missing.join(', ')} do${missing.length === 1 ? 'es' : ''} not exist in the shop` });
      const [links] = await connection.query<mysql.RowDataPacket[]>(`SELECT category_id FROM ${t(prefix, 'product_to_category')} WHERE product_id = ? ORDER BY category_id`, [entry.productId]);
      const before = links.map((row) => Number(row.category_id));
      product.rows.push({ field: 'categories', language: null, store: null, current: before.join(', '), next: after.join(', '), limit: null, problem: missing.length ? 'unknown category' : null });
      if (before.join() !== after.join()) items.push({ kind: 'categories', productId: entry.productId, label: `product ${entry.productId} categories`, before, after });
      continue;
    }

    const stored = encodeLikeOpencart(entry.after as string);
    for (const language of targetLanguages) {
      const label = `product ${entry.productId} ${language.name} ${change.changeType}`;
      if (change.changeType === 'url_rewrite') {
        const stores = storeRows.filter((row) => Number(row.product_id) === entry.productId).map((row) => Number(row.store_id));
        for (const storeId of stores.length ? stores : [0]) {
          const problem = keywordProblem(stored) ?? lengthProblem(stored, limit, `SEO keyword for product ${entry.productId}`) ?? (await keywordClash(connection, schema, prefix, stored, storeId, language.id, entry.productId, keywordsInTask));
          if (problem) problems.push({ field: `${field}.after`, message: problem });
          const existing = (await seoRows(connection, snapshot, entry.productId, storeId, language.id))[0] ?? null;
          product.rows.push({ field: 'seo_keyword', language: language.name, store: storeId, current: existing?.keyword ?? null, next: stored, limit, problem });
          if (existing?.keyword !== stored) items.push({ kind: 'seo_url', productId: entry.productId, label: `${label} (store ${storeId})`, storeId, languageId: language.id, before: existing, after: stored });
        }
        continue;
      }
      const row = descriptions.get(`${entry.productId}/${language.id}`);
      if (!row) {
        problems.push({ field: `${field}.product_id`, message: `Product ${entry.productId} has no ${language.name} description` });
        continue;
      }
      const current = column ? ((row.value as string | null) ?? null) : null;
      const problem = lengthProblem(stored, limit, `${change.changeType} of product ${entry.productId} (${language.name})`);
      if (problem) problems.push({ field: `${field}.after`, message: problem });
      product.rows.push({ field: change.changeType, language: language.name, store: null, current, next: stored, limit, problem });
      if (column && current !== stored) items.push({ kind: 'description', productId: entry.productId, label, languageId: language.id, column, before: current, after: stored });
    }
  }
  // date_modified last: the product counts as edited once everything else is written.
  for (const productId of new Set(items.map((item) => item.productId))) {
    items.push({ kind: 'date_modified', productId, label: `product ${productId} date_modified`, before: products.get(productId) ?? null, after: mysqlDate(now) });
  }
  return { snapshot, products: [...planned.values()], problems };
}

/** Another product (or another row of this task) already uses the keyword in this store and language. */
async function keywordClash(connection: OcConnection, schema: OcSchema, prefix: string, keyword: string, storeId: number, languageId: number, productId: number, inTask: Map<string, number>): Promise<string | null> {
  const taskKey = `${storeId}/${languageId}/${keyword.toLowerCase()}`;
  const other = inTask.get(taskKey);
  if (other !== undefined && other !== productId) return `SEO keyword "${keyword}" is given to both product ${other} and product ${productId} in this task`;
  inTask.set(taskKey, productId);
  const owner = schema.major === 3 ? '`query` AS owner' : "CONCAT(`key`, '=', `value`) AS owner";
  const [rows] = await connection.query<mysql.RowDataPacket[]>(`SELECT ${owner} FROM ${t(prefix, 'seo_url')} WHERE keyword = ? AND store_id = ? AND language_id = ?`, [keyword, storeId, languageId]);
  const clash = rows.find((row) => row.owner !== `product_id=${productId}`);
  return clash ? `SEO keyword "${keyword}" is already used by ${String(clash.owner)} in store ${storeId}, language ${languageId}: OpenCart keywords must be unique per store and language` : null;
}
