/**
 * Group commit for live runs. A live task commits twice (the intent before the channel call, the
 * outcome after), and with a busy queue the commits, not the statements, set the pace. So a known
 * outcome is not committed on its own: it rides in the next task's claim transaction, one commit
 * per task instead of two. The intent is durable before the call either way, so a crash before
 * that commit is recovered like any crash after the call (reconcile, never a second send).
 * An outcome waits at most `carryMs` for a claim to ride with, then commits on its own, so a
 * completed task never looks in progress for longer than that, even when the next task's
 * preparation is slow or no task follows. A group of claims (live-group.ts) leaves one outcome per
 * call; they all ride together.
 */
import type { Task } from '../../../shared/domain';
import { withWriteLock } from '../db/write-lock';
import type { ExecutorContext } from './context';

export type CarriedResult = 'completed' | 'failed' | 'retry' | 'lost';

/** An outcome known in memory; `commit` writes it and must run inside a write transaction. */
export interface PendingOutcome {
  readonly task: Task;
  commit(): CarriedResult;
}

/** Default wait for a claim to share the commit with (ms). */
export const outcomeCarryMs = 5;

export class OutcomeCarrier {
  private pending: PendingOutcome[] = [];
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> = Promise.resolve();
  /** A commit that failed on the timer's path, rethrown to whoever awaits the next flush. */
  private failure: unknown = null;

  constructor(
    private readonly context: ExecutorContext,
    /** Told each carried task's result once it is committed (the cycle's tally). */
    private readonly onCommitted: (task: Task, result: CarriedResult) => void,
    private readonly carryMs = outcomeCarryMs,
  ) {}

  /** Holds `outcome` until the next claim, or commits it after `carryMs` (counted from the first one waiting). */
  hold(outcome: PendingOutcome): void {
    this.pending.push(outcome);
    this.timer ??= setTimeout(() => void this.flush().catch((error: unknown) => (this.failure ??= error)), this.carryMs);
  }

  /**
   * Commits the waiting outcomes inside the caller's transaction (the next claim's). Synchronous,
   * so the timer cannot commit the same outcome twice.
   */
  commitInto(): void {
    for (const outcome of this.take()) this.onCommitted(outcome.task, outcome.commit());
  }

  /**
   * Commits the waiting outcomes in a transaction of their own; resolves when nothing waits.
   * Should the commit fail (the lock never came), the intents stay open and start-up recovery
   * reconciles them, as after a crash; the error reaches the cycle through the flush it awaits last.
   */
  async flush(): Promise<void> {
    const outcomes = this.take();
    if (outcomes.length > 0) {
      this.flushing = this.flushing.then(async () => {
        try {
          const results = await withWriteLock(this.context.db, () => outcomes.map((outcome) => outcome.commit()), { timeoutMs: this.context.settings().leaseMs });
          outcomes.forEach((outcome, index) => this.onCommitted(outcome.task, results[index]!));
        } catch (error) {
          this.failure ??= error;
        }
      });
    }
    await this.flushing;
    const failure = this.failure;
    this.failure = null;
    if (failure) throw failure;
  }

  private take(): PendingOutcome[] {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const outcomes = this.pending;
    this.pending = [];
    return outcomes;
  }
}
