/**
 * What a Google Ads Agent task carries (metadata.action):
 * - adjust_bid: an ad group's max CPC (`ad_group_id`) or a keyword's (`criterion_id` too), by
 *   `bid_change_percent` or to `new_bid` (money);
 * - set_budget: a campaign budget (`budget_id`, or `campaign_id` for the campaign's budget), by
 *   `budget_change_percent` or to `new_amount` (money per day);
 * - pause_campaign / enable_campaign: `campaign_id`.
 * `customer_id` defaults to the connected account. A task without the ids it needs fails naming
 * the field; `bid_change_percent` alone (what the cloud agent wrote) is such a task. Unknown
 * fields are refused, so a misspelt id is never silently ignored.
 */
import { z } from 'zod';
import { formatMicros, toMicros } from '../../../../shared/ads-money';
import { taskInputSchema } from '../payload';
import type { TaskInput } from '../types';
import { customerIdPattern, normalizeCustomerId } from './ads-config';


// The checks of the refinement below, at module level: closures made per parse cost more than the checks.
type Fields = Readonly<Record<string, unknown>>;

function need(m: Fields, ctx: z.RefinementCtx, field: string, why: string): void {
  if (m[field] === undefined) ctx.addIssue({ code: 'custom', path: [field], message: `required: ${why}` });
}

function refuse(m: Fields, ctx: z.RefinementCtx, fields: readonly string[], why: string): void {
  for (const field of fields) if (m[field] !== undefined) ctx.addIssue({ code: 'custom', path: [field], message: `not allowed: ${why}` });
}

function oneOf(m: Fields, ctx: z.RefinementCtx, a: string, b: string, what: string): void {
  if ((m[a] === undefined) === (m[b] === undefined)) ctx.addIssue({ code: 'custom', path: [m[a] === undefined ? a : b], message: `give exactly one of ${a} or ${b} (${what})` });
}

export const adsActions = ['adjust_bid', 'set_budget', 'pause_campaign', 'enable_campaign'] as const;
export type AdsAction = (typeof adsActions)[number];

/** How a bid or budget changes: by a percent of the current value, or to an amount in the account's currency. */
export type ValueChange = { percent: number } | { amount: number };

export type AdsChange =
  | { action: 'adjust_bid'; customerId: string | null; adGroupId: string; criterionId: string | null; change: ValueChange }
  | { action: 'set_budget'; customerId: string | null; budgetId: string | null; campaignId: string | null; change: ValueChange }
  | { action: 'pause_campaign' | 'enable_campaign'; customerId: string | null; campaignId: string };

const id = z.union([z.string().trim().regex(/^\d+$/, 'expected a numeric Google Ads id'), z.number().int().positive()]).transform(String);
const percent = z.coerce.number().min(-100).max(1000);
const money = z.coerce.number().positive('must be more than 0');

/**
 * Fields the agents write besides the change itself: informational, never used to find the target.
 * owner_feedback is Kenny's feedback on an edited task (shared/owner-feedback.ts).
 */
const notes = { reason: z.string().optional(), campaign: z.string().optional(), task_type: z.string().optional(), current_bid: z.unknown().optional(), owner_feedback: z.unknown().optional() };

const metadataSchema = z
  .strictObject({
    action: z.enum(adsActions).optional(),
    customer_id: z.union([z.string().trim().regex(new RegExp(customerIdPattern), 'expected a 10-digit customer id (dashes allowed)'), z.number().int()]).transform((v) => normalizeCustomerId(String(v))).optional(),
    ad_group_id: id.optional(),
    criterion_id: id.optional(),
    bid_change_percent: percent.optional(),
    new_bid: money.optional(),
    budget_id: id.optional(),
    campaign_id: id.optional(),
    budget_change_percent: percent.optional(),
    new_amount: money.optional(),
    ...notes,
  })
  .superRefine((m, ctx) => {
    const action = m.action ?? (m.bid_change_percent !== undefined || m.new_bid !== undefined ? 'adjust_bid' : undefined);
    if (!action) return void ctx.addIssue({ code: 'custom', path: ['action'], message: `required: one of ${adsActions.join(', ')}` });
    if (action === 'adjust_bid') {
      need(m, ctx, 'ad_group_id', "the ad group whose max CPC changes (with criterion_id for one keyword's bid)");
      oneOf(m, ctx, 'bid_change_percent', 'new_bid', 'the bid change');
      refuse(m, ctx, ['budget_id', 'budget_change_percent', 'new_amount'], 'adjust_bid changes a bid, not a budget');
    } else if (action === 'set_budget') {
      if (m.budget_id === undefined && m.campaign_id === undefined) ctx.addIssue({ code: 'custom', path: ['budget_id'], message: 'required: budget_id, or campaign_id for the campaign\'s budget' });
      oneOf(m, ctx, 'budget_change_percent', 'new_amount', 'the budget change');
      refuse(m, ctx, ['ad_group_id', 'criterion_id', 'bid_change_percent', 'new_bid'], 'set_budget changes a budget, not a bid');
    } else {
      need(m, ctx, 'campaign_id', `the campaign to ${action === 'pause_campaign' ? 'pause' : 'enable'}`);
      refuse(m, ctx, ['ad_group_id', 'criterion_id', 'bid_change_percent', 'new_bid', 'budget_id', 'budget_change_percent', 'new_amount'], `${action} only changes the campaign's status`);
    }
  });

const change = (pct: number | undefined, amount: number | undefined): ValueChange => (pct !== undefined ? { percent: pct } : { amount: amount! });

/** The payload schema over the task (see the module comment). */
export const adsPayloadSchema = taskInputSchema.extend({ metadata: metadataSchema }).transform((task): AdsChange => {
  const m = task.metadata;
  const customerId = m.customer_id ?? null;
  const action = m.action ?? 'adjust_bid';
  if (action === 'adjust_bid') return { action, customerId, adGroupId: m.ad_group_id!, criterionId: m.criterion_id ?? null, change: change(m.bid_change_percent, m.new_bid) };
  if (action === 'set_budget') return { action, customerId, budgetId: m.budget_id ?? null, campaignId: m.campaign_id ?? null, change: change(m.budget_change_percent, m.new_amount) };
  return { action, customerId, campaignId: m.campaign_id! };
}) as unknown as z.ZodType<AdsChange, TaskInput>;

/** "+15 %", "R4.50" style description of what the task asks, before anything is read. */
export function describeRequest(change: ValueChange, currency: string | null): string {
  if ('percent' in change) return `${change.percent > 0 ? '+' : ''}${change.percent} %`;
  return currency ? formatMicros(toMicros(change.amount, currency), currency) : change.amount.toFixed(2);
}
