import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/open-db';
import { tempDir } from '../test-support/engine-fixture';
import { limitWindowMs, pruneExpiredUnits, unitsSinceSql, releaseUnits, reserveUnits, usageInWindow } from './rate-limits';

let dir: ReturnType<typeof tempDir>;
let db: Db;
const t0 = Date.parse('2026-11-29T08:00:00.000Z');
const at = (ms: number) => new Date(t0 + ms);

/** What the window holds, counted the slow way: the reference the kept count must equal. */
function counted(target: Db, key: string, now: Date) {
  const since = new Date(now.getTime() - limitWindowMs).toISOString();
  const row = target.prepare('SELECT count(*) AS used, min(created_at) AS oldestAt FROM rate_limit_events WHERE limit_key = ? AND created_at > ?').get(key, since) as { used: number; oldestAt: string | null };
  return { used: row.used, oldestAt: row.oldestAt };
}

beforeEach(() => {
  dir = tempDir();
  db = openDb(join(dir.path, 'mc.db'));
});
afterEach(() => {
  db.close();
  dir.cleanup();
});

describe('usage in the 24 h window, kept up to date incrementally', () => {
  it('matches a fresh count through reservations, releases, prunes and the window sliding', () => {
    for (let i = 0; i < 30; i++) {
      reserveUnits(db, ['task_executor', 'email_send'], `task-${i}`, i + 1, at(i * 60_000));
      expect(usageInWindow(db, 'task_executor', at(i * 60_000))).toEqual(counted(db, 'task_executor', at(i * 60_000)));
    }
    expect(usageInWindow(db, 'email_send', at(30 * 60_000)).used).toBe(30);
    releaseUnits(db, 30);
    expect(usageInWindow(db, 'task_executor', at(30 * 60_000))).toEqual({ used: 29, oldestAt: at(0).toISOString() });
    // 24 h and 5 min after the first unit: units 0..5 have left the window.
    const later = at(limitWindowMs + 5 * 60_000);
    expect(usageInWindow(db, 'task_executor', later)).toEqual(counted(db, 'task_executor', later));
    expect(usageInWindow(db, 'task_executor', later).used).toBe(23);
    pruneExpiredUnits(db, later);
    reserveUnits(db, ['task_executor'], 'task-new', 99, later);
    expect(usageInWindow(db, 'task_executor', later)).toEqual(counted(db, 'task_executor', later));
  });

  it("sees another connection's units (another executor on the same file)", () => {
    const other = openDb(join(dir.path, 'mc.db'));
    try {
      reserveUnits(db, ['task_executor'], 'mine', 1, at(0));
      expect(usageInWindow(db, 'task_executor', at(1)).used).toBe(1);
      reserveUnits(other, ['task_executor'], 'theirs', 2, at(2));
      expect(usageInWindow(db, 'task_executor', at(3)).used).toBe(2);
      other.prepare('DELETE FROM rate_limit_events WHERE task_id = ?').run('mine');
      expect(usageInWindow(db, 'task_executor', at(4))).toEqual({ used: 1, oldestAt: at(2).toISOString() });
    } finally {
      other.close();
    }
  });

  it('brings the count up to date from the rows added since, not the whole window', () => {
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${unitsSinceSql}`).all(0, 'task_executor', '') as { detail: string }[];
    expect(plan.map((step) => step.detail).join(' ')).toMatch(/USING INTEGER PRIMARY KEY \(rowid>\?\)/);
  });
});
