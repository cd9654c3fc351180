/**
 * Approval rules: structured conditions over a task's agent and metadata (never its title; the
 * cloud's substring matching was defect 5). Stored as data in approval_rules, editable later.
 */
import { z } from 'zod';
import { strictInput, wellFormed } from './strict-input';

const scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

export const conditionOps = ['eq', 'neq', 'in', 'not_in', 'gt', 'gte', 'lt', 'lte', 'exists', 'missing'] as const;

/** `field` is a dotted path into metadata (`email_category`, `bid.change`). */
export const ruleConditionSchema = z.object({
  field: z.string().trim().min(1).max(200).regex(/^[A-Za-z0-9_]+(\.[A-Za-z0-9_]+)*$/, 'field must be a dotted metadata path'),
  op: z.enum(conditionOps),
  value: z.union([scalar, z.array(scalar)]).optional(),
});
export type RuleCondition = z.infer<typeof ruleConditionSchema>;

export const ruleEffectSchema = z.enum(['require_approval', 'auto_execute']);
export type RuleEffect = z.infer<typeof ruleEffectSchema>;

export const approvalRuleSchema = z.object({
  id: z.string(),
  position: z.number().int(),
  name: z.string().trim().min(1).max(200),
  /** null matches every agent. */
  agent: z.string().nullable(),
  /** All must hold (AND). An empty list matches every task of the agent. */
  conditions: z.array(ruleConditionSchema).max(20),
  effect: ruleEffectSchema,
  enabled: z.boolean(),
  description: z.string().max(2000),
  builtin: z.boolean(),
});
export type ApprovalRule = z.infer<typeof approvalRuleSchema>;

/** A rule as written by a caller: every object strict (unknown fields refused), agent 1-100 characters or null. */
export const approvalRuleInputSchema = strictInput({
  id: z.string().trim().min(1).max(100).optional(),
  position: approvalRuleSchema.shape.position,
  name: wellFormed(z.string().trim().min(1).max(200)),
  agent: wellFormed(z.string().trim().min(1, 'agent must not be empty (null matches every agent)').max(100)).nullable(),
  conditions: z.array(strictInput(ruleConditionSchema.shape)).max(20),
  effect: ruleEffectSchema,
  enabled: z.boolean(),
  description: wellFormed(z.string().max(2000)).default(''),
});
export type ApprovalRuleInput = z.input<typeof approvalRuleInputSchema>;
