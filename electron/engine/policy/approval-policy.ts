/**
 * The approval decision: a pure function of (task, rules, setting). Order of precedence:
 * 1. the agent marked the task requires_approval=true: it always waits;
 * 2. any enabled approval rule that matches: it waits (approval rules win over auto rules);
 * 3. any enabled auto-execute rule that matches: it runs;
 * 4. a customer-facing task (an Email Agent reply with an `email_category`) no rule covers asks,
 *    whatever the setting: a reply of a new category (a "quote" offering R45 000) is never sent
 *    unread (issue 14, seen 10). Tasks without a category (the quick-start guide's test task)
 *    are not identifiable as customer replies and go on to 5;
 * 5. otherwise the "unmatched" setting decides (default: follow the task's flag).
 * Conditions look at the agent and metadata only, never at the title.
 */
import type { ApprovalRule, RuleCondition } from '../../../shared/approval-rules';
import type { PolicyDecision, Task } from '../../../shared/domain';
import type { Settings } from '../../../shared/settings';

/** Agents whose tasks reach customers directly; unmatched categorised tasks of theirs always ask. */
export const customerFacingAgents: readonly string[] = ['Email Agent'];

function byPosition(a: ApprovalRule, b: ApprovalRule): number {
  return a.position - b.position;
}

/** The reason stored when the agent itself asked for approval (trust suggestions leave those tasks out). */
export const agentFlagReason = (agent: string): string => `${agent} asked for your approval on this task`;

export interface ApprovalDecision {
  decision: PolicyDecision;
  reason: string;
  ruleId: string | null;
}

export function decideApproval(
  task: Pick<Task, 'assignedAgent' | 'metadata' | 'requiresApproval'>,
  rules: readonly ApprovalRule[],
  unmatchedPolicy: Settings['unmatchedPolicy'],
): ApprovalDecision {
  if (task.requiresApproval) {
    return { decision: 'require_approval', reason: agentFlagReason(task.assignedAgent), ruleId: null };
  }
  const matching = rules.filter((rule) => rule.enabled && ruleMatches(rule, task));
  const approval = matching.filter((rule) => rule.effect === 'require_approval').sort(byPosition)[0];
  if (approval) return { decision: 'require_approval', reason: `Rule "${approval.name}"`, ruleId: approval.id };
  const automatic = matching.filter((rule) => rule.effect === 'auto_execute').sort(byPosition)[0];
  if (automatic) return { decision: 'auto_execute', reason: `Rule "${automatic.name}"`, ruleId: automatic.id };
  const category = task.metadata.email_category;
  if (customerFacingAgents.includes(task.assignedAgent) && category !== undefined && category !== null && category !== '') {
    return { decision: 'require_approval', reason: `No rule lets ${task.assignedAgent} replies of category "${String(category)}" run by themselves: customer-facing, so it asks`, ruleId: null };
  }
  switch (unmatchedPolicy) {
    case 'require_approval':
      return { decision: 'require_approval', reason: 'No rule covers this task; the setting asks for approval', ruleId: null };
    case 'auto_execute':
      return { decision: 'auto_execute', reason: 'No rule covers this task; the setting runs it', ruleId: null };
    case 'follow_flag':
      return { decision: 'auto_execute', reason: 'No rule covers this task and its agent did not ask for approval, so it runs by itself', ruleId: null };
  }
}

export function ruleMatches(rule: ApprovalRule, task: Pick<Task, 'assignedAgent' | 'metadata'>): boolean {
  if (rule.agent !== null && rule.agent !== task.assignedAgent) return false;
  return rule.conditions.every((condition) => conditionHolds(condition, readPath(task.metadata, condition.field)));
}

function readPath(metadata: Record<string, unknown>, path: string): unknown {
  let value: unknown = metadata;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** Numbers written as strings by agents ("15") still compare as numbers. */
function asNumber(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value === 'string' && value.trim() !== '' && Number.isFinite(Number(value))) return Number(value);
  return null;
}

const sameValue = (a: unknown, b: unknown): boolean => {
  if (typeof a === 'string' && typeof b === 'string') return a.toLowerCase() === b.toLowerCase();
  const na = asNumber(a);
  const nb = asNumber(b);
  if (na !== null && nb !== null) return na === nb;
  return a === b;
};

export function conditionHolds(condition: RuleCondition, actual: unknown): boolean {
  const expected = condition.value;
  const list = Array.isArray(expected) ? expected : [expected];
  const present = actual !== undefined && actual !== null;
  switch (condition.op) {
    case 'exists':
      return present;
    case 'missing':
      return !present;
    case 'eq':
      return present && sameValue(actual, expected);
    case 'neq':
      return !present || !sameValue(actual, expected);
    case 'in':
      return present && list.some((item) => sameValue(actual, item));
    case 'not_in':
      return !present || !list.some((item) => sameValue(actual, item));
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte': {
      const a = asNumber(actual);
      const b = asNumber(expected);
      if (a === null || b === null) return false;
      return condition.op === 'gt' ? a > b : condition.op === 'gte' ? a >= b : condition.op === 'lt' ? a < b : a <= b;
    }
  }
}
