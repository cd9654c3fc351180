/**
 * The approval rules the cloud intended but never wired in (cloud-contract.md, "Approval rules
 * the cloud intended"), as structured conditions over agent and metadata. Approval rules win
 * over auto-execute rules whatever their position.
 *
 * Changing a shipped rule here changes only new databases: existing ones get the change from a
 * migration that leaves rules Kenny edited alone (0010_google_ads_rules for the Google Ads actions).
 */
import type { ApprovalRule } from '../../../shared/approval-rules';

type BuiltinRule = Omit<ApprovalRule, 'enabled' | 'builtin'>;

const ask = (id: string, position: number, name: string, agent: string | null, conditions: ApprovalRule['conditions'], description: string): BuiltinRule => ({
  id,
  position,
  name,
  agent,
  conditions,
  effect: 'require_approval',
  description,
});
const auto = (id: string, position: number, name: string, agent: string | null, conditions: ApprovalRule['conditions'], description: string): BuiltinRule => ({
  id,
  position,
  name,
  agent,
  conditions,
  effect: 'auto_execute',
  description,
});

export const defaultApprovalRules: readonly BuiltinRule[] = [
  ask('builtin-customer-emails', 10, 'Customer emails need approval', 'Email Agent', [{ field: 'email_category', op: 'in', value: ['order', 'support', 'complaint'] }], 'Replies to order, support and complaint emails go to customers: Kenny reads them first.'),
  ask('builtin-refunds', 11, 'Refunds need approval', null, [{ field: 'action', op: 'in', value: ['refund', 'issue_refund'] }], 'Anything that refunds money.'),
  ask('builtin-refund-category', 12, 'Refund emails need approval', null, [{ field: 'email_category', op: 'eq', value: 'refund' }], 'Emails about refunds.'),
  ask('builtin-social-posts', 20, 'Every social post needs approval', 'Social Media Agent', [{ field: 'action', op: 'not_in', value: ['generate_content'] }], 'Publishing to X, Facebook or Instagram (generating a draft does not publish).'),
  ask('builtin-newsletter-action', 30, 'Newsletters need approval', 'Marketing Agent', [{ field: 'action', op: 'eq', value: 'send_newsletter' }], 'Newsletters go to the whole list.'),
  ask('builtin-newsletter-type', 31, 'Newsletters need approval', 'Marketing Agent', [{ field: 'task_type', op: 'eq', value: 'send_newsletter' }], 'Newsletters go to the whole list.'),
  ask('builtin-outreach-action', 32, 'Influencer outreach needs approval', 'Marketing Agent', [{ field: 'action', op: 'eq', value: 'influencer_outreach' }], 'Messages to influencers speak for Audico.'),
  ask('builtin-outreach-type', 33, 'Influencer outreach needs approval', 'Marketing Agent', [{ field: 'task_type', op: 'eq', value: 'influencer_outreach' }], 'Messages to influencers speak for Audico.'),
  ask('builtin-bulk-campaigns', 34, 'Bulk campaigns need approval', null, [{ field: 'recipient_count', op: 'gt', value: 10 }], 'More than 10 recipients.'),
  ask('builtin-seo-bulk', 40, 'SEO changes on more than 10 products need approval', 'SEO Agent', [{ field: 'affected_products', op: 'gt', value: 10 }], 'Large catalogue changes.'),
  ask('builtin-seo-structure', 41, 'URL rewrites and category moves need approval', 'SEO Agent', [{ field: 'change_type', op: 'in', value: ['url_rewrite', 'category_move'] }], 'Changes that move pages.'),
  ask('builtin-ads-budget', 50, 'Google Ads budget and campaign state changes need approval', 'Google Ads Agent', [{ field: 'action', op: 'in', value: ['budget_change', 'campaign_pause', 'campaign_resume', 'pause_campaign', 'resume_campaign', 'set_budget', 'enable_campaign'] }], 'Budget changes (set_budget) and pausing, resuming or enabling campaigns.'),
  ask('builtin-ads-budget-field', 51, 'Google Ads budget changes need approval', 'Google Ads Agent', [{ field: 'budget_change', op: 'exists' }], 'Budget changes.'),
  ask('builtin-ads-bid-increase', 52, 'Bid increases over 10% need approval', 'Google Ads Agent', [{ field: 'bid_change_percent', op: 'gt', value: 10 }], 'Large bid increases.'),
  ask('builtin-ads-new-bid', 54, 'Google Ads bids set to an absolute amount need approval', 'Google Ads Agent', [{ field: 'action', op: 'eq', value: 'adjust_bid' }, { field: 'new_bid', op: 'exists' }], 'A new_bid in money: how large the change is only shows when the current bid is read.'),
  auto('builtin-auto-faq-emails', 100, 'Inquiry and spam emails run by themselves', 'Email Agent', [{ field: 'email_category', op: 'in', value: ['inquiry', 'spam'] }], 'FAQ answers and spam handling.'),
  auto('builtin-auto-seo-fixes', 110, 'Small SEO fixes run by themselves', 'SEO Agent', [{ field: 'change_type', op: 'in', value: ['meta_description', 'image_alt'] }, { field: 'affected_products', op: 'lte', value: 10 }], 'Meta descriptions and image alt texts on at most 10 products.'),
  auto('builtin-auto-bids', 120, 'Bid decreases and increases up to 10% run by themselves', 'Google Ads Agent', [{ field: 'bid_change_percent', op: 'lte', value: 10 }], 'Small bid adjustments.'),
];
