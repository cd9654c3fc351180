import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gatedHandler } from './test-support/gated-handler';
import { executionsByTask, Harness } from './test-support/harness';
import { startPostgres, type TestPostgres } from './test-support/postgres';

let remote: TestPostgres;
let harness: Harness;

beforeAll(async () => {
  remote = await startPostgres();
  harness = new Harness(() => remote.url);
});
afterAll(async () => {
  await harness?.cleanup();
  await remote?.destroy();
});

async function remoteTask(title: string, agent = 'Email Agent', requiresApproval = true): Promise<string> {
  const { rows } = await remote.query<{ id: string }>(
    `INSERT INTO squad_tasks (title, assigned_agent, requires_approval, metadata) VALUES ($1, $2, $3, '{}') RETURNING id::text`,
    [title, agent, requiresApproval],
  );
  return rows[0]!.id;
}

/** What the cloud's reject endpoint does. */
const cloudReject = (id: string, by = 'Kenny (cloud)') =>
  remote.query(`UPDATE squad_tasks SET status = 'rejected', rejected_by = $2, rejected_at = now(), rejection_reason = 'not like this' WHERE id = $1`, [id, by]);

describe('conflict rules', () => {
  it('reject on Supabase beats approve on the desktop before execution; both decisions are kept', async () => {
    const id = await remoteTask('Approve here, reject there');
    const s = harness.start('reject-beats-approve');
    await s.sync.syncOnce();
    await s.engine.api['approvals:approve']({ id, by: 'Kenny (desktop)' });
    await cloudReject(id);
    // The executor gets to the task before the next pull: the remote claim refuses it.
    await s.engine.runCycle();
    expect(executionsByTask(s.engine).get(id)).toBeUndefined();
    await s.sync.syncOnce();
    await s.engine.runCycle();
    expect(executionsByTask(s.engine).get(id)).toBeUndefined();
    const local = s.engine.db.prepare('SELECT status, approved_by, rejected_by, rejection_reason FROM squad_tasks WHERE id = ?').get(id);
    expect(local).toEqual({ status: 'rejected', approved_by: 'Kenny (desktop)', rejected_by: 'Kenny (cloud)', rejection_reason: 'not like this' });
    const cloud = (await remote.query(`SELECT status, approved_by, rejected_by, approved_at IS NOT NULL AS approved FROM squad_tasks WHERE id = $1`, [id])).rows[0];
    expect(cloud).toEqual({ status: 'rejected', approved_by: 'Kenny (desktop)', rejected_by: 'Kenny (cloud)', approved: true });
    const decisions = s.engine.db.prepare(`SELECT kind, actor FROM task_decisions WHERE task_id = ? AND kind IN ('approved', 'rejected') ORDER BY id`).all(id);
    expect(decisions).toEqual([
      { kind: 'approved', actor: 'Kenny (desktop)' },
      { kind: 'rejected', actor: 'Kenny (cloud)' },
    ]);
  });

  it('reject on the desktop beats approve on Supabase', async () => {
    const id = await remoteTask('Reject here, approve there');
    const s = harness.start('local-reject');
    await s.sync.syncOnce();
    await s.engine.api['approvals:reject']({ id, by: 'Kenny (desktop)', reason: 'wrong customer' });
    await remote.query(`UPDATE squad_tasks SET approved_by = 'Kenny (cloud)', approved_at = now() WHERE id = $1`, [id]);
    await s.sync.syncOnce();
    await s.engine.runCycle();
    await s.sync.syncOnce();
    expect(executionsByTask(s.engine).get(id)).toBeUndefined();
    const cloud = (await remote.query(`SELECT status, approved_by, rejected_by, rejection_reason FROM squad_tasks WHERE id = $1`, [id])).rows[0];
    expect(cloud).toEqual({ status: 'rejected', approved_by: 'Kenny (cloud)', rejected_by: 'Kenny (desktop)', rejection_reason: 'wrong customer' });
    expect(s.engine.db.prepare('SELECT status, approved_by FROM squad_tasks WHERE id = ?').get(id)).toEqual({ status: 'rejected', approved_by: 'Kenny (cloud)' });
  });

  it('an approval on Supabase lets the desktop run the task, and the result flows back', async () => {
    const id = await remoteTask('Approved in the cloud');
    const s = harness.start('cloud-approve');
    await s.sync.syncOnce();
    await s.engine.runCycle();
    expect(executionsByTask(s.engine).get(id)).toBeUndefined();
    await remote.query(`UPDATE squad_tasks SET approved_by = 'Kenny (cloud)', approved_at = now() WHERE id = $1`, [id]);
    await s.sync.syncOnce();
    await s.engine.runCycle();
    await s.sync.syncOnce();
    expect(executionsByTask(s.engine).get(id)).toBe(1);
    const cloud = (await remote.query(`SELECT status, execution_attempts, completed_at IS NOT NULL AS done, mc_lease_owner FROM squad_tasks WHERE id = $1`, [id])).rows[0];
    expect(cloud).toEqual({ status: 'completed', execution_attempts: 1, done: true, mc_lease_owner: s.engine.executorId });
  });

  it('a remote edit of a task running here is recorded, not applied; execution fields stay the claimer\'s', async () => {
    const gate = gatedHandler('SEO Agent');
    const id = await remoteTask('Running here', 'SEO Agent', false);
    const s = harness.start('running-edit', {
      engine: { handlers: [gate.handler], env: { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'false' } },
    });
    await s.sync.syncOnce();
    const cycle = s.engine.runCycle();
    expect(await gate.started()).toBe(id);
    await s.sync.syncOnce(); // pushes our in_progress
    await remote.query(`UPDATE squad_tasks SET title = 'Edited in the cloud', metadata = '{"x":1}', status = 'failed', execution_error = 'cloud says no' WHERE id = $1`, [id]);
    const round = await s.sync.syncOnce();
    expect(round.recorded).toBe(1);
    const during = s.engine.db.prepare('SELECT title, status, metadata FROM squad_tasks WHERE id = ?').get(id);
    expect(during).toEqual({ title: 'Running here', status: 'in_progress', metadata: '{}' });
    const note = s.engine.db.prepare(`SELECT actor, reason, details FROM task_decisions WHERE task_id = ? AND kind = 'edited'`).get(id) as { actor: string; reason: string; details: string };
    expect(note.actor).toBe('Supabase');
    expect(note.reason).toContain('recorded, not applied');
    expect(JSON.parse(note.details).remote).toMatchObject({ title: 'Edited in the cloud', status: 'failed', execution_error: 'cloud says no' });

    gate.release();
    await cycle;
    await s.sync.syncOnce();
    expect(gate.calls).toEqual([id]);
    const cloud = (await remote.query(`SELECT status, execution_error, deliverable_url, mc_lease_expires_at FROM squad_tasks WHERE id = $1`, [id])).rows[0];
    expect(cloud).toEqual({ status: 'completed', execution_error: null, deliverable_url: `https://example.test/${id}`, mc_lease_expires_at: null });
  });
});

