import { describe, expect, it } from 'vitest';
import type { ApprovalRule } from '../../../shared/approval-rules';
import { decideApproval } from './approval-policy';
import { defaultApprovalRules } from './default-rules';

const rules: ApprovalRule[] = defaultApprovalRules.map((rule) => ({ ...rule, enabled: true, builtin: true }));
const decide = (assignedAgent: string, metadata: Record<string, unknown>, requiresApproval = false, unmatched: 'follow_flag' | 'require_approval' | 'auto_execute' = 'follow_flag') =>
  decideApproval({ assignedAgent, metadata, requiresApproval }, rules, unmatched);

describe('approval policy with the cloud-intended defaults', () => {
  it.each([
    ['Email Agent', { email_category: 'order' }],
    ['Email Agent', { email_category: 'complaint' }],
    ['Email Agent', { email_category: 'Support' }],
    ['Social Media Agent', { platform: 'facebook' }],
    ['Social Media Agent', { action: 'publish', platform: 'x' }],
    ['Marketing Agent', { task_type: 'send_newsletter' }],
    ['Marketing Agent', { action: 'influencer_outreach' }],
    ['Marketing Agent', { recipient_count: 11 }],
    ['SEO Agent', { change_type: 'meta_description', affected_products: 11 }],
    ['SEO Agent', { change_type: 'url_rewrite', affected_products: 1 }],
    ['SEO Agent', { change_type: 'category_move' }],
    ['Google Ads Agent', { bid_change_percent: 15 }],
    ['Google Ads Agent', { bid_change_percent: '10.5' }],
    ['Google Ads Agent', { action: 'campaign_pause' }],
    ['Email Agent', { action: 'refund' }],
  ])('%s %j needs approval', (agent, metadata) => {
    const decision = decide(agent, metadata);
    expect(decision.decision).toBe('require_approval');
    expect(decision.ruleId).toMatch(/^builtin-/);
  });

  it.each([
    ['Email Agent', { email_category: 'inquiry' }],
    ['Email Agent', { email_category: 'spam' }],
    ['SEO Agent', { change_type: 'image_alt', affected_products: 10 }],
    ['Google Ads Agent', { bid_change_percent: -30 }],
    ['Google Ads Agent', { bid_change_percent: 10 }],
  ])('%s %j runs by itself', (agent, metadata) => {
    expect(decide(agent, metadata).decision).toBe('auto_execute');
  });

  it('approval rules win over auto rules whatever their order (cloud defect 5)', () => {
    // Bid +50% matches the auto rule's field too but must still wait; an auto rule placed first changes nothing.
    const reordered = rules.map((rule) => (rule.effect === 'auto_execute' ? { ...rule, position: -1 } : rule));
    const decision = decideApproval({ assignedAgent: 'SEO Agent', metadata: { change_type: 'meta_description', affected_products: 40 }, requiresApproval: false }, reordered, 'follow_flag');
    expect(decision).toMatchObject({ decision: 'require_approval', ruleId: 'builtin-seo-bulk' });
  });

  it('never matches on the title (cloud defect 5): a title saying "inquiry" does not auto-run a complaint', () => {
    const decision = decideApproval({ assignedAgent: 'Email Agent', metadata: { email_category: 'complaint' }, requiresApproval: false }, rules, 'follow_flag');
    expect(decision.decision).toBe('require_approval');
  });

  it('a task the agent marked requires_approval always waits, even when an auto rule matches', () => {
    expect(decide('Email Agent', { email_category: 'spam' }, true)).toMatchObject({ decision: 'require_approval', ruleId: null });
  });

  it('unmatched tasks follow the setting; by default the task flag (quick-start Tests 2 and 3)', () => {
    expect(decide('Email Agent', {}).decision).toBe('auto_execute');
    expect(decide('Email Agent', {}, true).decision).toBe('require_approval');
    expect(decide('Email Agent', {}, false, 'require_approval').decision).toBe('require_approval');
    expect(decide('Email Agent', {}, false, 'require_approval').reason).toMatch(/No rule covers/);
  });

  it('disabled rules do not count', () => {
    const withoutCustomerRule = rules.map((rule) => (rule.id === 'builtin-customer-emails' ? { ...rule, enabled: false } : rule));
    // The disabled rule no longer asks; the customer-facing default does (seen 10).
    expect(decideApproval({ assignedAgent: 'Email Agent', metadata: { email_category: 'order' }, requiresApproval: false }, withoutCustomerRule, 'follow_flag')).toMatchObject({ decision: 'require_approval', ruleId: null, reason: expect.stringMatching(/customer-facing/) });
  });

  it('seen 10: a customer reply of a category no rule covers asks, whatever the unmatched setting', () => {
    for (const unmatched of ['follow_flag', 'auto_execute', 'require_approval'] as const) {
      expect(decide('Email Agent', { email_category: 'quote', body_text: 'We can offer R45 000' }, false, unmatched)).toMatchObject({ decision: 'require_approval', ruleId: null, reason: expect.stringMatching(/category "quote".*customer-facing/) });
    }
    // Categories on the auto-execute list still run; a task without a category follows the setting.
    expect(decide('Email Agent', { email_category: 'inquiry' }).decision).toBe('auto_execute');
    expect(decide('Email Agent', {}).decision).toBe('auto_execute');
    expect(decide('Marketing Agent', { email_category: 'quote' }).decision).toBe('auto_execute');
  });
});
