import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../db/open-db';
import { tempDir } from '../test-support/engine-fixture';
import { statusCounts } from './stats';

const insert = (db: Database.Database, id: string, status: string, extra: { outcomeUnknown?: boolean; updatedAt?: string } = {}) => {
  const at = extra.updatedAt ?? new Date().toISOString();
  db.prepare(`INSERT INTO squad_tasks (id, title, status, assigned_agent, priority, created_at, updated_at, metadata, outcome_unknown) VALUES (?, ?, ?, 'Email Agent', 'medium', ?, ?, '{}', ?)`).run(id, id, status, at, at, extra.outcomeUnknown ? 1 : 0);
};

describe('status counts (memoized until the database changes)', () => {
  const dir = tempDir();
  afterEach(() => dir.cleanup());

  it('recounts after a write on this connection, a write from another connection, and when the 24 h window moves', () => {
    const path = join(dir.path, 'mc.db');
    const db = openDb(path);
    const other = new Database(path);
    const now = new Date();
    try {
      insert(db, 'f1', 'failed');
      expect(statusCounts(db, ['Email Agent'], now)).toMatchObject({ failed24h: 1, outcomeUnknown: 0 });

      insert(db, 'f2', 'failed', { outcomeUnknown: true });
      expect(statusCounts(db, ['Email Agent'], now)).toMatchObject({ failed24h: 2, outcomeUnknown: 1 });

      insert(other, 'f3', 'failed', { updatedAt: new Date(now.getTime() - 2 * 86_400_000).toISOString() });
      insert(other, 'n1', 'new');
      expect(statusCounts(db, ['Email Agent'], now)).toMatchObject({ failed24h: 2, outcomeUnknown: 1, queued: 1 });

      // Nothing written, a day later: the failures have left the 24 h window.
      expect(statusCounts(db, ['Email Agent'], new Date(now.getTime() + 86_400_000 + 60_000))).toMatchObject({ failed24h: 0, outcomeUnknown: 1 });
    } finally {
      other.close();
      db.close();
    }
  });
});
