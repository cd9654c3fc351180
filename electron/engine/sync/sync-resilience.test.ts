import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectionConfig } from './connection';
import { executionsByTask, Harness } from './test-support/harness';
import { startPostgres, type TestPostgres } from './test-support/postgres';

let remote: TestPostgres;
let harness: Harness;

beforeAll(async () => {
  remote = await startPostgres({ tls: true });
  harness = new Harness(() => remote.url);
});
afterAll(async () => {
  await harness?.cleanup();
  await remote?.destroy();
});

describe('offline queue', () => {
  it('queues changes while the remote is down, keeps them across a restart, and drains them in order', async () => {
    const first = harness.start('offline');
    const { rows } = await remote.query<{ id: string }>(`INSERT INTO squad_tasks (title, assigned_agent, requires_approval) VALUES ('Decide offline', 'Email Agent', true) RETURNING id::text`);
    const id = rows[0]!.id;
    await first.sync.syncOnce();

    await remote.stop();
    await expect(first.sync.syncOnce()).rejects.toThrow();
    expect(first.sync.status().state).toBe('offline');
    await first.engine.api['approvals:reject']({ id, by: 'Kenny', reason: 'decided on the plane' });
    const created = await first.engine.api['tasks:create']({ title: 'Written offline', assignedAgent: 'SEO Agent', metadata: { change_type: 'image_alt' } });
    // Order matters: the last toggle must win.
    await first.engine.api['executor:pause']({ by: 'Kenny' });
    await first.engine.api['executor:resume']({ by: 'Kenny' });
    await first.engine.api['executor:pause']({ by: 'Kenny' });
    const queued = first.sync.status().queued;
    expect(queued).toBeGreaterThanOrEqual(6);
    await expect(first.sync.syncOnce()).rejects.toThrow();
    await first.close();

    await remote.start();
    const second = harness.start('offline');
    expect(second.sync.status().queued).toBeGreaterThanOrEqual(queued);
    const round = await second.sync.syncOnce();
    expect(round.dead).toBe(0);
    expect(second.sync.status()).toMatchObject({ state: 'connected', queued: 0, dead: 0 });
    const task = (await remote.query(`SELECT status, rejected_by, rejection_reason FROM squad_tasks WHERE id = $1`, [id])).rows[0];
    expect(task).toEqual({ status: 'rejected', rejected_by: 'Kenny', rejection_reason: 'decided on the plane' });
    expect((await remote.query(`SELECT title, assigned_agent FROM squad_tasks WHERE id = $1`, [created.id])).rows[0]).toEqual({ title: 'Written offline', assigned_agent: 'SEO Agent' });
    expect((await remote.query(`SELECT value FROM agent_configs WHERE key = 'global_pause'`)).rows[0]!.value).toBe(true);
    const logs = await remote.query(`SELECT message FROM agent_logs WHERE event_type IN ('executor_paused', 'executor_resumed') ORDER BY message`);
    expect(logs.rows.map((r) => r.message)).toEqual(['Kenny paused execution', 'Kenny paused execution', 'Kenny resumed execution']);
    await remote.query(`UPDATE agent_configs SET value = 'false'::jsonb WHERE key = 'global_pause'`);
    await second.close();
  });
});

