/**
 * Waiting for SQLite's write lock without blocking the event loop. better-sqlite3 is synchronous:
 * with busy_timeout > 0 SQLite sleeps in the calling thread while another process holds the lock,
 * which froze the HTTP server (and in the desktop app, Electron's main process: tray and windows)
 * for up to 5 s. The engine runs with busy_timeout = 0 and takes the lock here instead: try
 * `BEGIN IMMEDIATE`; if busy, yield to the event loop and retry with backoff until a deadline,
 * then run the synchronous work inside that transaction (nested transactions become savepoints)
 * and commit. In WAL mode a commit never waits, so nothing after BEGIN can be busy.
 */
import { EngineError } from '../errors';
import type { Db } from './open-db';
import { noteCommit } from './wal-checkpointer';

/** How long an API call waits for the write lock before answering "unavailable" (503). Default: 5 s. */
export const apiLockTimeoutMs = 5_000;

/** True for SQLite's "another connection holds the lock" errors. */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code === 'SQLITE_LOCKED');
}

/** What the dashboard shows about lock waits: one per database connection. */
export interface LockWaitState {
  /** Set while some call is waiting for the lock (ISO time it started). */
  waitingSince: string | null;
  /** The most recent wait that ended: how long, when, and whether the lock came. */
  last: { waitedMs: number; at: string; acquired: boolean } | null;
}

const states = new WeakMap<Db, LockWaitState & { waiters: number }>();

export function lockWaitState(db: Db): LockWaitState {
  const state = states.get(db);
  return state ? { waitingSince: state.waitingSince, last: state.last } : { waitingSince: null, last: null };
}

function stateFor(db: Db): LockWaitState & { waiters: number } {
  let state = states.get(db);
  if (!state) {
    state = { waitingSince: null, last: null, waiters: 0 };
    states.set(db, state);
  }
  return state;
}

/** The write lock did not come in time; transports answer 503 with Retry-After. */
export function lockTimeout(waitedMs: number): EngineError {
  return new EngineError(
    'unavailable',
    `The database is locked by another process (waited ${(waitedMs / 1000).toFixed(1)} s); try again shortly`,
    { retryAfterSeconds: 2 },
  );
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs synchronous `work` in one IMMEDIATE transaction, waiting for the write lock without
 * blocking the event loop. Throws lockTimeout() after `timeoutMs`; `work`'s errors roll back.
 */
export async function withWriteLock<T>(db: Db, work: () => T, options: { timeoutMs?: number } = {}): Promise<T> {
  if (db.inTransaction) return work();
  const timeoutMs = options.timeoutMs ?? apiLockTimeoutMs;
  const started = Date.now();
  const state = stateFor(db);
  let delay = 2;
  let waited = false;
  for (;;) {
    try {
      db.exec('BEGIN IMMEDIATE');
      break;
    } catch (error) {
      if (!isBusy(error)) throw error;
    }
    if (!waited) {
      waited = true;
      state.waiters++;
      state.waitingSince ??= new Date(started).toISOString();
    }
    const elapsed = Date.now() - started;
    if (elapsed >= timeoutMs) {
      finishWait(state, elapsed, false);
      throw lockTimeout(elapsed);
    }
    await sleep(Math.min(delay, timeoutMs - elapsed));
    delay = Math.min(delay * 2, 100);
  }
  if (waited) finishWait(state, Date.now() - started, true);
  try {
    const result = work();
    db.exec('COMMIT');
    noteCommit(db);
    return result;
  } catch (error) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw error;
  }
}

function finishWait(state: LockWaitState & { waiters: number }, waitedMs: number, acquired: boolean): void {
  state.waiters--;
  if (state.waiters === 0) state.waitingSince = null;
  state.last = { waitedMs, at: new Date().toISOString(), acquired };
}
