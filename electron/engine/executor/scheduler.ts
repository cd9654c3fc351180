/**
 * When cycles run: every poll interval (default 2 minutes), and at once when a task becomes
 * executable — created, approved or resumed through the API (wake()), written by another process
 * (SQLite's data_version changes; checked when the database's files change, see
 * db-change-watcher.ts), or when a held task's time comes (a timer
 * at the earliest not_before: backoff, limit window reopening, scheduled send). Cycles never overlap.
 */
import type { CycleSummary } from '../../../shared/contract';
import type { ExecutorContext } from './context';
import { runCycle, type CycleOptions } from './cycle';
import { DbChangeWatcher } from './db-change-watcher';
import { nextWakeAt } from './queue-queries';
import { stmt } from '../db/statements';

const maxTimerMs = 2 ** 31 - 1;

export interface SchedulerHooks {
  isPaused: () => boolean;
  /** Another connection committed: re-read settings. */
  onExternalChange: () => void;
  onCycle: (summary: CycleSummary, finishedAt: Date, trigger: CycleOptions['trigger']) => void;
  onCycleError: (error: unknown) => void;
}

export class Scheduler {
  private chain: Promise<unknown> = Promise.resolve();
  private wakePending = false;
  private pollTimer: NodeJS.Timeout | null = null;
  private wakeTimer: NodeJS.Timeout | null = null;
  private watcher: DbChangeWatcher | null = null;
  private dataVersion = -1;
  private started = false;
  private recoveredAtStartup = false;
  nextPollAt: Date | null = null;

  constructor(
    private readonly context: ExecutorContext,
    private readonly hooks: SchedulerHooks,
  ) {}

  start(): void {
    if (this.started) return;
    this.started = true;
    this.dataVersion = this.readDataVersion();
    this.watcher = new DbChangeWatcher({ dbPath: this.context.db.name, onPossibleChange: () => this.checkExternalChanges() });
    this.watcher.start();
    void this.enqueue('startup');
  }

  async stop(): Promise<void> {
    this.started = false;
    for (const timer of [this.pollTimer, this.wakeTimer]) if (timer) clearTimeout(timer);
    this.watcher?.stop();
    this.pollTimer = this.wakeTimer = this.watcher = null;
    this.nextPollAt = null;
    await this.chain.catch(() => undefined);
  }

  /** Run a cycle as soon as the current one (if any) ends; coalesces bursts of wake-ups. */
  wake(): void {
    if (!this.started || this.wakePending) return;
    this.wakePending = true;
    void this.enqueue('wake');
  }

  /** A cycle that starts after this call (manual "Run now", the cron route, the CLI). */
  runNow(trigger: CycleOptions['trigger'] = 'manual'): Promise<CycleSummary> {
    return this.enqueue(trigger);
  }

  /** Re-arm the poll timer with a new interval (settings changed). */
  reschedulePoll(): void {
    if (this.started) this.armPoll();
  }

  private enqueue(trigger: CycleOptions['trigger']): Promise<CycleSummary> {
    const next = this.chain.then(async () => {
      if (trigger === 'wake') this.wakePending = false;
      // Settings changed by another process are picked up before deciding anything.
      this.checkExternalChanges(false);
      try {
        const atStartup = !this.recoveredAtStartup;
        this.recoveredAtStartup = true;
        const summary = await runCycle(this.context, { trigger, isPaused: this.hooks.isPaused, atStartup });
        this.hooks.onCycle(summary, this.context.now(), trigger);
        return summary;
      } catch (error) {
        this.hooks.onCycleError(error);
        throw error;
      } finally {
        if (trigger !== 'wake' && trigger !== 'manual') this.armPoll();
        this.armWakeTimer();
      }
    });
    this.chain = next.catch(() => undefined);
    return next;
  }

  private armPoll(): void {
    if (this.pollTimer) clearTimeout(this.pollTimer);
    if (!this.started) return;
    const interval = this.context.settings().pollIntervalMs;
    this.nextPollAt = new Date(this.context.now().getTime() + interval);
    this.pollTimer = setTimeout(() => void this.enqueue('poll').catch(() => undefined), Math.min(interval, maxTimerMs));
    this.pollTimer.unref?.();
  }

  private armWakeTimer(): void {
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = null;
    if (!this.started) return;
    const at = nextWakeAt(this.context.db, this.context.registry.agents(), this.context.now());
    if (!at) return;
    const delay = Math.max(0, Date.parse(at) - this.context.now().getTime());
    this.wakeTimer = setTimeout(() => this.wake(), Math.min(delay + 5, maxTimerMs));
    this.wakeTimer.unref?.();
  }

  private readDataVersion(): number {
    // A cached statement: db.pragma() prepares anew on every call, and commits fire file events.
    // Plucked, as the daily limits' count reads the same cached statement (store/rate-limits.ts).
    return stmt(this.context.db, 'PRAGMA data_version').pluck().get() as number;
  }

  private checkExternalChanges(wake = true): void {
    // The database may already be closed when a late file event arrives.
    if (!this.context.db.open) return;
    const version = this.readDataVersion();
    if (version === this.dataVersion) return;
    this.dataVersion = version;
    this.hooks.onExternalChange();
    if (wake) this.wake();
  }
}
