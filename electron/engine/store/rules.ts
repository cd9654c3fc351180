/**
 * approval_rules: the approval policy as data. Built-in rules are seeded once (the cloud's
 * intended rules) and can then be edited or disabled like any other.
 */
import { approvalRuleInputSchema, type ApprovalRule, type ApprovalRuleInput, type RuleCondition } from '../../../shared/approval-rules';
import type { Db } from '../db/open-db';
import { parseJsonColumn, stmt } from '../db/statements';
import { defaultApprovalRules } from '../policy/default-rules';
import { writeConfig, readConfigs } from './configs';

interface RuleRow {
  id: string;
  position: number;
  name: string;
  agent: string | null;
  conditions: string;
  effect: string;
  enabled: number;
  description: string;
  builtin: number;
}

const rowToRule = (row: RuleRow): ApprovalRule => ({
  id: row.id,
  position: row.position,
  name: row.name,
  agent: row.agent,
  conditions: parseJsonColumn<RuleCondition[]>(row.conditions, []),
  effect: row.effect as ApprovalRule['effect'],
  enabled: row.enabled === 1,
  description: row.description,
  builtin: row.builtin === 1,
});

export function listRules(db: Db): ApprovalRule[] {
  return (stmt(db, 'SELECT * FROM approval_rules ORDER BY position, name').all() as RuleRow[]).map(rowToRule);
}

export function upsertRule(db: Db, input: ApprovalRuleInput, now: Date): ApprovalRule {
  const rule = approvalRuleInputSchema.parse(input);
  const row = stmt(
    db,
    `INSERT INTO approval_rules (id, position, name, agent, conditions, effect, enabled, description, created_at, updated_at)
     VALUES (coalesce(?, lower(hex(randomblob(16)))), ?, ?, ?, ?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET position = excluded.position, name = excluded.name, agent = excluded.agent,
       conditions = excluded.conditions, effect = excluded.effect, enabled = excluded.enabled,
       description = excluded.description, updated_at = excluded.updated_at
     RETURNING *`,
  ).get(
    rule.id ?? null,
    rule.position,
    rule.name,
    rule.agent,
    JSON.stringify(rule.conditions),
    rule.effect,
    rule.enabled ? 1 : 0,
    rule.description,
    now.toISOString(),
    now.toISOString(),
  ) as RuleRow;
  return rowToRule(row);
}

export function deleteRule(db: Db, id: string): boolean {
  return stmt(db, 'DELETE FROM approval_rules WHERE id = ?').run(id).changes === 1;
}

const seededKey = 'approval_rules_seeded';

/** Seeds the built-in rules the first time a database is opened (never again, so deletions stick). */
export function seedDefaultRules(db: Db, now: Date): void {
  if (readConfigs(db).has(seededKey)) return;
  db.transaction(() => {
    const insert = stmt(
      db,
      `INSERT OR IGNORE INTO approval_rules (id, position, name, agent, conditions, effect, enabled, description, builtin)
       VALUES (?, ?, ?, ?, ?, ?, 1, ?, 1)`,
    );
    for (const rule of defaultApprovalRules) {
      insert.run(rule.id, rule.position, rule.name, rule.agent, JSON.stringify(rule.conditions), rule.effect, rule.description);
    }
    writeConfig(db, seededKey, true, now);
  })();
}
