/**
 * Checkpoints the WAL on a worker thread instead of inside the engine's commits.
 *
 * SQLite's automatic checkpoint runs in whichever COMMIT pushes the WAL past 1,000 pages: that
 * commit copies every page back into the database file and syncs it, on the thread that
 * committed. For the engine that thread is the event loop (and, in the desktop app, Electron's main
 * process), so every ~40 tasks one of them stalled for the copy and the fsync: most of the wall
 * time a burst of tasks lost, and the longest blocks of the main thread.
 *
 * Here the engine's connection stops checkpointing by itself (`wal_autocheckpoint = 0`) from the
 * start, and a worker with its own connection takes over. Every `commitsPerCheckpoint` commits it runs a
 * PASSIVE checkpoint, which never takes the write lock, so the engine keeps committing meanwhile.
 * A passive checkpoint cannot restart the WAL while writes keep arriving, so when the worker
 * reports more than `restartAfterFrames` frames in the WAL, the engine checkpoints the short tail
 * itself (pages written since the worker's pass) and its next write starts the WAL from the top.
 *
 * If the worker is not ready within 10 s, fails or dies, the connection gets SQLite's automatic
 * checkpoint back: the worst case is the behaviour without this module.
 */
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import type { Db } from './open-db';

export interface WalCheckpointerOptions {
  /** Commits between two requests to the worker. Default: 32. */
  commitsPerCheckpoint?: number;
  /** WAL length (frames) at which the engine finishes the tail itself. Default: 4,000 (16 MB of 4 KiB pages). */
  restartAfterFrames?: number;
  /** For tests: the better-sqlite3 module the worker loads. Default: the one this process uses. */
  modulePath?: string;
  /** Told why checkpoints went back inside commits (the worker could not start, or died). */
  onFallBack?: (reason: string) => void;
}

/** What a checkpoint pass reported (SQLite's `PRAGMA wal_checkpoint` row). */
export interface CheckpointPass {
  busy: number;
  log: number;
  checkpointed: number;
}

export interface CheckpointerStats {
  /** 'worker': checkpoints run off the thread; 'inline': SQLite's automatic checkpoint (fallback). */
  mode: 'starting' | 'worker' | 'inline';
  /** Passes asked of the worker, and answered. */
  requests: number;
  passes: number;
  tails: number;
  lastPass: CheckpointPass | null;
  error: string | null;
}

