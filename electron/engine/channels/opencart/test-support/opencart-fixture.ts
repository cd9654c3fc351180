/**
 * Test support for the OpenCart channel: a handler pointed at a fresh shop database on the test
 * MariaDB, an ExecutionContext that keeps recorded progress, tasks for the SEO Agent, and reads
 * of the shop rows the tests compare.
 */
import { MemorySecretStore } from '../../../secrets/types';
import type { ExecutionContext, TaskInput } from '../../types';
import { createOpencartHandler, type OpencartHandlerOptions } from '../opencart-handler';
import type { OpencartDump, TestMariadb } from './mariadb';

export const storeUrl = 'https://shop.example.test/';

export interface Shop {
  database: string;
  env: Record<string, string>;
  handler: ReturnType<typeof createOpencartHandler>;
  /** Rows as root sees them (the shop's own state). */
  rows<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  exec(sql: string, params?: unknown[]): Promise<void>;
  /** Every row of the tables this channel writes (for "nothing changed" comparisons). */
  dump(): Promise<string>;
}

export async function createShop(maria: TestMariadb, version: OpencartDump, options: Partial<OpencartHandlerOptions> = {}): Promise<Shop> {
  const database = await maria.createOpencart(version);
  const env = { OPENCART_DB_URL: maria.urlFor(database), OPENCART_STORE_URL: storeUrl };
  const handler = createOpencartHandler({ env, secrets: new MemorySecretStore(), ...options });
  const rows = async <T>(sql: string, params?: unknown[]) => maria.query<T[]>(database, sql, params);
  return {
    database,
    env,
    handler,
    rows,
    exec: async (sql, params) => void (await maria.query(database, sql, params)),
    async dump() {
      const parts: unknown[] = [];
      for (const table of ['oc_product', 'oc_product_description', 'oc_seo_url', 'oc_product_to_category']) {
        parts.push(await rows(`SELECT * FROM ${table} ORDER BY 1, 2`));
      }
      return JSON.stringify(parts);
    },
  };
}

/** Adds a second enabled language (German, id 2) with copies of every product description. */
export async function addGerman(shop: Shop): Promise<void> {
  const [columns] = [await shop.rows<{ Field: string }>('SHOW COLUMNS FROM oc_language')];
  const names = columns.map((column) => column.Field).filter((name) => name !== 'language_id');
  const values: Record<string, unknown> = { name: 'Deutsch', code: 'de-de', locale: 'de-DE,de', image: 'de.png', directory: 'german', extension: '', sort_order: 2, status: 1 };
  await shop.exec(`INSERT INTO oc_language (language_id, ${names.map((n) => `\`${n}\``).join(', ')}) VALUES (2, ${names.map(() => '?').join(', ')})`, names.map((n) => values[n] ?? ''));
  await shop.exec("INSERT INTO oc_product_description SELECT product_id, 2, CONCAT(name, ' (DE)'), description, tag, CONCAT(meta_title, ' DE'), meta_description, meta_keyword FROM oc_product_description WHERE language_id = 1");
}

export function seoTask(metadata: Record<string, unknown>, id = 'task-1'): TaskInput {
  return { id, title: 'SEO change', description: null, assignedAgent: 'SEO Agent', priority: 'medium', metadata };
}

export function testContext(now = new Date('2026-11-24T08:00:00.000Z')): ExecutionContext & { progress: Record<string, unknown> } {
  const context = {
    idempotencyKey: 'key-1',
    attempt: 1,
    taskId: 'task-1',
    signal: new AbortController().signal,
    now: () => now,
    progress: {} as Record<string, unknown>,
    recordProgress(patch: Record<string, unknown>) {
      context.progress = { ...context.progress, ...structuredClone(patch) };
    },
  };
  return context;
}

/** A product's description row in one language. */
export async function description(shop: Shop, productId: number, languageId = 1): Promise<Record<string, unknown>> {
  return (await shop.rows('SELECT * FROM oc_product_description WHERE product_id = ? AND language_id = ?', [productId, languageId]))[0]!;
}

/** A product's SEO keyword in store 0 and a language (3.x query, 4.x key/value). */
export async function keywordOf(shop: Shop, version: OpencartDump, productId: number, languageId = 1): Promise<string | null> {
  const sql = version.startsWith('3')
    ? 'SELECT keyword FROM oc_seo_url WHERE `query` = ? AND store_id = 0 AND language_id = ?'
    : "SELECT keyword FROM oc_seo_url WHERE `key` = 'product_id' AND `value` = ? AND store_id = 0 AND language_id = ?";
  const rows = await shop.rows<{ keyword: string }>(sql, [version.startsWith('3') ? `product_id=${productId}` : String(productId), languageId]);
  return rows[0]?.keyword ?? null;
}
