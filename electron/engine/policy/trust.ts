/**
 * Trust that grows: a pure function of Kenny's decisions, the rules and the settings that says
 * which kinds of task have earned an auto-execute rule. Per kind (trust-kind.ts), decisions are
 * read in time order: an approval without changes adds one, an approval with edits or a rejection
 * starts again from zero. At `threshold` (settings.trustThreshold, default 20) a suggestion is made,
 * unless:
 * - Kenny dismissed it before (dismissed kinds stay dismissed);
 * - a shipped approval rule holds the kind (complaints, refunds, social posts, newsletters,
 *   budget changes...): approvals of tasks a shipped rule holds (a bulk campaign, a bid increase
 *   over 10 %) never count either;
 * - the kind already runs by itself under the current rules (e.g. after accepting), or an approval
 *   rule of Kenny's would still hold it (the suggested rule would change nothing).
 * Tasks the agent itself marked requires_approval are left out: a rule cannot change those.
 */
import type { ApprovalRule } from '../../../shared/approval-rules';
import type { Settings } from '../../../shared/settings';
import type { TrustEvidence, TrustSuggestion } from '../../../shared/trust';
import { agentFlagReason, decideApproval } from './approval-policy';
import { heldByShippedRule, kindConditions, kindFields, kindOf, representative, type TaskKind } from './trust-kind';

/** One decision of Kenny's on a task that waited for him. */
export interface DecidedTask {
  id: string;
  title: string;
  assignedAgent: string;
  metadata: Record<string, unknown>;
  outcome: 'approved' | 'edited' | 'rejected';
  /** approved_at, or rejected_at for a rejection. */
  decidedAt: string;
  decidedBy: string | null;
  policyReason: string | null;
}

/** Evidence shown per suggestion (most recent first). */
const evidenceShown = 10;

/** FNV-1a, 32 bits: a short stable id per kind. */
export function suggestionId(kindKey: string): string {
  let hash = 0x811c9dc5;
  for (let i = 0; i < kindKey.length; i++) {
    hash ^= kindKey.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return `trust-${hash.toString(16).padStart(8, '0')}`;
}

export function kindLabel(kind: TaskKind): string {
  const parts = Object.entries(kind.fields).filter(([, value]) => value !== null).map(([field, value]) => `${field} ${value}`);
  return [kind.agent, ...parts].join(' · ');
}

interface Streak {
  kind: TaskKind;
  approvals: DecidedTask[];
}

export function trustSuggestions(
  decided: readonly DecidedTask[],
  rules: readonly ApprovalRule[],
  settings: Pick<Settings, 'trustThreshold' | 'unmatchedPolicy'>,
  dismissed: ReadonlySet<string>,
): TrustSuggestion[] {
  const fieldsByAgent = new Map<string, string[]>();
  const streaks = new Map<string, Streak>();
  const ordered = [...decided].sort((a, b) => (a.decidedAt < b.decidedAt ? -1 : a.decidedAt > b.decidedAt ? 1 : 0));
  for (const task of ordered) {
    if (task.policyReason === agentFlagReason(task.assignedAgent) || task.policyReason === `${task.assignedAgent} marked this task requires_approval`) continue; // also the wording older databases stored
    let fields = fieldsByAgent.get(task.assignedAgent);
    if (!fields) fieldsByAgent.set(task.assignedAgent, (fields = kindFields(rules, task.assignedAgent)));
    const kind = kindOf(task, fields);
    const streak = streaks.get(kind.key) ?? { kind, approvals: [] };
    streaks.set(kind.key, streak);
    if (task.outcome !== 'approved') streak.approvals = [];
    else if (!heldByShippedRule(task)) {
      streak.approvals.push(task);
      streak.kind = kind; // the latest spelling of the values
    }
  }
  const suggestions: TrustSuggestion[] = [];
  for (const { kind, approvals } of streaks.values()) {
    if (approvals.length < settings.trustThreshold || dismissed.has(kind.key)) continue;
    const rep = representative(kind);
    if (heldByShippedRule(rep)) continue;
    if (decideApproval(rep, rules, settings.unmatchedPolicy).decision === 'auto_execute') continue;
    const id = suggestionId(kind.key);
    const conditions = kindConditions(kind);
    const label = kindLabel(kind);
    const proposed: ApprovalRule = { id, position: 150, name: '', agent: kind.agent, conditions, effect: 'auto_execute', enabled: true, description: '', builtin: false };
    const withRule = decideApproval(rep, [...rules, proposed], settings.unmatchedPolicy);
    if (withRule.decision !== 'auto_execute' || withRule.ruleId !== id) continue;
    const first = approvals[0]!;
    const last = approvals[approvals.length - 1]!;
    const evidence: TrustEvidence[] = approvals
      .slice(-evidenceShown)
      .reverse()
      .map((task) => ({ taskId: task.id, title: task.title, approvedAt: task.decidedAt, approvedBy: task.decidedBy }));
    suggestions.push({
      id,
      kindKey: kind.key,
      agent: kind.agent,
      fields: kind.fields,
      label,
      message: `You approved ${approvals.length} ${label} tasks without changes. Let them run by themselves?`,
      count: approvals.length,
      firstApprovedAt: first.decidedAt,
      lastApprovedAt: last.decidedAt,
      evidence,
      rule: {
        name: `Learned: ${label} runs by itself`,
        agent: kind.agent,
        conditions,
        description: `Suggested after ${approvals.length} approvals without changes (${first.decidedAt.slice(0, 10)} to ${last.decidedAt.slice(0, 10)}).`,
      },
    });
  }
  return suggestions.sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}
