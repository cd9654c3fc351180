/**
 * Dry run: the policy pass and the dry run in one write per task. A new task that the rules let
 * run by itself would otherwise be written twice (its decision now, its rehearsal when the queue
 * reaches it: two UPDATEs of the task, two reads of it, three parses of its payload); here it is
 * prepared once, then decided and rehearsed in one UPDATE, with the same decision trail, ledger
 * row, fingerprint and log line as the two steps.
 *
 * Only what may run by itself and passes every gate is rehearsed this way. A task that waits for
 * Kenny, is a likely duplicate, is scheduled for later or meets any other gate is decided the
 * ordinary way (decideTask without a rehearsal) and the queue takes it from there, as before.
 * Dry runs spend no daily limit, so rehearsing in arrival order instead of priority order
 * changes no verdict.
 */
import type { Task } from '../../../shared/domain';
import { withWriteLock } from '../db/write-lock';
import { isAwaitingDecision } from '../store/tasks';
import type { ExecutorContext } from './context';
import { decideByRules, decideTask, policyInputs, type TaskDecided } from './policy-pass';
import { undecidedTasks } from './queue-queries';
import { prepareTask, type ReadyTask, type TaskRunResult } from './run-task';
import { dryRunGroupSize, PerItemCost, sliceBudgetMs, sliceTimer } from './slice-budget';

/**
 * Decides every undecided task, rehearsing those it can while `rehearse()` holds (dry run on, not
 * paused, auto execution on); `onRehearsed` hears each rehearsal's result after it committed.
 * Returns how many tasks now wait for approval.
 */
export async function decideAndRehearse(
  context: ExecutorContext,
  rehearse: () => boolean,
  onRehearsed: (task: Task, result: TaskRunResult) => void,
): Promise<number> {
  const commitCost = new PerItemCost();
  // What a task costs from read to commit: a group reads no more tasks than fit in a slice.
  const taskCost = new PerItemCost();
  let waiting = 0;
  for (;;) {
    const groupStarted = performance.now();
    const tasks = undecidedTasks(context.db, Math.max(1, Math.min(dryRunGroupSize, Math.floor(sliceBudgetMs / taskCost.ms))));
    if (tasks.length === 0) return waiting;
    const policy = policyInputs(context);
    const group: { task: Task; rehearsal?: ReadyTask }[] = [];
    const slice = sliceTimer();
    for (const task of tasks) {
      group.push({ task, rehearsal: await rehearsalFor(context, task, policy, rehearse) });
      // Preparing and committing share the slice, as the queue's dry-run groups do.
      if (slice.elapsedMs() + (group.length + 1) * commitCost.ms >= sliceBudgetMs) break;
    }
    const committing = performance.now();
    const decided = await withWriteLock(
      context.db,
      () => context.activity.transaction(() => group.map(({ task, rehearsal }): TaskDecided => decideTask(context, policy, task, rehearsal))),
      { timeoutMs: context.settings().leaseMs },
    );
    commitCost.record(performance.now() - committing, group.length);
    taskCost.record(performance.now() - groupStarted, group.length);
    decided.forEach((outcome, index) => {
      if (outcome.waiting) waiting++;
      if (outcome.rehearsed) onRehearsed(group[index]!.task, outcome.rehearsed);
    });
    // Let IPC/HTTP requests in between groups: the executor shares the event loop with them.
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/** The task prepared for a rehearsal if the rules let it run by itself and no gate stops it. */
async function rehearsalFor(context: ExecutorContext, task: Task, policy: ReturnType<typeof policyInputs>, rehearse: () => boolean): Promise<ReadyTask | undefined> {
  if (!rehearse() || isAwaitingDecision(task) || decideByRules(task, policy).decision !== 'auto_execute') return undefined;
  const prepared = await prepareTask(context, task, { probe: true });
  // Settings can change while the gates await: only a dry run is rehearsed.
  return prepared.kind === 'ready' && prepared.request.dryRun ? prepared : undefined;
}
