/**
 * Live runs in groups. With a busy queue and channels that answer quickly, the commits, not the
 * calls, set the pace: one commit per task even with outcomes riding in the next claim
 * (outcome-carrier.ts). Here the claims and intents of several tasks commit in ONE transaction
 * (with the outcomes waiting from before), then their channels are called one after another, and
 * their outcomes ride in the next group's claim.
 *
 * The protocol holds for each task: its intent is durable before its call. What changes is what a
 * crash leaves: every claim of the group has an open intent, called or not, and recovery asks the
 * channel about each (reconcile: "not sent" goes back to the queue, "sent" completes). So only
 * tasks whose channel can reconcile are grouped; a channel that cannot would turn every claim
 * waiting in a group into "outcome unknown" for Kenny to check by hand.
 *
 * Pause, stop, the master switch and dry run are re-checked before every call, as before every
 * claim: the claims still waiting are given back (claim.ts releaseClaim: no attempt spent, intent
 * deleted, limit units released).
 *
 * A group's calls are meant to fit in the time an outcome may wait for a claim to ride with
 * (outcomeCarryMs): the size comes from how long calls take (LiveGroupSize), so slow channels (a
 * Gmail send takes hundreds of milliseconds, and the commit is then a small part of it) run one
 * at a time. The group's transaction must also fit in a slice of the main thread (slice-budget.ts),
 * and quick calls, which resolve without a turn of the event loop, yield once a slice is spent.
 */
import type { Task } from '../../../shared/domain';
import { withWriteLock } from '../db/write-lock';
import { releaseClaim, type ClaimResult } from './claim';
import type { ExecutorContext } from './context';
import { outcomeCarryMs, type OutcomeCarrier } from './outcome-carrier';
import { callClaimed, claimInto, type CallTimes, type ReadyTask, type TaskRunResult } from './run-task';
import { PerItemCost, sliceBudgetMs, sliceTimer } from './slice-budget';

/** Claims per group at most: bounds what one crash leaves to reconcile. */
export const maxLiveGroup = 16;

/**
 * The group size, learned from the calls' durations: it doubles after each call quick enough for
 * twice the group to fit in the budget (1, 2, 4 … up to maxLiveGroup), and drops to what fits
 * after a slow one. One slow call (a cold start, a pause of the garbage collector) costs a few
 * calls of smaller groups, not the grouping.
 */
export class LiveGroupSize implements CallTimes {
  private current = 1;
  /** What one claim costs in the group's transaction (with the outcome it carries). */
  private readonly claimCost = new PerItemCost();

  record(callMs: number): void {
    const fits = Math.floor(outcomeCarryMs / Math.max(callMs, 0.01));
    if (fits >= 2 * this.current) this.current = Math.min(maxLiveGroup, 2 * this.current);
    else if (fits < this.current) this.current = Math.max(1, fits);
  }

  recordClaims(totalMs: number, claims: number): void {
    this.claimCost.record(totalMs, claims);
  }

  /** Also no more claims than one transaction commits within a slice of the main thread. */
  get size(): number {
    return Math.max(1, Math.min(this.current, Math.floor(sliceBudgetMs / this.claimCost.ms)));
  }
}

/** Whether a prepared task may wait in a group: its channel can say after a crash whether it acted. */
export function groupable(prepared: ReadyTask): boolean {
  return !prepared.request.dryRun && typeof prepared.handler.reconcile === 'function';
}

/**
 * Claims `group` in one transaction (with the waiting outcomes), then calls each. `stopReason`
 * is asked before every call; once it names a reason, the claims not called yet are given back.
 * `onResult` hears every task's result but those of successful calls, which `carrier` commits.
 */
export async function runLiveGroup(
  context: ExecutorContext,
  group: readonly ReadyTask[],
  carrier: OutcomeCarrier,
  stopReason: () => string | null,
  onResult: (task: Task, result: TaskRunResult) => void,
  sizes: LiveGroupSize,
): Promise<void> {
  const claiming = performance.now();
  const attempts = await withWriteLock(
    context.db,
    () => {
      carrier.commitInto();
      return group.map((prepared) => claimInto(context, prepared));
    },
    { timeoutMs: context.settings().leaseMs },
  );
  sizes.recordClaims(performance.now() - claiming, group.length);
  const claimed: { prepared: ReadyTask; claim: Extract<ClaimResult, { kind: 'claimed' }> }[] = [];
  let failure: unknown = null;
  attempts.forEach((attempt, index) => {
    const prepared = group[index]!;
    if (attempt.kind === 'claimed') claimed.push({ prepared, claim: attempt });
    else if (attempt.kind === 'error') failure ??= attempt.error;
    else onResult(prepared.task, attempt.kind);
  });
  let slice = sliceTimer();
  for (let index = 0; index < claimed.length; index++) {
    // Quick calls resolve without a turn of the event loop: yield once a slice is spent.
    if (slice.spent()) {
      await new Promise((resolve) => setImmediate(resolve));
      slice = sliceTimer();
    }
    const reason = stopReason();
    if (reason) {
      await giveBack(context, claimed.slice(index), reason, onResult);
      break;
    }
    const { prepared, claim } = claimed[index]!;
    const waiting = () => claimed.slice(index + 1).map((next) => next.prepared.task.id);
    const result = await callClaimed(context, prepared, claim, { callTimes: sizes, waiting });
    if (typeof result === 'string') onResult(prepared.task, result);
    else carrier.hold(result);
  }
  if (failure) throw failure;
}

async function giveBack(
  context: ExecutorContext,
  unstarted: readonly { prepared: ReadyTask; claim: Extract<ClaimResult, { kind: 'claimed' }> }[],
  reason: string,
  onResult: (task: Task, result: TaskRunResult) => void,
): Promise<void> {
  await withWriteLock(context.db, () => unstarted.forEach(({ prepared, claim }) => releaseClaim(context, prepared.task, claim, reason)), { timeoutMs: context.settings().leaseMs });
  for (const { prepared } of unstarted) onResult(prepared.task, 'held');
}
