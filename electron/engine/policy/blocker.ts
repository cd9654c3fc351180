/**
 * Why a task is not running right now, in words a person can act on: a pure function of the task
 * and the executor's state. Shown in the task detail view.
 */
import type { Blocker } from '../../../shared/contract';
import type { Task } from '../../../shared/domain';
import type { ConnectionState } from '../../../shared/channel-connection';
import type { Settings } from '../../../shared/settings';

/**
 * The task's channel when it cannot act (`reason`: "No Gmail account connected: connect Gmail in
 * Settings → Channels", "Gmail needs to be reconnected: …"); null when it can or there is none.
 */
export interface ChannelProblem {
  state: ConnectionState;
  reason: string;
}

export function explainBlocker(task: Task, state: { settings: Settings; hasHandler: boolean; now: Date; channel?: ChannelProblem | null }): Blocker {
  const none = (code: Blocker['code'], message: string, until: string | null = null): Blocker => ({ code, message, until });
  if (task.status === 'completed') return none('finished', `Completed ${task.completedAt ?? ''}`.trim());
  if (task.status === 'rejected') return none('finished', `Rejected by ${task.rejectedBy ?? 'someone'}: ${task.rejectionReason ?? 'no reason given'}`);
  if (task.status === 'in_progress') return none('running', `Running now (lease held by ${task.leaseOwner ?? 'an executor'})`, task.leaseExpiresAt);
  if (task.status === 'failed') {
    if (task.outcomeUnknown) return none('outcome_unknown', `The outcome is unknown: it may have been sent. Check by hand, then re-queue it or leave it. ${task.executionError ?? ''}`.trim());
    return none('attempts_exhausted', `Failed after ${task.executionAttempts} attempt(s): ${task.executionError ?? 'unknown error'}. Re-queue it to try again.`);
  }
  if (!state.hasHandler) return none('no_handler', `No channel runs ${task.assignedAgent}'s tasks: this is a manual task for you. Do it, then mark it done.`);
  const channel = state.channel ?? null;
  const channelNote = channel ? ` It cannot run yet: ${channel.reason}` : '';
  if (task.requiresApproval && !task.approvedAt) return none('needs_approval', `Waiting for your approval (${task.policyReason ?? 'its agent asked for approval'}).${channelNote}`);
  if (task.policyDecision === null) return none('none', 'New: the approval policy decides on the next cycle.');
  if (state.settings.globalPause) return none('paused', 'Execution is paused (global pause). Resume it from the menu bar or Settings.');
  if (!state.settings.autoExecution) return none('auto_execution_off', 'Auto execution is off (ENABLE_AUTO_EXECUTION): nothing runs until it is switched on.');
  if (task.notBefore && Date.parse(task.notBefore) > state.now.getTime()) {
    return none('deferred', task.holdReason ?? `Held until ${task.notBefore}`, task.notBefore);
  }
  if (channel?.state === 'not_connected') return none('none', `Ready, but it fails when it runs: ${channel.reason}`);
  if (channel) return none('deferred', task.holdReason ?? channel.reason, task.notBefore);
  return none('none', 'Ready: it runs on the next cycle.');
}
