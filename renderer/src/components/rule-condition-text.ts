/**
 * Rule conditions as form fields: a value typed in a text box becomes the JSON value the engine
 * compares (numbers, true/false, null, lists for "is one of"), and back. Pure, unit-tested.
 */
import { z } from 'zod';
import { ruleConditionSchema, type RuleCondition } from '../../../shared/approval-rules';

export type ConditionOp = RuleCondition['op'];

/** The ops in words, for the select. */
export const opWords: Record<ConditionOp, string> = {
  eq: 'is',
  neq: 'is not',
  in: 'is one of',
  not_in: 'is none of',
  gt: 'is more than',
  gte: 'is at least',
  lt: 'is less than',
  lte: 'is at most',
  exists: 'is present',
  missing: 'is missing',
};

/** Metadata fields the agents use, offered as suggestions (any dotted path is allowed). */
export const suggestedFields = ['email_category', 'platform', 'action', 'channel', 'bid.change', 'budget.change', 'recipients', 'product_count', 'customer_email', 'priority'];

export interface ConditionRow {
  field: string;
  op: ConditionOp;
  /** As typed; lists are comma-separated. */
  value: string;
}

const scalarOf = (text: string): string | number | boolean | null => {
  const trimmed = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(trimmed)) return Number(trimmed);
  if (trimmed === 'true' || trimmed === 'false') return trimmed === 'true';
  if (trimmed === 'null') return null;
  return trimmed;
};

export function toRow(condition: RuleCondition): ConditionRow {
  const value = condition.value;
  const text = value === undefined ? '' : Array.isArray(value) ? value.map(String).join(', ') : String(value);
  return { field: condition.field, op: condition.op, value: text };
}

/** A row as a condition, or the message saying what is wrong with it. */
export function fromRow(row: ConditionRow): { ok: true; condition: RuleCondition } | { ok: false; error: string } {
  const base = { field: row.field.trim(), op: row.op };
  const needsNoValue = row.op === 'exists' || row.op === 'missing';
  const list = row.op === 'in' || row.op === 'not_in';
  if (!needsNoValue && !row.value.trim()) return { ok: false, error: `${base.field || 'condition'}: a value is needed for “${opWords[row.op]}”` };
  const value = needsNoValue ? undefined : list ? row.value.split(',').map(scalarOf).filter((item) => item !== '') : scalarOf(row.value);
  if (['gt', 'gte', 'lt', 'lte'].includes(row.op) && typeof value !== 'number') return { ok: false, error: `${base.field || 'condition'}: “${opWords[row.op]}” needs a number` };
  const parsed = ruleConditionSchema.safeParse(value === undefined ? base : { ...base, value });
  if (!parsed.success) return { ok: false, error: `${base.field || 'condition'}: ${parsed.error.issues[0]?.message ?? 'invalid'}` };
  return { ok: true, condition: parsed.data };
}

/** The "Advanced" JSON view: every key checked, unknown keys refused with their names. */
export const strictConditionsSchema = z.array(z.strictObject(ruleConditionSchema.shape)).max(20);

export function parseConditionsJson(text: string): { ok: true; conditions: RuleCondition[] } | { ok: false; error: string } {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `Not valid JSON: ${(error as Error).message}` };
  }
  const parsed = strictConditionsSchema.safeParse(json);
  if (parsed.success) return { ok: true, conditions: parsed.data };
  return { ok: false, error: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'conditions'}: ${issue.message}`).join('; ') };
}
