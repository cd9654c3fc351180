/**
 * In the desktop app the engine shares Electron's main process with the tray and the windows, so
 * work between two yields to the event loop must stay well inside one 60 Hz frame (16.7 ms).
 * Batches (policy decisions, dry-run groups) stop at this budget as well as at their size: sizes
 * alone overran the frame on a slow or busy machine. Half a frame leaves room for the commit that
 * follows and for the garbage collector.
 */
export const sliceBudgetMs = 6;

/** A clock for one slice of work: `spent()` once the budget is used up. */
export function sliceTimer(budgetMs = sliceBudgetMs): { spent: () => boolean } {
  const started = performance.now();
  return { spent: () => performance.now() - started >= budgetMs };
}
