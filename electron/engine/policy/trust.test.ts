import { describe, expect, it } from 'vitest';
import type { ApprovalRule } from '../../../shared/approval-rules';
import { agentFlagReason } from './approval-policy';
import { defaultApprovalRules } from './default-rules';
import { trustSuggestions, type DecidedTask } from './trust';

const shipped: ApprovalRule[] = defaultApprovalRules.map((rule) => ({ ...rule, enabled: true, builtin: true }));
const settings = { trustThreshold: 20, unmatchedPolicy: 'follow_flag' as const };
const start = Date.parse('2026-11-01T08:00:00.000Z');

/** Fake time: decision n happens n hours after the start. */
function decisions(count: number, metadata: Record<string, unknown>, options: { agent?: string; outcome?: DecidedTask['outcome']; from?: number; reason?: string } = {}): DecidedTask[] {
  return Array.from({ length: count }, (_, i) => {
    const n = (options.from ?? 0) + i;
    return {
      id: `t${n}`,
      title: `Task ${n}`,
      assignedAgent: options.agent ?? 'Email Agent',
      metadata,
      outcome: options.outcome ?? 'approved',
      decidedAt: new Date(start + n * 3_600_000).toISOString(),
      decidedBy: 'Kenny',
      policyReason: options.reason ?? 'No rule covers this',
    };
  });
}

describe('trust suggestions', () => {
  it('suggests an auto-execute rule after 20 unchanged approvals of one kind, with the evidence', () => {
    const history = decisions(20, { email_category: 'quote', email_id: 'x' });
    const [suggestion, ...rest] = trustSuggestions(history, shipped, settings, new Set());
    expect(rest).toEqual([]);
    expect(suggestion).toMatchObject({
      agent: 'Email Agent',
      fields: { action: null, email_category: 'quote' },
      label: 'Email Agent · email_category quote',
      message: 'You approved 20 Email Agent · email_category quote tasks without changes. Let them run by themselves?',
      count: 20,
      firstApprovedAt: '2026-11-01T08:00:00.000Z',
      lastApprovedAt: '2026-11-02T03:00:00.000Z',
      rule: {
        agent: 'Email Agent',
        conditions: [
          { field: 'action', op: 'missing' },
          { field: 'email_category', op: 'eq', value: 'quote' },
        ],
      },
    });
    expect(suggestion!.id).toMatch(/^trust-[0-9a-f]{8}$/);
    expect(suggestion!.evidence.map((e) => e.taskId)).toEqual(['t19', 't18', 't17', 't16', 't15', 't14', 't13', 't12', 't11', 't10']);
  });

  it('waits for the threshold (a setting)', () => {
    const history = decisions(19, { email_category: 'quote' });
    expect(trustSuggestions(history, shipped, settings, new Set())).toEqual([]);
    expect(trustSuggestions(history.slice(0, 5), shipped, { ...settings, trustThreshold: 5 }, new Set())).toHaveLength(1);
  });

  it('an edit or a rejection starts the count again', () => {
    const quote = { email_category: 'quote' };
    for (const outcome of ['edited', 'rejected'] as const) {
      const history = [...decisions(15, quote), ...decisions(1, quote, { outcome, from: 15 }), ...decisions(19, quote, { from: 16 })];
      expect(trustSuggestions(history, shipped, settings, new Set())).toEqual([]);
      const more = [...history, ...decisions(1, quote, { from: 35 })];
      expect(trustSuggestions(more, shipped, settings, new Set())[0]).toMatchObject({ count: 20, firstApprovedAt: new Date(start + 16 * 3_600_000).toISOString() });
    }
  });

  it('counts kinds apart: other categories and agents do not add up', () => {
    const history = [...decisions(10, { email_category: 'quote' }), ...decisions(10, { email_category: 'QUOTE ' }, { from: 10 }), ...decisions(10, { email_category: 'other' }, { from: 20 })];
    const [suggestion, ...rest] = trustSuggestions(history, shipped, settings, new Set());
    expect(rest).toEqual([]);
    // case and spaces do not split a kind (rules compare case-insensitively)
    expect(suggestion).toMatchObject({ count: 20, fields: { email_category: 'QUOTE' } });
  });

  it('never suggests what the shipped rules always hold: complaints, social posts, budget changes', () => {
    const noEmailRule = shipped.map((rule) => (rule.id === 'builtin-customer-emails' ? { ...rule, enabled: false } : rule));
    const history = [
      ...decisions(30, { email_category: 'complaint' }),
      ...decisions(30, { action: 'publish', post_id: 'p' }, { agent: 'Social Media Agent', from: 30 }),
      ...decisions(30, { action: 'set_budget', budget_id: 1, new_amount: 100 }, { agent: 'Google Ads Agent', from: 60 }),
    ];
    expect(trustSuggestions(history, noEmailRule, { ...settings, unmatchedPolicy: 'require_approval' }, new Set())).toEqual([]);
  });

  it('approvals of tasks a shipped rule holds (bulk, budget_change) do not count', () => {
    const history = [...decisions(19, { email_category: 'quote' }), ...decisions(5, { email_category: 'quote', recipient_count: 50 }, { from: 19 })];
    expect(trustSuggestions(history, shipped, settings, new Set())).toEqual([]);
  });

  it('leaves out kinds that already run by themselves, or that an approval rule of Kenny would still hold', () => {
    // inquiry replies run by themselves under the shipped rules
    expect(trustSuggestions(decisions(25, { email_category: 'inquiry' }), shipped, settings, new Set())).toEqual([]);
    const noFaq = shipped.map((rule) => (rule.id === 'builtin-auto-faq-emails' ? { ...rule, enabled: false } : rule));
    expect(trustSuggestions(decisions(25, { email_category: 'inquiry' }), noFaq, settings, new Set())).toHaveLength(1);
    const kennyHolds: ApprovalRule = { id: 'k', position: 5, name: 'Quotes wait', agent: null, conditions: [{ field: 'email_category', op: 'eq', value: 'quote' }], effect: 'require_approval', enabled: true, description: '', builtin: false };
    expect(trustSuggestions(decisions(25, { email_category: 'quote' }), [...shipped, kennyHolds], settings, new Set())).toEqual([]);
  });

  it('after accepting (the rule exists) or dismissing, the kind is not offered again', () => {
    const history = decisions(20, { email_category: 'quote' });
    const [suggestion] = trustSuggestions(history, shipped, settings, new Set());
    expect(trustSuggestions(history, shipped, settings, new Set([suggestion!.kindKey]))).toEqual([]);
    const accepted: ApprovalRule = { ...suggestion!.rule, id: 'learned', position: 150, effect: 'auto_execute', enabled: true, builtin: false };
    expect(trustSuggestions(history, [...shipped, accepted], settings, new Set())).toEqual([]);
  });

  it('leaves out tasks the agent itself marked requires_approval', () => {
    const history = decisions(25, { email_category: 'quote' }, { reason: agentFlagReason('Email Agent') });
    expect(trustSuggestions(history, shipped, settings, new Set())).toEqual([]);
  });
});
