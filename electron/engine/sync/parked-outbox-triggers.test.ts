import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/open-db';
import { appendLog } from '../store/logs';
import { insertTask, updateTaskColumns } from '../store/tasks';
import { tempDir } from '../test-support/engine-fixture';
import { enableOutbox } from './local-state';
import { parkableOutboxTriggers, parkOutboxTriggers } from './parked-outbox-triggers';

const dir = tempDir();
afterEach(() => dir.cleanup());

const triggers = (db: Db) => (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'sync_outbox_%'`).pluck().all() as string[]).filter((name) => (parkableOutboxTriggers as readonly string[]).includes(name)).sort();
const outbox = (db: Db) => db.prepare('SELECT entity, op, changed FROM sync_outbox ORDER BY id').all() as { entity: string; op: string; changed: string | null }[];
const now = new Date('2026-11-30T10:00:00.000Z');

describe('outbox triggers on the executor’s writes', () => {
  it('are parked until sync turns the outbox on, then queue every write as before', () => {
    const path = join(dir.path, 'mc.db');
    let db = openDb(path);
    try {
      expect(triggers(db)).toEqual([]);
      const before = insertTask(db, { title: 'Before sync', assignedAgent: 'Email Agent', metadata: {} });
      updateTaskColumns(db, before.id, { status: 'completed' }, now);
      expect(outbox(db)).toEqual([]);

      expect(enableOutbox(db)).toBe(1); // the task made before is queued by the snapshot, as always
      expect(triggers(db)).toEqual([...parkableOutboxTriggers].sort());
      const after = insertTask(db, { title: 'After sync', assignedAgent: 'Email Agent', metadata: {} });
      updateTaskColumns(db, after.id, { status: 'completed' }, now);
      appendLog(db, { level: 'info', eventType: 'task_completed', taskId: after.id, message: 'done' }, now);
      expect(outbox(db).map((row) => [row.entity, row.op])).toEqual([['task', 'insert'], ['task', 'insert'], ['task', 'update'], ['log', 'insert']]);
      expect(JSON.parse(outbox(db)[2]!.changed!)).toContain('status');
    } finally {
      db.close();
    }
    // Once on, they stay: opening again parks nothing.
    db = openDb(path);
    try {
      expect(triggers(db)).toEqual([...parkableOutboxTriggers].sort());
      expect(db.prepare(`SELECT count(*) FROM sync_state WHERE key LIKE 'parked_trigger:%'`).pluck().get()).toBe(0);
    } finally {
      db.close();
    }
  });

  it('take the SQL a later migration gives them', () => {
    const path = join(dir.path, 'migrated.db');
    let db = openDb(path);
    // as a migration that recreates the trigger would
    db.exec(`CREATE TRIGGER sync_outbox_log_insert AFTER INSERT ON agent_logs WHEN (SELECT value FROM sync_state WHERE key = 'outbox_enabled') = '1' BEGIN INSERT INTO sync_outbox (entity, entity_id, op, payload) VALUES ('log', NEW.id, 'insert', json_object('v2', 1)); END`);
    db.close();
    db = openDb(path);
    try {
      expect(triggers(db)).toEqual([]);
      expect(parkOutboxTriggers(db)).toEqual([]);
      enableOutbox(db);
      appendLog(db, { level: 'info', eventType: 'note', message: 'hello' }, now);
      expect(db.prepare('SELECT payload FROM sync_outbox').pluck().get()).toBe('{"v2":1}');
    } finally {
      db.close();
    }
  });
});
