// Dry run decides and rehearses a new task in one write (rehearsal-pass.ts). What it leaves behind
// must be exactly what the two steps leave (decided while paused, rehearsed by the queue after
// resume): the same task columns, decision trail, ledger rows, fingerprints, log lines and alerts,
// for every kind of task (runs by itself, asks, likely duplicate, scheduled, no channel, bad
// payload). Real engines on real SQLite files, the same fake clock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { z } from 'zod';
import type { ChannelHandler, TaskInput } from '../channels/types';
import type { Engine } from '../index';
import { tempDir, TestClock, testEngine } from '../test-support/engine-fixture';

/** An SEO-like channel: the preview is the change; `publish_at` schedules; a non-numeric product id is refused. */
function seoHandler(): ChannelHandler<TaskInput> {
  return {
    id: 'seo-test',
    name: 'SEO (test)',
    agent: 'SEO Agent',
    payloadSchema: z.custom<TaskInput>((value) => typeof value === 'object' && value !== null && /^\d+$/.test(String((value as TaskInput).metadata.product_id)), 'product_id must be a number'),
    limitKeys: () => [],
    notBefore: (task) => (typeof task.metadata.publish_at === 'string' ? new Date(task.metadata.publish_at) : null),
    preview: (task) => ({
      channel: 'seo-test',
      summary: `Set the meta description of product ${String(task.metadata.product_id)}`,
      detail: {
        kind: 'seo_change',
        changeType: 'meta_description',
        productIds: [Number(task.metadata.product_id)],
        changes: [{ productId: Number(task.metadata.product_id), field: 'meta_description', before: null, after: String(task.metadata.value) }],
      },
    }),
    async execute() {
      throw new Error('a dry run never calls the channel');
    },
  };
}

const tasks: { title: string; agent: string; requiresApproval?: boolean; metadata: Record<string, unknown> }[] = [
  { title: 'Fix meta of 40', agent: 'SEO Agent', metadata: { product_id: 40, value: 'Bookshelf speakers' } },
  { title: 'Fix meta of 41', agent: 'SEO Agent', metadata: { product_id: 41, value: 'Soundbar' } },
  { title: 'Fix meta of 41 again', agent: 'SEO Agent', metadata: { product_id: 41, value: 'Soundbar' } },
  { title: 'Fix meta of 42, flagged', agent: 'SEO Agent', requiresApproval: true, metadata: { product_id: 42, value: 'Amplifier' } },
  { title: 'Fix meta of 43 next week', agent: 'SEO Agent', metadata: { product_id: 43, value: 'Turntable', publish_at: '2026-12-01T08:00:00.000Z' } },
  { title: 'Fix meta of a product without id', agent: 'SEO Agent', metadata: { product_id: 'abc', value: 'Cables' } },
  { title: 'Something nobody runs', agent: 'Research Agent', metadata: {} },
];

/**
 * Everything the executor wrote, keyed by task title instead of generated ids. Not updated_at:
 * under the fake clock, the second of two writes at the same instant gets the wall clock from
 * the touch trigger (squad_tasks_touch_updated_at), which only the two-step path makes.
 */
function written(engine: Engine): Record<string, unknown> {
  const db = engine.db;
  const titles = new Map((db.prepare('SELECT id, title FROM squad_tasks').all() as { id: string; title: string }[]).map((row) => [row.id, row.title]));
  // Generated ids, wherever they appear (columns, JSON details, messages), become titles.
  const byTitle = (value: unknown): unknown => (typeof value === 'string' ? [...titles].reduce((text, [id, title]) => text.replaceAll(id, title), value) : value);
  const rows = (sql: string) => (db.prepare(sql).all() as Record<string, unknown>[]).map((row) => Object.fromEntries(Object.entries(row).map(([key, value]) => [key, byTitle(value)])));
  return {
    tasks: rows(`SELECT title, status, policy_decision, policy_reason, policy_rule_id, requires_approval, execution_attempts, last_execution_attempt,
                        completed_at, execution_error, hold_reason, not_before, lease_owner FROM squad_tasks ORDER BY title`),
    decisions: rows('SELECT task_id, kind, actor, reason, details, created_at FROM task_decisions'),
    executions: rows('SELECT task_id, attempt, channel, dry_run, state, request_preview, result, started_at, finished_at FROM task_executions'),
    fingerprints: rows('SELECT task_id, channel, kind, subject, body, duplicate_of, duplicate_reason FROM task_fingerprints'),
    logs: rows(`SELECT task_id, log_level, event_type, message, context FROM agent_logs WHERE event_type NOT IN ('cron_execution', 'executor_paused', 'executor_resumed') ORDER BY rowid`),
    alerts: rows('SELECT type, severity, title, message FROM alerts ORDER BY rowid'),
  };
}

const sortedBy = (key: string) => (list: unknown) => [...(list as Record<string, unknown>[])].sort((a, b) => JSON.stringify(a[key]).localeCompare(JSON.stringify(b[key])) || JSON.stringify(a).localeCompare(JSON.stringify(b)));

let dirs: ReturnType<typeof tempDir>[] = [];
let engines: Engine[] = [];
beforeEach(() => {
  dirs = [];
  engines = [];
});
afterEach(async () => {
  for (const engine of engines) await engine.close();
  for (const dir of dirs) dir.cleanup();
});

