/**
 * Notices commits by other processes (the CLI, a second executor, a SQLite client) without
 * spending CPU at rest. SQLite's `data_version` tells whether another connection committed, but
 * only when asked; asking every 250 ms costs a tray app about 0.4 % CPU forever. Instead the
 * database's folder is watched (inotify / FSEvents / ReadDirectoryChangesW): a commit by anyone
 * writes the `-wal` file (or the database file itself), which fires an event, and only then is
 * data_version read. A slow safety poll (default 30 s) covers file systems without change
 * events (network shares) and events that a platform drops.
 *
 * Events caused by our own commits are cheap: data_version does not change for them.
 */
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';

export interface DbChangeWatcherOptions {
  /** The database file; ':memory:' or '' means no file to watch (the safety poll alone). */
  dbPath: string;
  /** Reads data_version and reacts when it changed; called at most once per macrotask burst. */
  onPossibleChange: () => void;
  /** Default: 30 s. */
  safetyPollMs?: number;
  /** Default: 250 ms, used only when the folder cannot be watched. */
  fallbackPollMs?: number;
}

export class DbChangeWatcher {
  private watcher: FSWatcher | null = null;
  private poll: NodeJS.Timeout | null = null;
  private pending = false;
  /** Whether file-system events are in use (false: polling at the fallback rate). */
  watching = false;

  constructor(private readonly options: DbChangeWatcherOptions) {}

  start(): void {
    const { dbPath } = this.options;
    const file = dbPath && dbPath !== ':memory:' ? resolve(dbPath) : null;
    if (file) {
      const name = basename(file);
      try {
        // The folder, not the files: the -wal file is deleted and re-created as connections come
        // and go, and a watch on a deleted file goes silent.
        this.watcher = watch(dirname(file), { persistent: false }, (_event, changed) => {
          if (changed === null || changed.startsWith(name)) this.schedule();
        });
        this.watcher.on('error', () => this.fallBackToPolling());
        this.watching = true;
      } catch {
        this.watching = false;
      }
    }
    const interval = this.watching ? (this.options.safetyPollMs ?? 30_000) : (this.options.fallbackPollMs ?? 250);
    this.poll = setInterval(() => this.options.onPossibleChange(), interval);
    this.poll.unref?.();
  }

  stop(): void {
    this.watcher?.close();
    if (this.poll) clearInterval(this.poll);
    this.watcher = null;
    this.poll = null;
    this.watching = false;
  }

  /** Coalesces a burst of events (a commit writes the WAL several times) into one check. */
  private schedule(): void {
    if (this.pending) return;
    this.pending = true;
    setImmediate(() => {
      this.pending = false;
      if (this.watcher) this.options.onPossibleChange();
    });
  }

  private fallBackToPolling(): void {
    this.stop();
    this.poll = setInterval(() => this.options.onPossibleChange(), this.options.fallbackPollMs ?? 250);
    this.poll.unref?.();
  }
}
