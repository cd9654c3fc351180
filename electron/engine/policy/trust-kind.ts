/**
 * The "kind" of a task for trust suggestions: its agent plus the values of the fields the
 * approval rules can see. A field counts when some rule for the agent (or for every agent)
 * compares it with text (eq, neq, in, not_in); numeric thresholds (recipient_count > 10) are not
 * kinds, they stay with the rules that hold them. Pure.
 */
import type { ApprovalRule, RuleCondition } from '../../../shared/approval-rules';
import type { Task } from '../../../shared/domain';
import { ruleMatches } from './approval-policy';
import { defaultApprovalRules } from './default-rules';

type RuleLike = Pick<ApprovalRule, 'agent' | 'conditions' | 'effect'>;

const categoricalOps: ReadonlySet<RuleCondition['op']> = new Set(['eq', 'neq', 'in', 'not_in']);
const isText = (value: unknown) => typeof value === 'string' && !(value.trim() !== '' && Number.isFinite(Number(value)));

/** The fields that make up a kind for this agent, sorted. Shipped rules always count, so deleting one does not merge kinds. */
export function kindFields(rules: readonly RuleLike[], agent: string): string[] {
  const fields = new Set<string>();
  for (const rule of [...rules, ...defaultApprovalRules]) {
    if (rule.agent !== null && rule.agent !== agent) continue;
    for (const condition of rule.conditions) {
      if (!categoricalOps.has(condition.op)) continue;
      const values = Array.isArray(condition.value) ? condition.value : [condition.value];
      if (values.some(isText)) fields.add(condition.field);
    }
  }
  return [...fields].sort();
}

export function readPath(metadata: Record<string, unknown>, path: string): unknown {
  let value: unknown = metadata;
  for (const part of path.split('.')) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

/** A field's value as part of a kind: text trimmed (rules compare case-insensitively), null when absent. */
export function kindValue(value: unknown): string | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string') return value.trim() === '' ? null : value.trim();
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return JSON.stringify(value);
}

export interface TaskKind {
  key: string;
  agent: string;
  fields: Record<string, string | null>;
}

export function kindOf(task: Pick<Task, 'assignedAgent' | 'metadata'>, fields: readonly string[]): TaskKind {
  const values: Record<string, string | null> = {};
  for (const field of fields) values[field] = kindValue(readPath(task.metadata, field));
  const key = [task.assignedAgent, ...fields.map((f) => `${f}=${values[f]?.toLowerCase() ?? '∅'}`)].join('|');
  return { key, agent: task.assignedAgent, fields: values };
}

/** A task that has exactly the kind's values (absent fields absent): what a rule for the kind sees. */
export function representative(kind: TaskKind): Pick<Task, 'assignedAgent' | 'metadata' | 'requiresApproval'> {
  const metadata: Record<string, unknown> = {};
  for (const [path, value] of Object.entries(kind.fields)) {
    if (value === null) continue;
    const parts = path.split('.');
    let target = metadata;
    for (const part of parts.slice(0, -1)) target = (target[part] ??= {}) as Record<string, unknown>;
    target[parts[parts.length - 1]!] = value;
  }
  return { assignedAgent: kind.agent, metadata, requiresApproval: false };
}

/** The conditions of a rule for exactly this kind. */
export function kindConditions(kind: TaskKind): RuleCondition[] {
  return Object.entries(kind.fields).map(([field, value]) => (value === null ? { field, op: 'missing' } : { field, op: 'eq', value }));
}

const shippedHolds = defaultApprovalRules.filter((rule) => rule.effect === 'require_approval').map((rule) => ({ ...rule, enabled: true, builtin: true }));

/**
 * True when a shipped approval rule, as shipped (Kenny's edits do not count), holds this task:
 * complaints, refunds, every social post, newsletters, bulk campaigns, budget changes... Such
 * tasks are never evidence for trust, and a kind they hold as a whole is never suggested.
 */
export function heldByShippedRule(task: Pick<Task, 'assignedAgent' | 'metadata'>): boolean {
  return shippedHolds.some((rule) => ruleMatches(rule, task));
}
