import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../db/open-db';
import { tempDir } from '../test-support/engine-fixture';
import { getTask, insertTask, updateReadTask } from './tasks';

const dir = tempDir();
afterEach(() => dir.cleanup());

describe('updateReadTask', () => {
  it('returns exactly the row a fresh read gives, without reading it', () => {
    const db = openDb(join(dir.path, 'tasks.db'));
    try {
      const task = insertTask(db, { title: 'Reply to Thandi', assignedAgent: 'Email Agent', metadata: { to: 'thandi@example.com' } });
      const now = new Date('2026-11-30T04:00:00.000Z');
      const changes = { policy_decision: 'require_approval', policy_reason: 'customer-facing', policy_rule_id: null, requires_approval: true };
      const decided = updateReadTask(db, task, changes, now, 'AND policy_decision IS NULL');
      expect(decided).toEqual(getTask(db, task.id));
      expect(decided).toMatchObject({ policyDecision: 'require_approval', requiresApproval: true, updatedAt: now.toISOString() });

      const later = new Date(now.getTime() + 5);
      const claimed = updateReadTask(db, decided!, { status: 'in_progress', lease_owner: 'host/1/a', lease_expires_at: '2026-11-30T04:10:00.000Z', execution_attempts: 1 }, later);
      expect(claimed).toEqual(getTask(db, task.id));

      // The compare-and-swap lost: nothing written, nothing returned.
      expect(updateReadTask(db, decided!, { policy_reason: 'again' }, later, 'AND policy_decision IS NULL')).toBeNull();
      expect(getTask(db, task.id)?.policyReason).toBe('customer-facing');
      expect(() => updateReadTask(db, task, { metadata: '{}' }, later)).toThrow(/metadata/);
    } finally {
      db.close();
    }
  });
});
