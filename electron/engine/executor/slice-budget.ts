/**
 * In the desktop app the engine shares Electron's main process with the tray and the windows, so
 * work between two yields to the event loop must stay well inside one 60 Hz frame (16.7 ms).
 * Batches (policy decisions, dry-run groups) stop at this budget as well as at their size: sizes
 * alone overran the frame on a slow or busy machine. Half a frame leaves room for the garbage
 * collector, which runs when it must, inside whatever slice is running.
 */
export const sliceBudgetMs = 6;

/**
 * Dry runs committed per transaction at most. A dry run has no side effect to protect, so one
 * commit can carry several (the per-commit cost dominates); small enough that one group stays well
 * under a frame, and pause is still honoured between groups.
 */
export const dryRunGroupSize = 32;

/** A clock for one slice of work: `spent()` once the budget is used up. */
export function sliceTimer(budgetMs = sliceBudgetMs): { spent: () => boolean; elapsedMs: () => number } {
  const started = performance.now();
  const elapsedMs = () => performance.now() - started;
  return { spent: () => elapsedMs() >= budgetMs, elapsedMs };
}

/**
 * What one item of a batch costs, learned from the batches so far (a moving average). A dry-run
 * group is prepared first and committed after, in the same slice: the group stops growing when
 * preparing one more would leave too little of the slice for committing them all.
 */
export class PerItemCost {
  constructor(private estimateMs = 0.5) {}

  get ms(): number {
    return this.estimateMs;
  }

  record(totalMs: number, items: number): void {
    if (items > 0) this.estimateMs = 0.7 * this.estimateMs + 0.3 * (totalMs / items);
  }
}