describe('global pause', () => {
  it('a pause set on Supabase pauses the desktop; the desktop toggle writes it back', async () => {
    const s = harness.start('pause');
    await s.sync.syncOnce();
    await remote.query(`UPDATE agent_configs SET value = 'true'::jsonb WHERE key = 'global_pause'`);
    const id = await remoteTask('Waits for the pause', 'Email Agent', false);
    const round = await s.sync.syncOnce();
    expect(round.pause).toBe(true);
    expect((await s.engine.api['status:get']({})).paused).toBe(true);
    const summary = await s.engine.runCycle();
    expect(summary.executed).toBe(0);
    expect(executionsByTask(s.engine).get(id)).toBeUndefined();

    await s.engine.api['executor:resume']({ by: 'Kenny' });
    await s.sync.syncOnce();
    expect((await remote.query(`SELECT value FROM agent_configs WHERE key = 'global_pause'`)).rows[0]!.value).toBe(false);
    // The resume is not undone by the pull that follows it.
    await s.sync.syncOnce();
    expect((await s.engine.api['status:get']({})).paused).toBe(false);
    await s.engine.runCycle();
    expect(executionsByTask(s.engine).get(id)).toBe(1);

    await s.engine.api['executor:pause']({ by: 'Kenny' });
    await s.sync.syncOnce();
    expect((await remote.query(`SELECT value FROM agent_configs WHERE key = 'global_pause'`)).rows[0]!.value).toBe(true);
    await remote.query(`UPDATE agent_configs SET value = 'false'::jsonb WHERE key = 'global_pause'`);
    await s.sync.syncOnce();
    expect((await s.engine.api['status:get']({})).paused).toBe(false);
  });

  it('a listening desktop follows a remote pause as soon as it is written (NOTIFY, no poll)', async () => {
    const s = harness.start('pause-listen', { sync: { autoStart: true, pollIntervalMs: 3_600_000 } });
    await new Promise<void>((resolve) => {
      const off = s.sync.on('round', () => {
        if (s.sync.status().listening) {
          off();
          resolve();
        }
      });
    });
    const paused = new Promise<void>((resolve) => {
      const off = s.engine.on('status:changed', (status) => {
        if (status.paused) {
          off();
          resolve();
        }
      });
    });
    await remote.query(`UPDATE agent_configs SET value = 'true'::jsonb WHERE key = 'global_pause'`);
    await paused;
    expect((await s.engine.api['status:get']({})).paused).toBe(true);
    await s.close();
    await remote.query(`UPDATE agent_configs SET value = 'false'::jsonb WHERE key = 'global_pause'`);
  });
});
