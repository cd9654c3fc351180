/**
 * Decides approval for new tasks the policy has not seen yet, stores the decision with its reason,
 * and raises one approval_needed alert per task that must wait for Kenny.
 */
import { isAwaitingDecision, updateReadTask } from '../store/tasks';
import { listRules } from '../store/rules';
import { decideApproval } from '../policy/approval-policy';
import type { ExecutorContext } from './context';
import { undecidedTasks } from './queue-queries';
import { failBeforeClaim } from './outcomes';
import { parsePayload } from '../channels/payload';
import type { Task } from '../../../shared/domain';
import { withWriteLock } from '../db/write-lock';
import { withContent } from '../store/content';
import { sliceTimer } from './slice-budget';
import { duplicateReason } from '../policy/duplicate-guard';
import { announceDuplicate, checkDuplicate, recordCheck } from './duplicate-check';

/** Tasks decided per transaction at most; a batch also ends when its time slice is spent. */
const batchSize = 50;

/** The payload error of a task whose channel validates before approval, else null. */
function invalidBeforeApproval(context: ExecutorContext, task: Task): string | null {
  const handler = context.registry.find(task);
  if (!handler?.validateBeforeApproval) return null;
  const parsed = parsePayload(handler.payloadSchema, withContent(context.db, task));
  return parsed.ok ? null : parsed.error;
}

/** Returns how many tasks now wait for approval. */
export function decidePendingTasks(context: ExecutorContext): number {
  let waiting = 0;
  for (;;) {
    const batch = decideBatch(context);
    waiting += batch.waiting;
    if (!batch.more) return waiting;
  }
}

/**
 * The same, yielding to the event loop between batches: in the desktop app the executor shares
 * Electron's main process, and a backlog of thousands of new tasks must not freeze the tray.
 */
export async function decidePendingTasksYielding(context: ExecutorContext): Promise<number> {
  let waiting = 0;
  for (;;) {
    // The write lock is awaited without blocking the event loop (db/write-lock.ts).
    const batch = await withWriteLock(context.db, () => decideBatch(context), { timeoutMs: context.settings().leaseMs });
    waiting += batch.waiting;
    if (!batch.more) return waiting;
    await new Promise((resolve) => setImmediate(resolve));
  }
}

function decideBatch(context: ExecutorContext): { waiting: number; more: boolean } {
  const { activity } = context;
  let waiting = 0;
  const tasks = undecidedTasks(context.db, batchSize);
  if (tasks.length === 0) return { waiting, more: false };
  const rules = listRules(context.db);
  const settings = context.settings();
  const { unmatchedPolicy } = settings;
  const slice = sliceTimer();
  let decided = 0;
  activity.transaction(() => {
    for (const task of tasks) {
      if (decided > 0 && slice.spent()) break;
      decided++;
      const byRules = decideApproval(task, rules, unmatchedPolicy);
      // The duplicate guard: a likely repeat of a recent task of its channel waits for Kenny.
      const check = checkDuplicate(context.db, context.registry, settings, task);
      const duplicate = check?.duplicate ?? null;
      const decision = duplicate ? { decision: 'require_approval' as const, reason: duplicateReason(duplicate), ruleId: null } : byRules;
      const changes: Record<string, unknown> = {
        policy_decision: decision.decision,
        policy_reason: decision.reason,
        policy_rule_id: decision.ruleId,
      };
      // The cloud's approval queue reads requires_approval: a task the policy holds shows there too.
      if (decision.decision === 'require_approval') changes.requires_approval = true;
      const updated = updateReadTask(context.db, task, changes, context.now(), 'AND policy_decision IS NULL');
      if (!updated) continue;
      if (check) recordCheck(context.db, updated, check);
      if (duplicate) {
        announceDuplicate(context, updated, duplicate, decision.reason, { rules: byRules });
        waiting++;
        continue;
      }
      activity.decision(task.id, 'policy', 'policy', decision.reason, { decision: decision.decision, ruleId: decision.ruleId });
      const invalid = invalidBeforeApproval(context, updated);
      if (invalid && decision.decision === 'require_approval') {
        failBeforeClaim(context, updated, invalid);
        continue;
      }
      if (isAwaitingDecision(updated)) {
        waiting++;
        activity.log({ level: 'info', eventType: 'approval_required', taskId: task.id, message: `"${task.title}" needs approval: ${decision.reason}` });
        activity.alert({
          type: 'approval_needed',
          severity: task.priority === 'urgent' ? 'high' : 'medium',
          title: `Approval needed: ${task.title}`,
          message: `${task.assignedAgent} task waits for your decision (${decision.reason}).`,
          metadata: { task_id: task.id, agent: task.assignedAgent, rule_id: decision.ruleId },
        });
      }
      activity.taskChanged(updated);
    }
  });
  return { waiting, more: decided < tasks.length || tasks.length === batchSize };
}