// Plain CommonJS run with `eval: true`: no file to locate next to the bundle (tsx, vitest and the
// electron-vite bundle lay files out differently), and no transpiler helpers in the text.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.modulePath);
const db = new Database(workerData.dbPath, { fileMustExist: true });
db.pragma('busy_timeout = 0');
parentPort.on('message', (message) => {
  if (message === 'close') { db.close(); parentPort.close(); return; }
  const [pass] = db.pragma('wal_checkpoint(PASSIVE)');
  parentPort.postMessage({ kind: 'pass', pass });
});
parentPort.postMessage({ kind: 'ready' });
`;

/** The WAL file's size after a restart (SQLite's default: no limit, the file keeps its largest size). */
const walSizeLimitBytes = 16 * 1024 * 1024;

/** How long the worker may take to open its connection before checkpoints go back inside commits. */
const startTimeoutMs = 10_000;

const byDb = new WeakMap<Db, WalCheckpointer>();

/** Called after every commit on `db` (db/write-lock.ts and Activity); a no-op without a checkpointer. */
export function noteCommit(db: Db): void {
  byDb.get(db)?.noteCommit();
}

export class WalCheckpointer {
  private worker: Worker | null = null;
  private commits = 0;
  private inFlight = false;
  private tailDue = false;
  private closed = false;
  private startTimer: NodeJS.Timeout;
  private readonly commitsPerCheckpoint: number;
  private readonly restartAfterFrames: number;
  readonly stats: CheckpointerStats = { mode: 'starting', requests: 0, passes: 0, tails: 0, lastPass: null, error: null };

  constructor(
    private readonly db: Db,
    dbPath: string,
    private readonly options: WalCheckpointerOptions = {},
  ) {
    this.commitsPerCheckpoint = options.commitsPerCheckpoint ?? 32;
    this.restartAfterFrames = options.restartAfterFrames ?? 4_000;
    // Off from the start, not from the worker's first answer: the engine's first cycle runs while
    // the worker loads, and an automatic checkpoint then stalled it for a frame or more. Should
    // the worker not answer in time, fail or exit, the automatic checkpoint comes back.
    db.pragma('wal_autocheckpoint = 0');
    this.startTimer = setTimeout(() => this.fallBack(new Error(`the checkpoint worker did not start within ${startTimeoutMs / 1000} s`)), startTimeoutMs);
    this.startTimer.unref();
    let worker: Worker | null = null;
    try {
      const modulePath = options.modulePath ?? createRequire(import.meta.url).resolve('better-sqlite3');
      // No execArgv: the worker is plain CommonJS and must not run the parent's preloads (tsx's
      // preflight in a worker told tsx the process had no SIGINT handler, so Ctrl+C killed serve).
      worker = new Worker(workerSource, { eval: true, execArgv: [], workerData: { modulePath, dbPath } });
      worker.unref();
      worker.on('message', (message: { kind: 'ready' } | { kind: 'pass'; pass: CheckpointPass }) => this.onMessage(message));
      worker.on('error', (error) => this.fallBack(error));
      worker.on('exit', () => this.fallBack(null));
    } catch (error) {
      this.fallBack(error);
    }
    this.worker = worker;
    byDb.set(db, this);
  }

  noteCommit(): void {
    // A savepoint released inside an outer transaction is not a commit.
    if (this.stats.mode !== 'worker' || this.db.inTransaction) return;
    if (this.tailDue && !this.inFlight) {
      this.tailDue = false;
      this.stats.tails++;
      // The pages written since the worker's pass; then the next write restarts the WAL at its first frame.
      this.db.pragma('wal_checkpoint(PASSIVE)');
    }
    if (++this.commits < this.commitsPerCheckpoint || this.inFlight) return;
    this.commits = 0;
    this.inFlight = true;
    this.stats.requests++;
    this.worker!.postMessage('checkpoint');
  }

  /** Stops the worker (its connection closes first, so the engine's close can clean up the WAL). */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearTimeout(this.startTimer);
    byDb.delete(this.db);
    if (!this.worker) return;
    if (this.stats.mode === 'inline') {
      await this.worker.terminate();
      return;
    }
    // Referenced again while it closes: an unreferenced worker would let the process exit with
    // this promise unsettled.
    this.worker.ref();
    const exited = new Promise<void>((resolve) => this.worker!.once('exit', () => resolve()));
    this.worker.postMessage('close');
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([exited, new Promise((resolve) => (timer = setTimeout(resolve, 2_000)))]);
    clearTimeout(timer);
    await this.worker.terminate();
  }

  private onMessage(message: { kind: 'ready' } | { kind: 'pass'; pass: CheckpointPass }): void {
    if (message.kind === 'ready') {
      clearTimeout(this.startTimer);
      if (this.closed || this.stats.mode === 'inline') return;
      this.stats.mode = 'worker';
      // A burst can leave a WAL of a few tens of MB; a restart truncates the file back to this.
      this.db.pragma(`journal_size_limit = ${walSizeLimitBytes}`);
      return;
    }
    this.inFlight = false;
    this.stats.passes++;
    this.stats.lastPass = message.pass;
    if (message.pass.log >= this.restartAfterFrames) this.tailDue = true;
  }

  private fallBack(error: unknown): void {
    clearTimeout(this.startTimer);
    if (this.closed || this.stats.mode === 'inline') return;
    this.stats.mode = 'inline';
    this.stats.error = error === null ? 'the checkpoint worker exited' : error instanceof Error ? error.message : String(error);
    if (this.db.open) this.db.pragma('wal_autocheckpoint = 1000');
    // A worker that is slow to start or failed mid-way keeps no connection open.
    void this.worker?.terminate();
    this.options.onFallBack?.(this.stats.error);
  }
}
