/**
 * Issue 16, findings 2 and 3: type-confused rows from other writers are refused by the schema
 * (migration 0008); rows that got in anyway are shown as damaged (the rest of the list renders)
 * and failed by the executor with a message naming the column, plus an alert.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { contract } from '../../../shared/contract';
import type { Engine } from '../index';
import { taskRow, tempDir, testEngine } from '../test-support/engine-fixture';

let dir: ReturnType<typeof tempDir>;
let engine: Engine;
beforeEach(() => {
  dir = tempDir();
  engine = testEngine({ dir: dir.path, env: { AGENT_DRY_RUN: 'true' } });
});
afterEach(async () => {
  await engine.close();
  dir.cleanup();
});

const insert = (columns: Record<string, unknown>) => {
  const names = Object.keys(columns);
  engine.db.prepare(`INSERT INTO squad_tasks (${names.join(', ')}) VALUES (${names.map(() => '?').join(', ')})`).run(...Object.values(columns));
};

describe('the schema refuses type-confused values (migration 0008)', () => {
  it.each([
    [{ title: 'a', requires_approval: 'true' }, /squad_tasks\.requires_approval must be 0 or 1/],
    [{ title: 'a', requires_approval: 2 }, /requires_approval/],
    [{ title: 'a', not_before: 'garbage' }, /squad_tasks\.not_before must be an ISO-8601 time/],
    [{ title: 'a', lease_expires_at: 'zzzz' }, /squad_tasks\.lease_expires_at/],
    [{ title: 'a', execution_attempts: 'abc' }, /squad_tasks\.execution_attempts/],
    [{ title: 'a', execution_attempts: 1e18 }, /squad_tasks\.execution_attempts/],
    [{ title: Buffer.from('blob') }, /squad_tasks\.title must be text/],
  ])('refuses %o', (columns, message) => {
    expect(() => insert(columns)).toThrow(message);
  });

  it('refuses bad updates too, but lets a good row be written', () => {
    insert({ id: 'ok', title: 'fine', requires_approval: 1, not_before: '2026-01-01T00:00:00.000Z' });
    expect(() => engine.db.prepare(`UPDATE squad_tasks SET lease_expires_at = 'zzzz' WHERE id = 'ok'`).run()).toThrow(/lease_expires_at/);
    expect(() => engine.db.prepare(`UPDATE squad_tasks SET execution_attempts = execution_attempts || '1' WHERE id = 'ok'`).run()).not.toThrow();
    expect(() => engine.db.prepare(`UPDATE squad_tasks SET requires_approval = 'true' WHERE id = 'ok'`).run()).toThrow(/requires_approval/);
  });
});

describe('rows that got in anyway (written before migration 0008)', () => {
  beforeEach(() => {
    for (const name of engine.db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'squad_tasks_check_%'`).pluck().all() as string[]) {
      engine.db.exec(`DROP TRIGGER ${name}`);
    }
    insert({ id: 'healthy', title: 'Healthy task', assigned_agent: 'Jarvis' });
    insert({ id: 'blob', title: Buffer.from([0x1b, 0x5b, 0x32, 0x4a]) });
    insert({ id: 'huge', title: 'Huge attempts', execution_attempts: 1e18, status: 'completed' });
    insert({ id: 'flag', title: 'Flag as text', assigned_agent: 'Email Agent', requires_approval: 'true' });
    insert({ id: 'when', title: 'Garbage time', assigned_agent: 'Email Agent', not_before: 'garbage' });
    insert({ id: 'abc', title: 'Attempts abc', assigned_agent: 'Email Agent', execution_attempts: 'abc' });
    insert({ id: 'lease', title: 'Lease zzzz', assigned_agent: 'Email Agent', status: 'in_progress', lease_owner: 'elsewhere/1/x', lease_expires_at: 'zzzz' });
  });

  it('lists every row; damaged ones say which column is wrong (finding 3)', async () => {
    const list = contract['tasks:list'].output.parse(await engine.api['tasks:list']({ limit: 100 }));
    expect(list.total).toBe(7);
    const byId = new Map(list.items.map((item) => [item.id, item]));
    expect(byId.get('healthy')?.damage).toBeUndefined();
    expect(byId.get('blob')?.title).toBe('[damaged title: binary data (4 bytes)]');
    expect(byId.get('blob')?.damage).toEqual(['title is binary data (4 bytes), expected text']);
    expect(byId.get('huge')?.damage?.[0]).toMatch(/^execution_attempts is 1000000000000000000 \(number\)/);
    expect(byId.get('flag')?.requiresApproval).toBe(true);
    for (const id of ['blob', 'huge', 'flag', 'when', 'lease']) {
      const detail = contract['tasks:get'].output.parse(await engine.api['tasks:get']({ id }));
      expect(detail.task.damage?.length, id).toBeGreaterThan(0);
    }
    expect(contract['stats:get'].output.safeParse(await engine.api['stats:get']({})).success).toBe(true);
  });

  it('fails each damaged active task naming the column, with an alert; healthy tasks are untouched', async () => {
    await engine.runCycle();
    const expectations: [string, RegExp][] = [
      ['flag', /requires_approval is "true" \(text\), expected 0 or 1/],
      ['when', /not_before is "garbage" \(text\)/],
      ['abc', /execution_attempts is "abc" \(text\)/],
      ['lease', /lease_expires_at is "zzzz" \(text\).*check whether it ran/],
      ['blob', /title is binary data \(4 bytes\)/],
    ];
    for (const [id, message] of expectations) {
      const row = taskRow(engine, id);
      expect(row.status, id).toBe('failed');
      expect(row.execution_error, id).toMatch(message);
    }
    expect(taskRow(engine, 'lease').outcome_unknown).toBe(1);
    expect(taskRow(engine, 'healthy').status).toBe('new');
    const alerts = await engine.api['alerts:list']({});
    expect(alerts.items.filter((alert) => alert.type === 'system_error' && alert.title.startsWith('Damaged task row'))).toHaveLength(5);
  });
});
