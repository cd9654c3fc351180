/**
 * A dry run's whole protocol in one step: nothing is sent, so nobody can observe the claim
 * between "claimed" and "completed". The task moves new -> completed in ONE compare-and-swap
 * (the same conditions as a real claim, so a task rejected, re-decided or claimed elsewhere is
 * 'lost'), with its finished ledger row (dry_run, the exact preview or why it would fail) and its
 * completion log. Three writes per task instead of six; the cycle commits several together.
 * A task the policy pass rehearses as it decides it (policy-pass.ts) also gets its decision in
 * the same UPDATE, on condition that nobody decided it meanwhile.
 */
import { insertExecution } from '../store/executions';
import { updateTaskColumns } from '../store/tasks';
import type { ClaimRequest } from './claim';
import type { ExecutorContext } from './context';
import { isoTime } from '../store/iso-time';

export type DryRunCommit = 'completed' | 'lost';

/** The policy pass's columns for a task decided and rehearsed in one write. */
export interface PolicyDecisionColumns {
  policy_decision: 'auto_execute';
  policy_reason: string;
  policy_rule_id: string | null;
}

export function completeDryRun(context: ExecutorContext, request: ClaimRequest, result: Record<string, unknown>, note: string, decided?: PolicyDecisionColumns): DryRunCommit {
  const { db, activity } = context;
  return activity.transaction((): DryRunCommit => {
    const now = context.now();
    const nowIso = isoTime(now);
    const won = updateTaskColumns(
      db,
      request.task.id,
      {
        status: 'completed',
        lease_owner: null,
        lease_expires_at: null,
        execution_attempts: request.task.executionAttempts + 1,
        last_execution_attempt: nowIso,
        completed_at: nowIso,
        execution_error: null,
        hold_reason: null,
        not_before: null,
        // the lists' dry-run filters read it (store/task-list.ts); as the ledger row says
        dry_run_verdict: result.verdict ?? (result.wouldFail ? 'would_fail' : 'would_run'),
        ...decided,
      },
      now,
      // compare-and-swap, exactly the claim's conditions (and still undecided, when deciding too)
      `AND status = 'new' AND execution_attempts = ? AND rejected_at IS NULL AND (requires_approval = 0 OR approved_at IS NOT NULL)${decided ? ' AND policy_decision IS NULL' : ''}`,
      [request.task.executionAttempts],
    );
    if (!won) return 'lost';
    const taskId = request.task.id;
    const execution = insertExecution(db, { taskId, channel: request.channel, dryRun: true, requestPreview: request.preview, executorId: context.executorId }, now, { result });
    activity.log({
      level: result.wouldFail ? 'warning' : 'info',
      eventType: 'task_completed',
      taskId,
      taskAgent: request.task.assignedAgent,
      message: note,
      context: { attempt: execution.attempt, channel: request.channel, dry_run: true, external_id: null, external_url: null, idempotency_key: execution.idempotencyKey },
    });
    activity.taskChanged({ id: taskId, status: 'completed' });
    return 'completed';
  });
}
