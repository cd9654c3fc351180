/**
 * Opens the local store: one better-sqlite3 connection in WAL mode, migrated with drizzle-kit's
 * migrations from drizzle/migrations (shipped with the app).
 */
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { parkOutboxTriggers } from '../sync/parked-outbox-triggers';
import { rewriteInListChecks } from './check-constraints';

export type Db = Database.Database;

/** The database cannot be used safely (newer schema, corruption); nothing was written. */
export class DatabaseRefused extends Error {
  readonly code = 'unavailable';
  constructor(message: string) {
    super(message);
    this.name = 'DatabaseRefused';
  }
}

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
  const existed = path !== ':memory:' && existsSync(path) && statSync(path).size > 0;
  const db = new Database(path, { readonly: options.readonly ?? false });
  try {
    db.pragma('busy_timeout = 5000');
    const migrationsFolder = options.migrationsFolder ?? findMigrationsFolder();
    // Before anything writes (even the WAL switch): a damaged file is reported, not written to.
    if (existed) checkIntegrity(db, path);
    refuseNewerSchema(db, path, migrationsFolder);
    // WAL lets the dashboard read while the executor writes; NORMAL is durable across app crashes
    // (a power loss may drop the last commits, never corrupt). During open a second process may
    // hold the write lock briefly, so opening waits up to 5 s; the engine then sets busy_timeout
    // to 0 and waits for locks without blocking the event loop (write-lock.ts).
    if (!options.readonly) db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('foreign_keys = ON');
    db.pragma('temp_store = MEMORY');
    db.pragma('cache_size = -16000');
    if (!options.readonly) {
      migrate(drizzle(db), { migrationsFolder });
      rewriteInListChecks(db);
      parkOutboxTriggers(db);
    }
  } catch (error) {
    db.close();
    throw error;
  }
  return db;
}

/** `PRAGMA quick_check` (a full integrity_check minus index cross-checks, fast enough for every start). */
function checkIntegrity(db: Db, path: string): void {
  let result: string[];
  try {
    result = (db.pragma('quick_check(5)') as { quick_check: string }[]).map((row) => row.quick_check);
  } catch (error) {
    throw new DatabaseRefused(`The database ${path} is damaged (${(error as Error).message}); nothing was written. Restore a backup, or move the file aside to start a new one.`);
  }
  if (result.length !== 1 || result[0] !== 'ok') {
    throw new DatabaseRefused(`The database ${path} is damaged (integrity check: ${result.join('; ').slice(0, 300)}); nothing was written. Restore a backup, or move the file aside to start a new one.`);
  }
}

/**
 * drizzle records each applied migration's folder timestamp in __drizzle_migrations. One newer than
 * every migration this build ships was written by a newer Mission Control: refuse before writing.
 */
function refuseNewerSchema(db: Db, path: string, migrationsFolder: string): void {
  const table = db.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'`).get();
  if (!table) return;
  const applied = db.prepare('SELECT max(created_at) AS newest, count(*) AS n FROM __drizzle_migrations').get() as { newest: number | null; n: number };
  const journal = JSON.parse(readFileSync(join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: { when: number; tag: string }[] };
  const known = journal.entries.map((entry) => entry.when);
  const newestKnown = Math.max(...known);
  if (applied.newest !== null && Number(applied.newest) > newestKnown) {
    throw new DatabaseRefused(
      `This database was written by a newer Mission Control (${path} has a migration from ${new Date(Number(applied.newest)).toISOString()}; this version knows ${journal.entries.length} migrations up to ${journal.entries.at(-1)?.tag}); upgrade the app. Nothing was written.`,
    );
  }
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
