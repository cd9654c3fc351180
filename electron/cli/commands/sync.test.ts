import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPostgres, type TestPostgres } from '../../engine/sync/test-support/postgres';
import { runCliCaptured } from '../test-support/run-cli-captured';

let remote: TestPostgres;
let dir: string;

beforeAll(async () => {
  remote = await startPostgres();
  dir = mkdtempSync(join(tmpdir(), 'mc-cli-sync-'));
});
afterAll(async () => {
  await remote?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const cli = (args: string[], env: Record<string, string | undefined>) => runCliCaptured([...args, '--db', join(dir, 'cli.db')], env);

describe('mission-control sync / run-once with Supabase', () => {
  it('prints what moved each way, and run-once executes a synced task and reports it back', async () => {
    // The test server trusts any password; the output must never show it.
    const env = { SUPABASE_DB_URL: remote.url.replace('postgres@', 'postgres:s3cret@'), ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'true' };
    expect((await cli(['sync'], {})).code).toBe(2);

    await remote.query(`INSERT INTO squad_tasks (title, assigned_agent, metadata) VALUES ('From the cloud 1', 'Email Agent', '{"email_category":"inquiry"}'), ('From the cloud 2', 'Jarvis', '{}')`);
    const first = await cli(['sync'], env);
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/pulled:\s+2 new, 0 updated/);
    expect(first.stdout).toMatch(/queued:\s+0 change/);
    expect(first.stdout).toContain('postgres:***@127.0.0.1');
    expect(first.stdout).not.toContain('s3cret');

    const run = await cli(['run-once'], env);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ executed: 1 });
    const cloud = await remote.query(`SELECT title, status, execution_attempts FROM squad_tasks ORDER BY title`);
    expect(cloud.rows).toEqual([
      { title: 'From the cloud 1', status: 'completed', execution_attempts: 1 },
      { title: 'From the cloud 2', status: 'new', execution_attempts: 0 },
    ]);

    const json = await cli(['sync', '--json'], env);
    expect(JSON.parse(json.stdout)).toMatchObject({ ok: true, status: { state: 'connected', queued: 0 } });

    await remote.stop();
    try {
      const offline = await cli(['sync'], env);
      expect(offline.code).toBe(1);
      expect(offline.stderr).toMatch(/sync failed \(offline\): connect ECONNREFUSED/);
      // run-once still runs local work when Supabase is unreachable.
      const alone = await cli(['run-once'], env);
      expect(alone.code).toBe(0);
      expect(alone.stderr).toMatch(/^sync: offline/m);
    } finally {
      await remote.start();
    }
  });

  it('serve with SUPABASE_DB_URL executes a task inserted in Supabase without waiting for its poll', async () => {
    const root = resolve(__dirname, '../../..');
    // node with tsx's loader, not the tsx binary (see serve.test.ts).
    const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/index.ts', 'serve', '--port', '0', '--json', '--db', join(dir, 'serve.db')], {
      cwd: root,
      // A 1-hour poll: only NOTIFY -> pull -> wake can get the task executed.
      env: { ...process.env, CRON_SECRET: '', SUPABASE_DB_URL: remote.url, ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'true', EXECUTOR_POLL_INTERVAL_MS: '3600000' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exit = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
    const listener = new pg.Client({ connectionString: remote.url });
    try {
      await new Promise<void>((ready, fail) => {
        child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('\n') && ready());
        void exit.then((code) => fail(new Error(`serve exited with ${code}: ${stderr}`)));
      });
      // The desktop's first round installs the NOTIFY trigger; wait for its migration to exist.
      await listener.connect();
      await listener.query('LISTEN mc_sync');
      const completed = new Promise<Record<string, unknown>>((done) => {
        const check = async () => {
          const row = (await remote.query(`SELECT status, execution_attempts, mc_lease_owner FROM squad_tasks WHERE title = 'Via serve'`)).rows[0];
          if (row?.status === 'completed') done(row);
        };
        listener.on('notification', () => void check());
      });
      const migrated = async () => (await remote.query(`SELECT count(*)::int AS n FROM pg_trigger WHERE tgname = 'mc_sync_notify_squad_tasks'`)).rows[0]!.n === 1;
      while (!(await migrated())) await new Promise((r) => setTimeout(r, 100));
      await remote.query(`INSERT INTO squad_tasks (title, assigned_agent, metadata) VALUES ('Via serve', 'Email Agent', '{"email_category":"inquiry"}')`);
      expect(await completed).toMatchObject({ status: 'completed', execution_attempts: 1 });
    } finally {
      await listener.end().catch(() => undefined);
      child.kill('SIGTERM');
    }
    expect(await exit).toBe(0);
  });
});
