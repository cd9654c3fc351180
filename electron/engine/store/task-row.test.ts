import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDb } from '../db/open-db';
import { tempDir } from '../test-support/engine-fixture';
import { rowToTask, taskColumns, taskColumnsSql, taskRowFromValues, type TaskRow } from './task-row';
import { insertTask } from './tasks';

const dir = tempDir();
afterEach(() => dir.cleanup());

// Columns of squad_tasks the Task shape does not carry (the lists read them in SQL).
const notInTaskRow = ['dry_run_verdict'];

describe('raw task rows', () => {
  it('name every column of squad_tasks but those read in SQL, so a new column is a decision, not a silent gap', () => {
    const db = openDb(join(dir.path, 'columns.db'));
    try {
      const columns = (db.prepare('PRAGMA table_info(squad_tasks)').all() as { name: string }[]).map((column) => column.name);
      expect([...taskColumns, ...notInTaskRow].sort()).toEqual([...columns].sort());
    } finally {
      db.close();
    }
  });

  it('read as the same Task as an object row, damaged columns included', () => {
    const db = openDb(join(dir.path, 'rows.db'));
    try {
      const task = insertTask(db, { title: 'Reply to Thandi', assignedAgent: 'Email Agent', metadata: { to: 'thandi@example.com' } });
      db.prepare(`UPDATE squad_tasks SET policy_decision = 'auto_execute', policy_reason = 'rule', not_before = '2026-12-01T08:00:00.000Z', snoozed_until = 'soon' WHERE id = ?`).run(task.id);
      const objectRow = db.prepare('SELECT * FROM squad_tasks WHERE id = ?').get(task.id) as TaskRow;
      const values = db.prepare(`SELECT ${taskColumnsSql} FROM squad_tasks WHERE id = ?`).raw(true).get(task.id) as unknown[];
      const fromValues = rowToTask(taskRowFromValues(values));
      expect(fromValues).toEqual(rowToTask(objectRow));
      expect(fromValues).toMatchObject({ title: 'Reply to Thandi', policyDecision: 'auto_execute', notBefore: '2026-12-01T08:00:00.000Z', snoozedUntil: null });
      expect(fromValues.damage).toEqual([expect.stringContaining('snoozed_until')]);
    } finally {
      db.close();
    }
  });
});
