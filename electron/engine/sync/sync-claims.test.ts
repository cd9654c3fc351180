import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimRemote } from './claim';
import { applyRemoteMigration } from './sync-round';
import { executionsByTask, Harness } from './test-support/harness';
import { startPostgres, type TestPostgres } from './test-support/postgres';

let remote: TestPostgres;
let harness: Harness;

beforeAll(async () => {
  remote = await startPostgres();
  const pool = new pg.Pool({ connectionString: remote.url });
  await applyRemoteMigration(pool);
  await pool.end();
  harness = new Harness(() => remote.url);
});
afterAll(async () => {
  await harness?.cleanup();
  await remote?.destroy();
});

describe('remote claims', () => {
  it('two desktops on one remote never execute the same task twice', async () => {
    const count = 60;
    await remote.query(
      `INSERT INTO squad_tasks (title, assigned_agent, priority, metadata)
       SELECT 'Race ' || g, 'Email Agent', (ARRAY['low','medium','high','urgent'])[1 + g % 4], '{"email_category":"inquiry"}'::jsonb
       FROM generate_series(1, $1::int) g`,
      [count],
    );
    const a = harness.start('race-a');
    const b = harness.start('race-b');
    // Both see every task before either runs one: the race is real.
    await Promise.all([a.sync.syncOnce(), b.sync.syncOnce()]);
    for (let round = 0; round < 20; round++) {
      await Promise.all(
        [a, b].map(async (side) => {
          await side.engine.runCycle();
          await side.sync.syncOnce();
        }),
      );
      const open = await remote.query(`SELECT count(*)::int AS n FROM squad_tasks WHERE title LIKE 'Race %' AND status <> 'completed'`);
      if (open.rows[0]!.n === 0) break;
    }

    const remoteRows = (await remote.query<{ id: string; status: string; mc_lease_owner: string; execution_attempts: number }>(
      `SELECT id::text, status, mc_lease_owner, execution_attempts FROM squad_tasks WHERE title LIKE 'Race %'`,
    )).rows;
    expect(remoteRows).toHaveLength(count);
    const ranA = executionsByTask(a.engine);
    const ranB = executionsByTask(b.engine);
    for (const row of remoteRows) {
      const runs = (ranA.get(row.id) ?? 0) + (ranB.get(row.id) ?? 0);
      expect(runs, `task ${row.id} executions`).toBe(1);
      expect(row.status).toBe('completed');
      expect(row.execution_attempts).toBe(1);
      // The remote names the desktop whose ledger holds the execution.
      expect(row.mc_lease_owner).toBe(ranA.has(row.id) ? a.engine.executorId : b.engine.executorId);
    }
    // The race was real: a desktop that lost claims says so (both run the same queue order).
    const lostA = (a.engine.db.prepare(`SELECT count(*) AS n FROM squad_tasks WHERE hold_reason LIKE 'Claimed on Supabase by%'`).get() as { n: number }).n;
    const lostB = (b.engine.db.prepare(`SELECT count(*) AS n FROM squad_tasks WHERE hold_reason LIKE 'Claimed on Supabase by%'`).get() as { n: number }).n;
    expect(lostA + lostB).toBeGreaterThan(0);
    console.log(`[sync] race: ${ranA.size} executed by A, ${ranB.size} by B, 0 twice; claims lost: A ${lostA}, B ${lostB}`);
    expect(ranA.size + ranB.size).toBe(count);
    // Each desktop shows the other's work as done, not as its own.
    await a.sync.syncOnce();
    const doneOnA = a.engine.db.prepare(`SELECT count(*) AS n FROM squad_tasks WHERE title LIKE 'Race %' AND status = 'completed'`).get() as { n: number };
    expect(doneOnA.n).toBe(count);
  });

  it('concurrent compare-and-swap claims on the same task: exactly one wins, every time', async () => {
    const { rows } = await remote.query<{ id: string }>(
      `INSERT INTO squad_tasks (title, assigned_agent) SELECT 'CAS ' || g, 'SEO Agent' FROM generate_series(1, 100) g RETURNING id::text`,
    );
    const pools = [new pg.Pool({ connectionString: remote.url, max: 4 }), new pg.Pool({ connectionString: remote.url, max: 4 })];
    try {
      const winners = { a: 0, b: 0 };
      await Promise.all(
        rows.map(async ({ id }) => {
          const [a, b] = await Promise.all([
            claimRemote(pools[0]!, { id, origin: 'supabase' }, { executorId: 'desk-a', leaseMs: 60_000 }),
            claimRemote(pools[1]!, { id, origin: 'supabase' }, { executorId: 'desk-b', leaseMs: 60_000 }),
          ]);
          expect([a.ok, b.ok].filter(Boolean), `claims on ${id}: ${JSON.stringify([a, b])}`).toHaveLength(1);
          if (a.ok) winners.a++;
          else winners.b++;
          expect((a.ok ? b : a).ok === false && (a.ok ? b : a)).toMatchObject({ reason: `Claimed on Supabase by ${a.ok ? 'desk-a' : 'desk-b'}` });
        }),
      );
      console.log(`[sync] CAS: desk-a won ${winners.a}, desk-b won ${winners.b} of 100 contested claims`);
      const owners = await remote.query(`SELECT mc_lease_owner, count(*)::int AS n FROM squad_tasks WHERE title LIKE 'CAS %' GROUP BY 1 ORDER BY 1`);
      expect(owners.rows.reduce((sum, r) => sum + r.n, 0)).toBe(100);
      const expected = Object.entries({ 'desk-a': winners.a, 'desk-b': winners.b }).filter(([, n]) => n > 0);
      expect(Object.fromEntries(owners.rows.map((r) => [r.mc_lease_owner, r.n]))).toEqual(Object.fromEntries(expected));
      // An expired lease of a desktop can be taken over; the cloud executor's lease-less in_progress never is.
      const [first] = rows;
      await remote.query(`UPDATE squad_tasks SET mc_lease_expires_at = now() - interval '1 second' WHERE id = $1`, [first!.id]);
      const loser = winners.a > 0 ? 'desk-b' : 'desk-a';
      const owner = (await remote.query(`SELECT mc_lease_owner FROM squad_tasks WHERE id = $1`, [first!.id])).rows[0]!.mc_lease_owner;
      const takeover = await claimRemote(pools[0]!, { id: first!.id, origin: 'supabase' }, { executorId: owner === 'desk-a' ? 'desk-b' : 'desk-a', leaseMs: 60_000 });
      expect(takeover.ok).toBe(true);
      await remote.query(`UPDATE squad_tasks SET mc_lease_owner = NULL, mc_lease_expires_at = NULL WHERE id = $1`, [rows[1]!.id]);
      expect((await claimRemote(pools[1]!, { id: rows[1]!.id, origin: 'supabase' }, { executorId: loser, leaseMs: 60_000 })).ok).toBe(false);
      await remote.query(`DELETE FROM squad_tasks WHERE title LIKE 'CAS %'`);
    } finally {
      await Promise.all(pools.map((p) => p.end()));
    }
  });

  it('a task claimed elsewhere shows as such and is not run here', async () => {
    const { rows } = await remote.query<{ id: string }>(
      `INSERT INTO squad_tasks (title, assigned_agent, metadata) VALUES ('Claimed elsewhere', 'Email Agent', '{"email_category":"inquiry"}') RETURNING id::text`,
    );
    const id = rows[0]!.id;
    const c = harness.start('claimed-c');
    await c.sync.syncOnce();
    // Another executor wins the claim between our pull and our cycle.
    await remote.query(
      `UPDATE squad_tasks SET status = 'in_progress', mc_lease_owner = 'laptop/42/beef', mc_lease_expires_at = now() + interval '10 minutes' WHERE id = $1`,
      [id],
    );
    await c.engine.runCycle();
    expect(executionsByTask(c.engine).get(id)).toBeUndefined();
    const held = c.engine.db.prepare('SELECT status, hold_reason FROM squad_tasks WHERE id = ?').get(id) as { status: string; hold_reason: string };
    expect(held.hold_reason).toContain('Claimed on Supabase by laptop/42/beef');
    await c.sync.syncOnce();
    const shown = c.engine.db.prepare('SELECT status, lease_owner, hold_reason FROM squad_tasks WHERE id = ?').get(id);
    expect(shown).toMatchObject({ status: 'in_progress', lease_owner: 'laptop/42/beef' });
    expect((shown as { hold_reason: string }).hold_reason).toContain('Claimed on Supabase by laptop/42/beef');
    const remoteRow = (await remote.query(`SELECT status, mc_lease_owner FROM squad_tasks WHERE id = $1`, [id])).rows[0];
    expect(remoteRow).toEqual({ status: 'in_progress', mc_lease_owner: 'laptop/42/beef' });
  });

  it('a task the cloud executor marked in_progress (no lease) is left to it, not recovered or run here', async () => {
    const { rows } = await remote.query<{ id: string }>(
      `INSERT INTO squad_tasks (title, assigned_agent, status, metadata) VALUES ('Cloud is on it', 'Email Agent', 'in_progress', '{"email_category":"inquiry"}') RETURNING id::text`,
    );
    const id = rows[0]!.id;
    const d = harness.start('cloud-running');
    await d.sync.syncOnce();
    await d.engine.runCycle();
    await d.engine.runCycle();
    await d.sync.syncOnce();
    expect(executionsByTask(d.engine).get(id)).toBeUndefined();
    const local = d.engine.db.prepare('SELECT status, lease_owner, hold_reason FROM squad_tasks WHERE id = ?').get(id);
    expect(local).toEqual({ status: 'in_progress', lease_owner: 'supabase:cloud-executor', hold_reason: 'Running on the cloud executor (in_progress on Supabase, no lease)' });
    const recovered = d.engine.db.prepare(`SELECT count(*) AS n FROM agent_logs WHERE event_type = 'task_recovered'`).get() as { n: number };
    expect(recovered.n).toBe(0);
    expect((await remote.query(`SELECT status, mc_lease_owner FROM squad_tasks WHERE id = $1`, [id])).rows[0]).toEqual({ status: 'in_progress', mc_lease_owner: null });
    // When the cloud finishes it, the desktop shows it finished and lets go of the mirror lease.
    await remote.query(`UPDATE squad_tasks SET status = 'completed', completed_at = now() WHERE id = $1`, [id]);
    await d.sync.syncOnce();
    expect(d.engine.db.prepare('SELECT status, lease_owner, hold_reason FROM squad_tasks WHERE id = ?').get(id)).toEqual({ status: 'completed', lease_owner: null, hold_reason: null });
  });

  it("another desktop's expired lease is taken over: recovered here, re-claimed on the remote, run once", async () => {
    const { rows } = await remote.query<{ id: string }>(
      `INSERT INTO squad_tasks (title, assigned_agent, status, metadata, mc_lease_owner, mc_lease_expires_at)
       VALUES ('Abandoned by a laptop', 'Email Agent', 'in_progress', '{"email_category":"inquiry"}', 'laptop/7/gone', now() - interval '1 minute') RETURNING id::text`,
    );
    const id = rows[0]!.id;
    const e = harness.start('takeover');
    await e.sync.syncOnce();
    expect(e.engine.db.prepare('SELECT status, lease_owner FROM squad_tasks WHERE id = ?').get(id)).toEqual({ status: 'in_progress', lease_owner: 'laptop/7/gone' });
    await e.engine.runCycle();
    await e.sync.syncOnce();
    expect(executionsByTask(e.engine).get(id)).toBe(1);
    expect((await remote.query(`SELECT status, mc_lease_owner FROM squad_tasks WHERE id = $1`, [id])).rows[0]).toEqual({ status: 'completed', mc_lease_owner: e.engine.executorId });
  });
});
