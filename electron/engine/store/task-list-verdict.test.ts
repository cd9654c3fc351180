import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ChannelHandler, TaskInput } from '../channels/types';
import type { Engine } from '../index';
import { tempDir, testEngine } from '../test-support/engine-fixture';
import { expectListsMatchLedger, verdictMismatches } from '../test-support/ledger-verdict';
import { refreshDryRunVerdict } from './dry-run-verdict-column';

// squad_tasks.dry_run_verdict (migration 0019) must say what the ledger's latest row says at every
// step of a task's life, or Today's dry-run counts and lists drift from the task's own history.
let dir: ReturnType<typeof tempDir>;
let engine: Engine | null = null;
afterEach(async () => {
  await engine?.close();
  engine = null;
  dir.cleanup();
});

const agent = 'Verdict Test Agent';
/** A channel whose preview reports a problem while `problem` is set and whose payload refuses `broken` tasks. */
function channel(state: { problem: boolean }): ChannelHandler<TaskInput> {
  return {
    id: 'verdict-test',
    name: 'Verdict test',
    agent,
    payloadSchema: z.custom<TaskInput>((value) => (value as TaskInput).metadata?.broken !== true, 'metadata.broken: the task is broken'),
    limitKeys: () => [],
    preview: (task) => ({
      channel: 'verdict-test',
      summary: `Send "${task.title}"`,
      detail: { kind: 'generic', fields: {} },
      ...(state.problem ? { problems: [{ field: 'to', message: 'not an address' }] } : {}),
    }),
    execute: async () => ({ externalId: 'sent-1', externalUrl: null, result: {} }),
  };
}

/** The engine on the test's database; AGENT_DRY_RUN fixes the mode, so a change of mode is a restart. */
async function open(state: { problem: boolean }, dryRun: boolean): Promise<void> {
  if (engine) await engine.close();
  engine = testEngine({ dir: dir.path, handlers: [channel(state)], env: { AGENT_DRY_RUN: String(dryRun) } });
}

const column = (id: string) => (engine!.db.prepare('SELECT dry_run_verdict AS v FROM squad_tasks WHERE id = ?').get(id) as { v: string | null }).v;
const ledgerRows = (id: string) => engine!.db.prepare('SELECT attempt, dry_run AS dryRun, state FROM task_executions WHERE task_id = ? ORDER BY attempt').all(id);
// "No problem" is asked as Today asks it ("what ran": completed tasks); the failure in step 2 adds an escalation task.
const listed = async (dryRun: 'any_problem' | 'no_problem') =>
  (await engine!.api['tasks:list']({ dryRun, ...(dryRun === 'no_problem' ? { status: ['completed' as const] } : {}) })).items.map((item) => [item.id, item.dryRunVerdict]);

function expectInStep(): void {
  expect(verdictMismatches(engine!.db)).toEqual([]);
  expectListsMatchLedger(engine!.db, [agent]);
}

describe('the dry-run verdict on the task', () => {
  it('follows the ledger through dry run -> failed before a claim -> re-queue -> live run', async () => {
    const state = { problem: true };
    dir = tempDir();
    await open(state, true);
    const { id } = await engine!.api['tasks:create']({ title: 'Reply to Thandi', assignedAgent: agent, metadata: { to: 'thandi' } });
    const { id: fine } = await engine!.api['tasks:create']({ title: 'Reply to Sipho', assignedAgent: agent, metadata: { to: 'sipho' } });

    // 1. Dry run that would fail: completed, with its verdict, counted as a problem.
    await engine!.runCycle();
    expect((await engine!.api['tasks:get']({ id })).task.status).toBe('completed');
    expect(column(id)).toBe('would_fail');
    expect(await listed('any_problem')).toEqual([[id, 'would_fail'], [fine, 'would_fail']]);
    state.problem = false;
    expectInStep();

    // 2. Back to new as sync or a SQL client does it, now broken, and live: it fails before any claim,
    // so its latest ledger row is still the dry run and the verdict stays.
    await open(state, false);
    engine!.db.prepare(`UPDATE squad_tasks SET status = 'new', completed_at = NULL, metadata = '{"broken":true}' WHERE id = ?`).run(id);
    await engine!.runCycle();
    expect((await engine!.api['tasks:get']({ id })).task.status).toBe('failed');
    expect(ledgerRows(id)).toEqual([{ attempt: 1, dryRun: 1, state: 'succeeded' }]);
    expect(column(id)).toBe('would_fail');
    expectInStep();

    // 3. Re-queued: the ledger does not change, nor does the verdict.
    await engine!.api['tasks:requeue']({ id });
    expect(column(id)).toBe('would_fail');
    expect((await engine!.api['tasks:list']({ dryRun: 'would_fail', status: ['new'] })).items.map((item) => item.id)).toEqual([id]);
    expectInStep();

    // 4. Fixed and run live: the claim's intent is now the latest row, so no dry-run verdict.
    engine!.db.prepare(`UPDATE squad_tasks SET metadata = '{"to":"thandi"}' WHERE id = ?`).run(id);
    await engine!.runCycle();
    expect((await engine!.api['tasks:get']({ id })).task.status).toBe('completed');
    expect(ledgerRows(id)).toEqual([
      { attempt: 1, dryRun: 1, state: 'succeeded' },
      { attempt: 2, dryRun: 0, state: 'succeeded' },
    ]);
    expect(column(id)).toBeNull();
    expect(await listed('any_problem')).toEqual([[fine, 'would_fail']]);
    expect(await listed('no_problem')).toEqual([[id, null]]);
    expectInStep();
  });

  it('a dry run that would run is recorded too, and is no problem', async () => {
    dir = tempDir();
    await open({ problem: false }, true);
    const { id } = await engine!.api['tasks:create']({ title: 'Reply to Lerato', assignedAgent: agent, metadata: { to: 'lerato' } });
    await engine!.runCycle();
    expect(column(id)).toBe('would_run');
    expect(await listed('no_problem')).toEqual([[id, 'would_run']]);
    expect((await engine!.api['tasks:list']({ dryRun: 'any_problem' })).total).toBe(0);
    expectInStep();
  });
});

describe('refreshDryRunVerdict', () => {
  it('puts back the verdict of the row that is latest again once a newer row is gone, and writes nothing when it agrees', async () => {
    dir = tempDir();
    await open({ problem: true }, true);
    const { id } = await engine!.api['tasks:create']({ title: 'Reply to Naledi', assignedAgent: agent, metadata: { to: 'naledi' } });
    await engine!.runCycle();
    expect(refreshDryRunVerdict(engine!.db, id)).toBe(false);
    // A live claim given back before its call (main's live groups): its intent is deleted.
    engine!.db.prepare(`UPDATE squad_tasks SET status = 'new', dry_run_verdict = NULL WHERE id = ?`).run(id);
    engine!.db.prepare(`INSERT INTO task_executions (task_id, attempt, idempotency_key, channel, executor_id) VALUES (?, 2, ? || ':2', 'verdict-test', 'test')`).run(id, id);
    expect(refreshDryRunVerdict(engine!.db, id)).toBe(false);
    engine!.db.prepare(`DELETE FROM task_executions WHERE task_id = ? AND attempt = 2`).run(id);
    expect(refreshDryRunVerdict(engine!.db, id)).toBe(true);
    expect(column(id)).toBe('would_fail');
    expect(verdictMismatches(engine!.db)).toEqual([]);
  });
});