describe('connection loss mid-sync', () => {
  it('a connection killed in the middle of a push loses nothing and duplicates nothing', async () => {
    const s = harness.start('killed');
    await s.sync.syncOnce();
    // The remote kills our connection once, while the 450th log line of the push is being written.
    await remote.query(`CREATE SEQUENCE IF NOT EXISTS kill_once`);
    await remote.query(`
      CREATE OR REPLACE FUNCTION kill_mid_push() RETURNS trigger AS $$
      BEGIN
        IF NEW.message = 'line 450' AND nextval('kill_once') = 1 THEN
          PERFORM pg_terminate_backend(pg_backend_pid());
        END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql`);
    await remote.query(`CREATE TRIGGER kill_mid_push BEFORE INSERT ON agent_logs FOR EACH ROW EXECUTE FUNCTION kill_mid_push()`);
    const insert = s.engine.db.prepare(`INSERT INTO agent_logs (agent_name, message, context) VALUES ('Task Executor', ?, '{}')`);
    s.engine.db.transaction(() => {
      for (let i = 1; i <= 600; i++) insert.run(`line ${i}`);
    })();
    await expect(s.sync.syncOnce()).rejects.toThrow(/terminat/i);
    expect(s.sync.status().state).toBe('offline');
    // Batches before the killed one were committed and settled; the rest is still queued.
    const landed = Number((await remote.query(`SELECT count(*) FROM agent_logs WHERE message LIKE 'line %'`)).rows[0]!.count);
    expect(landed).toBe(400);
    expect(s.sync.status().queued).toBe(200);

    const round = await s.sync.syncOnce();
    expect(round.pushed).toBe(200);
    const counts = await remote.query(`SELECT count(*)::int AS n, count(DISTINCT message)::int AS distinct FROM agent_logs WHERE message LIKE 'line %'`);
    expect(counts.rows[0]).toEqual({ n: 600, distinct: 600 });
    expect(s.sync.status()).toMatchObject({ state: 'connected', queued: 0 });
    await remote.query(`DROP TRIGGER kill_mid_push ON agent_logs`);
  });

  it('a listening desktop goes offline when the server stops and drains its queue when it returns', async () => {
    const s = harness.start('restart', { sync: { autoStart: true, maxBackoffMs: 200, pollIntervalMs: 3_600_000 } });
    const connected = () =>
      new Promise<void>((resolve) => {
        const off = s.sync.on('round', () => {
          if (s.sync.status().listening) {
            off();
            resolve();
          }
        });
      });
    await connected();
    await remote.stop();
    const offline = new Promise<void>((resolve) => {
      const off = s.sync.on('error', () => {
        off();
        resolve();
      });
    });
    await s.engine.api['tasks:create']({ title: 'While the server was down', assignedAgent: 'SEO Agent' });
    await offline;
    expect(s.sync.status().state).toBe('offline');
    expect(s.sync.status().queued).toBeGreaterThan(0);
    const drained = new Promise<void>((resolve) => {
      const off = s.sync.on('round', () => {
        if (s.sync.status().queued === 0 && s.sync.status().listening) {
          off();
          resolve();
        }
      });
    });
    await remote.start();
    await drained;
    expect((await remote.query(`SELECT count(*)::int AS n FROM squad_tasks WHERE title = 'While the server was down'`)).rows[0]!.n).toBe(1);
    await s.close();
  });
});

describe('restart after a crash', () => {
  it('leases held by this machine\'s dead process are adopted, so the task recovers at once', async () => {
    const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadOwner = `${hostname()}/${child.stdout}/dead`;
    const { rows } = await remote.query<{ id: string }>(
      `INSERT INTO squad_tasks (title, assigned_agent, metadata, status, mc_lease_owner, mc_lease_expires_at)
       VALUES ('Was running when the app crashed', 'Email Agent', '{"email_category":"inquiry"}', 'in_progress', $1, now() + interval '10 minutes') RETURNING id::text`,
      [deadOwner],
    );
    const id = rows[0]!.id;
    const s = harness.start('crashed');
    await s.sync.syncOnce();
    expect((await remote.query(`SELECT mc_lease_owner FROM squad_tasks WHERE id = $1`, [id])).rows[0]!.mc_lease_owner).toBe(s.engine.executorId);
    await s.engine.runCycle(); // start-up recovery: no intent here, so the task is queued again and runs
    await s.sync.syncOnce();
    expect(executionsByTask(s.engine).get(id)).toBe(1);
    expect((await remote.query(`SELECT status, mc_lease_owner FROM squad_tasks WHERE id = $1`, [id])).rows[0]).toEqual({ status: 'completed', mc_lease_owner: s.engine.executorId });
    await s.close();
  });
});

describe('TLS', () => {
  it('connects with sslmode=require, verifies with verify-full and the CA, and refuses an untrusted certificate', async () => {
    const base = remote.url.replace(/\?.*$/, '');
    const ask = async (config: pg.ClientConfig) => {
      const client = new pg.Client(config);
      await client.connect();
      try {
        return (await client.query(`SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`)).rows[0]!.ssl as boolean;
      } finally {
        await client.end();
      }
    };
    expect(await ask(connectionConfig(`${base}?sslmode=require`))).toBe(true);
    expect(await ask(connectionConfig(`${base.replace('127.0.0.1', 'localhost')}?sslmode=verify-full&sslrootcert=${remote.caFile}`))).toBe(true);
    expect(await ask(connectionConfig(`${base}?sslmode=verify-ca`, { caFile: remote.caFile }))).toBe(true);
    await expect(ask(connectionConfig(`${base}?sslmode=verify-full`))).rejects.toThrow(/self[- ]signed|certificate/i);
    await expect(ask(connectionConfig(`${base}?sslmode=require`, { rejectUnauthorized: true }))).rejects.toThrow(/self[- ]signed|certificate/i);
    expect(readFileSync(remote.caFile!, 'utf8')).toContain('BEGIN CERTIFICATE');
    // A remote host without sslmode gets TLS (Supabase refuses plain connections); loopback does not.
    expect(connectionConfig('postgres://u:p@db.abc.supabase.co:5432/postgres').ssl).toEqual({ rejectUnauthorized: false });
    expect(connectionConfig('postgres://u:p@127.0.0.1:5432/postgres').ssl).toBe(false);
  });
});
