import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findMigrationsFolder, openDb } from '../db/open-db';
import { decideApproval } from '../policy/approval-policy';
import { defaultApprovalRules } from '../policy/default-rules';
import { listRules, seedDefaultRules, upsertRule } from './rules';

/** The Google Ads rule as shipped before migration 0010 (what existing databases hold). */
const shippedBudgetRule = {
  id: 'builtin-ads-budget',
  position: 50,
  name: 'Google Ads budget and campaign state changes need approval',
  agent: 'Google Ads Agent',
  conditions: [{ field: 'action', op: 'in', value: ['budget_change', 'campaign_pause', 'campaign_resume', 'pause_campaign', 'resume_campaign'] }],
  effect: 'require_approval',
  description: 'Budget changes and pausing or resuming campaigns.',
} as const;

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A database migrated up to 0006 and seeded with the rules as shipped then; reopened with every migration. */
function oldDatabase(edit?: (db: ReturnType<typeof openDb>) => void) {
  const dir = mkdtempSync(join(tmpdir(), 'mc-ads-rules-'));
  dirs.push(dir);
  const all = findMigrationsFolder();
  const oldFolder = join(dir, 'migrations');
  cpSync(all, oldFolder, { recursive: true });
  const journalPath = join(oldFolder, 'meta', '_journal.json');
  const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number }[] };
  journal.entries = journal.entries.filter((entry) => entry.idx <= 6);
  writeFileSync(journalPath, JSON.stringify(journal));
  const file = join(dir, 'old.db');
  const old = openDb(file, { migrationsFolder: oldFolder });
  seedDefaultRules(old, new Date('2026-01-01T00:00:00Z'));
  // The seed above already writes today's defaults: put back the rows exactly as the old version wrote them.
  old.prepare("DELETE FROM approval_rules WHERE id IN ('builtin-ads-budget', 'builtin-ads-new-bid')").run();
  old
    .prepare('INSERT INTO approval_rules (id, position, name, agent, conditions, effect, enabled, description, builtin) VALUES (?, ?, ?, ?, ?, ?, 1, ?, 1)')
    .run(shippedBudgetRule.id, shippedBudgetRule.position, shippedBudgetRule.name, shippedBudgetRule.agent, JSON.stringify(shippedBudgetRule.conditions), shippedBudgetRule.effect, shippedBudgetRule.description);
  edit?.(old);
  old.close();
  return openDb(file);
}

const decide = (rules: ReturnType<typeof listRules>, metadata: Record<string, unknown>) =>
  decideApproval({ assignedAgent: 'Google Ads Agent', metadata, requiresApproval: false }, rules, 'follow_flag');

describe('migration 0010: Google Ads actions in the approval rules', () => {
  it('extends the shipped budget rule Kenny never touched and adds the absolute-bid rule', () => {
    const db = oldDatabase();
    const rules = listRules(db);
    const budget = rules.find((rule) => rule.id === 'builtin-ads-budget')!;
    const shipped = defaultApprovalRules.find((rule) => rule.id === 'builtin-ads-budget')!;
    expect(budget.conditions).toEqual(shipped.conditions);
    expect(budget.description).toBe(shipped.description);
    expect(rules.find((rule) => rule.id === 'builtin-ads-new-actions')).toBeUndefined();
    expect(rules.find((rule) => rule.id === 'builtin-ads-new-bid')?.effect).toBe('require_approval');
    for (const action of ['set_budget', 'enable_campaign', 'pause_campaign']) expect(decide(rules, { action, campaign_id: '1' })).toMatchObject({ decision: 'require_approval', ruleId: 'builtin-ads-budget' });
    expect(decide(rules, { action: 'adjust_bid', ad_group_id: '1', bid_change_percent: 15 }).decision).toBe('require_approval');
    expect(decide(rules, { action: 'adjust_bid', ad_group_id: '1', bid_change_percent: 10 }).decision).toBe('auto_execute');
    expect(decide(rules, { action: 'adjust_bid', ad_group_id: '1', bid_change_percent: -20 }).decision).toBe('auto_execute');
    expect(decide(rules, { action: 'adjust_bid', ad_group_id: '1', new_bid: 4.5 })).toMatchObject({ decision: 'require_approval', ruleId: 'builtin-ads-new-bid' });
    db.close();
  });

  it("keeps Kenny's edit of the budget rule and still makes the new actions wait for approval", () => {
    const db = oldDatabase((old) => {
      upsertRule(old, { ...shippedBudgetRule, conditions: [{ field: 'action', op: 'eq', value: 'budget_change' }], name: 'Only budget changes wait', enabled: true }, new Date('2026-02-01T00:00:00Z'));
    });
    const rules = listRules(db);
    const budget = rules.find((rule) => rule.id === 'builtin-ads-budget')!;
    expect(budget.name).toBe('Only budget changes wait');
    expect(budget.conditions).toEqual([{ field: 'action', op: 'eq', value: 'budget_change' }]);
    for (const action of ['set_budget', 'enable_campaign', 'pause_campaign']) expect(decide(rules, { action, campaign_id: '1' })).toMatchObject({ decision: 'require_approval', ruleId: 'builtin-ads-new-actions' });
    db.close();
  });

  it('keeps a disabled budget rule disabled, and the new actions still wait', () => {
    const db = oldDatabase((old) => old.prepare("UPDATE approval_rules SET enabled = 0 WHERE id = 'builtin-ads-budget'").run());
    const rules = listRules(db);
    expect(rules.find((rule) => rule.id === 'builtin-ads-budget')?.enabled).toBe(false);
    expect(decide(rules, { action: 'enable_campaign', campaign_id: '1' }).ruleId).toBe('builtin-ads-new-actions');
    db.close();
  });

  it('does nothing on a new database: seeding writes the new defaults once', () => {
    const db = openDb(':memory:');
    expect(listRules(db)).toEqual([]);
    seedDefaultRules(db, new Date());
    const ids = listRules(db).map((rule) => rule.id);
    expect(ids).toContain('builtin-ads-new-bid');
    expect(ids).not.toContain('builtin-ads-new-actions');
    db.close();
  });
});