function dryRunEngine(): Engine {
  const dir = tempDir();
  dirs.push(dir);
  const engine = testEngine({ dir: dir.path, now: new TestClock().now, handlers: [seoHandler()], env: { AGENT_DRY_RUN: 'true' } });
  engines.push(engine);
  const insert = engine.db.prepare(`INSERT INTO squad_tasks (title, assigned_agent, requires_approval, metadata, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)`);
  tasks.forEach((task, index) => {
    const at = new Date(Date.parse('2026-11-24T07:00:00.000Z') + index * 1000).toISOString();
    insert.run(task.title, task.agent, task.requiresApproval ? 1 : 0, JSON.stringify(task.metadata), at, at);
  });
  return engine;
}

describe('dry run: deciding and rehearsing in one write', () => {
  it('leaves exactly what deciding first and rehearsing later leaves', async () => {
    const together = dryRunEngine();
    const summary = await together.runCycle();

    const inTwoSteps = dryRunEngine();
    await inTwoSteps.api['executor:pause']({});
    await inTwoSteps.runCycle();
    // Paused: decided, nothing rehearsed yet.
    expect(inTwoSteps.db.prepare(`SELECT count(*) AS n FROM task_executions`).get()).toEqual({ n: 0 });
    expect(inTwoSteps.db.prepare(`SELECT count(*) AS n FROM squad_tasks WHERE policy_decision IS NULL`).get()).toEqual({ n: 0 });
    await inTwoSteps.api['executor:resume']({});
    const resumed = await inTwoSteps.runCycle();

    // One difference, by design: deciding in one pass, the repeat is decided after the task it
    // repeats was rehearsed, as any repeat arriving in a later cycle would be.
    const oneText = JSON.stringify(written(together));
    expect(oneText.match(/the same SEO change, already rehearsed/g)?.length).toBeGreaterThan(0);
    const one = JSON.parse(oneText.replaceAll('the same SEO change, already rehearsed', 'the same SEO change')) as Record<string, unknown>;
    const two = written(inTwoSteps);
    expect(one.tasks).toEqual(two.tasks);
    // Same rows; the order of writes differs (one pass instead of two).
    for (const [table, key] of [['decisions', 'task_id'], ['executions', 'task_id'], ['fingerprints', 'task_id'], ['logs', 'task_id'], ['alerts', 'title']] as const) {
      expect(sortedBy(key)(one[table]), table).toEqual(sortedBy(key)(two[table]));
    }
    expect(summary.executed).toBe(resumed.executed);

    // And what that is: the plain tasks rehearsed (the bad payload's verdict says why), the repeat
    // and the flagged one ask, the scheduled one waits, the agent no channel runs is left to a person.
    const byTitle = Object.fromEntries((one.tasks as { title: string; status: string; policy_decision: string | null }[]).map((task) => [task.title, [task.status, task.policy_decision]]));
    expect(byTitle).toEqual({
      'Fix meta of 40': ['completed', 'auto_execute'],
      'Fix meta of 41': ['completed', 'auto_execute'],
      'Fix meta of 41 again': ['new', 'require_approval'],
      'Fix meta of 42, flagged': ['new', 'require_approval'],
      'Fix meta of 43 next week': ['new', 'auto_execute'],
      'Fix meta of a product without id': ['completed', 'auto_execute'],
      'Something nobody runs': ['new', 'auto_execute'],
    });
    expect(summary.executed).toBe(3);
  });

  it('a task decided elsewhere while it was being prepared is left as decided, not rehearsed', async () => {
    const dir = tempDir();
    dirs.push(dir);
    let meanwhile: (() => void) | null = null;
    // The provider is asked during preparation (await): Kenny's decision lands from another
    // connection right then, between the read of the undecided task and the write.
    const asking: ChannelHandler<TaskInput> = {
      ...seoHandler(),
      async dryRun(payload) {
        meanwhile?.();
        return { preview: this.preview(payload), wouldFail: null, verdict: 'The provider would accept it' };
      },
    };
    const engine = testEngine({ dir: dir.path, now: new TestClock().now, handlers: [asking], env: { AGENT_DRY_RUN: 'true' } });
    engines.push(engine);
    engine.db.prepare(`INSERT INTO squad_tasks (title, assigned_agent, metadata) VALUES ('Fix meta of 40', 'SEO Agent', '{"product_id":40,"value":"Speakers"}')`).run();
    const other = new Database(join(dir.path, 'mission-control.db'));
    meanwhile = () => {
      meanwhile = null;
      other.prepare(`UPDATE squad_tasks SET policy_decision = 'require_approval', policy_reason = 'Kenny looks first', requires_approval = 1 WHERE title = 'Fix meta of 40'`).run();
    };
    const summary = await engine.runCycle();
    other.close();
    expect(summary.executed).toBe(0);
    expect(engine.db.prepare(`SELECT status, policy_decision, policy_reason, execution_attempts FROM squad_tasks`).get()).toEqual({
      status: 'new',
      policy_decision: 'require_approval',
      policy_reason: 'Kenny looks first',
      execution_attempts: 0,
    });
    expect(engine.db.prepare(`SELECT count(*) AS n FROM task_executions`).get()).toEqual({ n: 0 });
    expect(engine.db.prepare(`SELECT count(*) AS n FROM task_decisions`).get()).toEqual({ n: 0 });
  });
});
