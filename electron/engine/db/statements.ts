/**
 * Prepared-statement cache: hot paths prepare each SQL text once per connection. A statement's
 * row mode (`.raw()`, `.pluck()`) sticks to the cached object: every caller of one SQL text must
 * ask for the same mode.
 */
import type Database from 'better-sqlite3';
import type { Db } from './open-db';

const caches = new WeakMap<Db, Map<string, Database.Statement>>();

export function stmt(db: Db, sqlText: string): Database.Statement {
  let cache = caches.get(db);
  if (!cache) {
    cache = new Map();
    caches.set(db, cache);
  }
  let statement = cache.get(sqlText);
  if (!statement) {
    statement = db.prepare(sqlText);
    cache.set(sqlText, statement);
  }
  return statement;
}

/** Parses a JSON column, falling back (instead of throwing) so one bad row never breaks a list. */
export function parseJsonColumn<T>(text: string | null | undefined, fallback: T): T {
  if (text == null) return fallback;
  try {
    return JSON.parse(text) as T;
  } catch {
    return fallback;
  }
}
