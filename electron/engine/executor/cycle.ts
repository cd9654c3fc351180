/**
 * One executor cycle: recover dead claims, let the approval policy decide new tasks (in dry run,
 * rehearsing in the same write those that may run by themselves: rehearsal-pass.ts), then, unless
 * paused or switched off, run executable tasks one at a time until none is left. Pause is
 * re-checked before every claim, so a pause takes effect within the task in flight.
 */
import type { CycleSummary } from '../../../shared/contract';
import { withWriteLock } from '../db/write-lock';
import { usageInWindow } from '../store/rate-limits';
import type { ExecutorContext } from './context';
import { quarantineDamagedTasks } from './damaged-rows';
import { decidePendingTasksYielding } from './policy-pass';
import { countExecutable, nextExecutableBatch, type ExecutableBatch } from './queue-queries';
import { OutcomeCarrier } from './outcome-carrier';
import { recoverClaims } from './recovery';
import { dryRunGroupSize, PerItemCost, sliceBudgetMs, sliceTimer } from './slice-budget';
import { decideAndRehearse } from './rehearsal-pass';
import { commitDryRun, executeLive, prepareTask, type ReadyTask, type TaskRunResult } from './run-task';
import { groupable, LiveGroupSize, runLiveGroup } from './live-group';

export interface CycleOptions {
  trigger: 'poll' | 'wake' | 'manual' | 'startup';
  /** Re-read settings (pause may have been set by another process). */
  isPaused: () => boolean;
  /** First cycle of this executor: also recover claims whose owner process is gone. */
  atStartup: boolean;
}

export async function runCycle(context: ExecutorContext, options: CycleOptions): Promise<CycleSummary> {
  const started = performance.now();
  const summary: CycleSummary = { success: true, executed: 0, failed: 0, skipped: 0, deferred: 0, wouldExecute: 0, durationMs: 0, reason: null, rateLimit: { remaining: 0, resetAt: null } };
  summary.failed += await withWriteLock(context.db, () => quarantineDamagedTasks(context), { timeoutMs: context.settings().leaseMs });
  await recoverClaims(context, options.atStartup);
  const tally = (task: { id: string }, result: TaskRunResult) => {
    if (result === 'completed') summary.executed++;
    else if (result === 'failed' || result === 'retry') summary.failed++;
    else if (result === 'deferred') summary.deferred++;
    else if (result === 'held') summary.skipped++;
    if (result !== 'completed' && result !== 'failed') passedOver.add(task.id);
  };
  const passedOver = new Set<string>();
  // Dry run: new tasks that may run by themselves are decided and rehearsed in one write.
  const rehearse = () => !options.isPaused() && context.settings().autoExecution && context.settings().dryRun;
  summary.skipped += rehearse() ? await decideAndRehearse(context, rehearse, tally) : await decidePendingTasksYielding(context);
  const agents = context.registry.agents();
  const settings = context.settings();
  if (options.isPaused()) {
    summary.reason = 'Paused: global_pause is on';
    summary.skipped += countExecutable(context.db, agents, context.now());
  } else if (!settings.autoExecution) {
    summary.wouldExecute = countExecutable(context.db, agents, context.now());
    summary.reason = `Auto execution is off (ENABLE_AUTO_EXECUTION): ${summary.wouldExecute} task(s) would run`;
  } else {
    const carrier = new OutcomeCarrier(context, tally);
    try {
      await runQueue(context, options, agents, passedOver, tally, carrier);
    } finally {
      await carrier.flush();
    }
    if (options.isPaused()) summary.reason = 'Paused during the cycle';
  }
  return finishCycle(context, options, settings, summary, started);
}

/**
 * Executable tasks until none is left, or pause / switch-off: dry runs in groups committed
 * together, live tasks in groups of claims (live-group.ts) or one at a time.
 */
