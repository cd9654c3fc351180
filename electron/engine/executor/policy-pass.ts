/**
 * Decides approval for new tasks the policy has not seen yet, stores the decision with its reason,
 * and raises one approval_needed alert per task that must wait for Kenny.
 */
import { isAwaitingDecision, updateReadTask } from '../store/tasks';
import { listRules } from '../store/rules';
import { decideApproval, type ApprovalDecision } from '../policy/approval-policy';
import type { ExecutorContext } from './context';
import { undecidedTasks } from './queue-queries';
import { failBeforeClaim } from './outcomes';
import { parsePayload } from '../channels/payload';
import type { Task } from '../../../shared/domain';
import { withWriteLock } from '../db/write-lock';
import { withContent } from '../store/content';
import { sliceTimer } from './slice-budget';
import { duplicateReason, fingerprintOf, type Fingerprint } from '../policy/duplicate-guard';
import { announceDuplicate, checkDuplicate, compareWithRecent, recordCheck, type DuplicateCheck } from './duplicate-check';
import { commitDryRun, type ReadyTask, type TaskRunResult } from './run-task';
import type { ApprovalRule } from '../../../shared/approval-rules';
import type { Settings } from '../../../shared/settings';


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
  const tasks = undecidedTasks(context.db, batchSize);
  if (tasks.length === 0) return { waiting: 0, more: false };
  const policy = policyInputs(context);
  const slice = sliceTimer();
  let waiting = 0;
  let decided = 0;
  context.activity.transaction(() => {
    for (const task of tasks) {
      if (decided > 0 && slice.spent()) break;
      decided++;
      if (decideTask(context, policy, task).waiting) waiting++;
    }
  });
  return { waiting, more: decided < tasks.length || tasks.length === batchSize };
}

/** What deciding needs besides the task: read once per batch. */
export interface PolicyInputs {
  rules: ApprovalRule[];
  settings: Settings;
}

export function policyInputs(context: ExecutorContext): PolicyInputs {
  return { rules: listRules(context.db), settings: context.settings() };
}

/** The rules' decision alone (no duplicate guard): pure, so a caller can look ahead with it. */
export function decideByRules(task: Task, policy: PolicyInputs): ApprovalDecision {
  return decideApproval(task, policy.rules, policy.settings.unmatchedPolicy);
}

export interface TaskDecided {
  /** The task now waits for Kenny. */
  waiting: boolean;
  /** Set when the task was rehearsed in the same write (`rehearsal` given and it could run). */
  rehearsed?: TaskRunResult;
}

/**
 * Decides one task inside the caller's transaction: rules, then the duplicate guard, then the
 * decision's trail, log and alert. With `rehearsal` (dry run: the task prepared with
 * `prepareTask(..., { probe: true })`), a task that may run by itself is decided and rehearsed in
 * ONE write instead of a decision now and a dry run later: the columns, rows and log lines are
 * those of the two steps (policy-pass.test.ts compares them).
 */
export function decideTask(context: ExecutorContext, policy: PolicyInputs, task: Task, rehearsal?: ReadyTask): TaskDecided {
  const { activity } = context;
  const byRules = decideByRules(task, policy);
  // The duplicate guard: a likely repeat of a recent task of its channel waits for Kenny. A
  // rehearsal brings its payload parsed already; its fingerprint comes from the same preview.
  const check = rehearsal ? checkPrepared(context, policy, rehearsal) : checkDuplicate(context.db, context.registry, policy.settings, task);
  const duplicate = check?.duplicate ?? null;
  const decision = duplicate ? { decision: 'require_approval' as const, reason: duplicateReason(duplicate), ruleId: null } : byRules;
  const changes: Record<string, unknown> = {
    policy_decision: decision.decision,
    policy_reason: decision.reason,
    policy_rule_id: decision.ruleId,
  };
  // The cloud's approval queue reads requires_approval: a task the policy holds shows there too.
  if (decision.decision === 'require_approval') changes.requires_approval = true;
  if (rehearsal && decision.decision === 'auto_execute' && !isAwaitingDecision(task)) {
    const rehearsed = commitDryRun(context, rehearsal, { policy_decision: 'auto_execute', policy_reason: decision.reason, policy_rule_id: decision.ruleId });
    if (rehearsed === 'lost') return { waiting: false, rehearsed };
    if (check) recordCheck(context.db, task, check);
    activity.decision(task.id, 'policy', 'policy', decision.reason, { decision: decision.decision, ruleId: decision.ruleId });
    return { waiting: false, rehearsed };
  }
  const updated = updateReadTask(context.db, task, changes, context.now(), 'AND policy_decision IS NULL');
  if (!updated) return { waiting: false };
  if (check) recordCheck(context.db, updated, check);
  if (duplicate) {
    announceDuplicate(context, updated, duplicate, decision.reason, { rules: byRules });
    return { waiting: true };
  }
  activity.decision(task.id, 'policy', 'policy', decision.reason, { decision: decision.decision, ruleId: decision.ruleId });
  const invalid = invalidBeforeApproval(context, updated);
  if (invalid && decision.decision === 'require_approval') {
    failBeforeClaim(context, updated, invalid);
    return { waiting: false };
  }
  if (isAwaitingDecision(updated)) {
    activity.log({ level: 'info', eventType: 'approval_required', taskId: task.id, message: `"${task.title}" needs approval: ${decision.reason}` });
    activity.alert({
      type: 'approval_needed',
      severity: task.priority === 'urgent' ? 'high' : 'medium',
      title: `Approval needed: ${task.title}`,
      message: `${task.assignedAgent} task waits for your decision (${decision.reason}).`,
      metadata: { task_id: task.id, agent: task.assignedAgent, rule_id: decision.ruleId },
    });
    activity.taskChanged(updated);
    return { waiting: true };
  }
  activity.taskChanged(updated);
  return { waiting: false };
}

/** The duplicate check of a prepared task, from its own preview (no second parse). */
function checkPrepared(context: ExecutorContext, policy: PolicyInputs, prepared: ReadyTask): DuplicateCheck | null {
  if (!prepared.payloadOk) return null;
  let fingerprint: Fingerprint;
  try {
    fingerprint = fingerprintOf(prepared.handler.preview(prepared.payload));
  } catch {
    return null;
  }
  return compareWithRecent(context.db, policy.settings, prepared.task, fingerprint);
}
