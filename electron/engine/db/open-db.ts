/**
 * Opens the local store: one better-sqlite3 connection in WAL mode, migrated with drizzle-kit's
 * migrations from drizzle/migrations (shipped with the app).
 */
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';

export type Db = Database.Database;

export interface OpenDbOptions {
  /** Default: found by walking up from this module to drizzle/migrations. */
  migrationsFolder?: string;
  readonly?: boolean;
}

/** Opens (creating if needed) and migrates the database at `path` (':memory:' works too). */
export function openDb(path: string, options: OpenDbOptions = {}): Db {
  if (path !== ':memory:' && !options.readonly) {
    // Private from the start: folder 0700, file 0600 (SQLite gives -wal/-shm the file's mode).
    mkdirSync(dirname(resolve(path)), { recursive: true, mode: 0o700 });
    if (!existsSync(path)) closeSync(openSync(path, 'a', 0o600));
  }
  const db = new Database(path, { readonly: options.readonly ?? false });
  // WAL lets the dashboard read while the executor writes; NORMAL is durable across app crashes
  // (a power loss may drop the last commits, never corrupt). busy_timeout lets a second process
  // (CLI, another executor) wait for the write lock instead of failing.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  db.pragma('temp_store = MEMORY');
  db.pragma('cache_size = -16000');
  if (!options.readonly) migrate(drizzle(db), { migrationsFolder: options.migrationsFolder ?? findMigrationsFolder() });
  return db;
}

/** drizzle/migrations, wherever this code runs from (sources, out/main bundle, packaged app). */
export function findMigrationsFolder(start: string = dirname(fileURLToPath(import.meta.url))): string {
  const fromEnv = process.env.MISSION_CONTROL_MIGRATIONS;
  if (fromEnv) return fromEnv;
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'drizzle', 'migrations');
    if (existsSync(join(candidate, 'meta', '_journal.json'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`drizzle/migrations not found above ${start}; set MISSION_CONTROL_MIGRATIONS`);
    dir = parent;
  }
}