async function runQueue(
  context: ExecutorContext,
  options: CycleOptions,
  agents: readonly string[],
  passedOver: ReadonlySet<string>,
  tally: (task: { id: string }, result: TaskRunResult) => void,
  carrier: OutcomeCarrier,
): Promise<void> {
  const dryRunCommitCost = new PerItemCost();
  const liveGroup = new LiveGroupSize();
  while (!context.signal.aborted && !options.isPaused() && context.settings().autoExecution) {
    const dryRun = context.settings().dryRun;
    const batch = nextExecutableBatch(context.db, agents, context.now(), passedOver, dryRun ? dryRunGroupSize : liveGroup.size);
    const { tasks } = batch;
    if (tasks.length === 0) break;
    if (dryRun) {
      const ready: ReadyTask[] = [];
      const slice = sliceTimer();
      for (const task of tasks) {
        const prepared = await prepareTask(context, task, { fingerprinted: batch.fingerprinted.has(task.id) });
        if (prepared.kind === 'done') tally(task, prepared.result);
        else if (prepared.kind === 'ready') ready.push(prepared);
        // Preparing and committing share the slice; the rest of the group comes back in the next
        // query, after a yield.
        if (slice.elapsedMs() + (ready.length + 1) * dryRunCommitCost.ms >= sliceBudgetMs) break;
      }
      // Claims are compare-and-swap: a task decided or claimed elsewhere since it was read is 'lost'.
      if (!options.isPaused() && ready.length > 0) {
        const committing = performance.now();
        await withWriteLock(context.db, () => context.activity.transaction(() => ready.forEach((prepared) => tally(prepared.task, commitDryRun(context, prepared)))), { timeoutMs: context.settings().leaseMs });
        dryRunCommitCost.record(performance.now() - committing, ready.length);
      }
    } else {
      await runLive(context, batch, carrier, liveGroup, () => stopReason(context, options), tally);
    }
    // Let IPC/HTTP requests in between tasks: the executor shares the event loop with them.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Live: the tasks read, in run order, as one group of claims (live-group.ts) as far as their
 * channels can reconcile; a task whose channel cannot runs alone (now, or after the group).
 */
async function runLive(
  context: ExecutorContext,
  { tasks, fingerprinted }: ExecutableBatch,
  carrier: OutcomeCarrier,
  liveGroup: LiveGroupSize,
  stop: () => string | null,
  tally: (task: { id: string }, result: TaskRunResult) => void,
): Promise<void> {
  const group: ReadyTask[] = [];
  for (const task of tasks) {
    const prepared = await prepareTask(context, task, { fingerprinted: fingerprinted.has(task.id) });
    if (prepared.kind !== 'ready') {
      tally(task, prepared.kind === 'done' ? prepared.result : 'held');
      continue;
    }
    if (groupable(prepared)) {
      group.push(prepared);
      continue;
    }
    // Read again after the group (its preparation wrote nothing).
    if (group.length > 0) break;
    // Not timed: groups are sized by the calls of channels that can be grouped.
    const result = await executeLive(context, prepared, carrier);
    if (typeof result === 'string') tally(task, result);
    else carrier.hold(result);
    return;
  }
  if (group.length === 1) {
    const result = await executeLive(context, group[0]!, carrier, liveGroup);
    if (typeof result === 'string') tally(group[0]!.task, result);
    else carrier.hold(result);
  } else if (group.length > 1) {
    await runLiveGroup(context, group, carrier, stop, tally, liveGroup);
  }
}

/** Why live calls must stop now (re-checked before every call), or null. */
function stopReason(context: ExecutorContext, options: CycleOptions): string | null {
  if (context.signal.aborted) return 'the executor is stopping';
  if (options.isPaused()) return 'paused';
  if (!context.settings().autoExecution) return 'auto execution is off';
  if (context.settings().dryRun) return 'dry run is on';
  return null;
}

function finishCycle(context: ExecutorContext, options: CycleOptions, settings: ReturnType<ExecutorContext['settings']>, summary: CycleSummary, started: number): CycleSummary {
  const executor = usageInWindow(context.db, 'task_executor', context.now());
  const limit = settings.dailyLimits.task_executor;
  summary.rateLimit = {
    remaining: Math.max(0, limit - executor.used),
    resetAt: executor.oldestAt ? new Date(Date.parse(executor.oldestAt) + 86_400_000).toISOString() : null,
  };
  summary.durationMs = Math.round((performance.now() - started) * 100) / 100;
  const busy = summary.executed + summary.failed + summary.deferred > 0;
  if (options.trigger !== 'wake' || busy) {
    context.activity.log({
      level: summary.failed > 0 ? 'warning' : 'info',
      eventType: 'cron_execution',
      message: `Cycle (${options.trigger}): ${summary.executed} executed, ${summary.failed} failed, ${summary.skipped} skipped, ${summary.deferred} deferred${summary.reason ? ` — ${summary.reason}` : ''}`,
      context: {
        executed: summary.executed,
        failed: summary.failed,
        skipped: summary.skipped,
        deferred: summary.deferred,
        would_execute: summary.wouldExecute,
        duration_ms: summary.durationMs,
        rate_limit_remaining: summary.rateLimit.remaining,
        dry_run: settings.dryRun,
      },
    });
  }
  return summary;
}
