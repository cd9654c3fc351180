import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/index';
import { startPostgres, type TestPostgres } from '../../engine/sync/test-support/postgres';
import type { CliIo } from '../command';
import { runCli } from '../run-cli';

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

async function cli(args: string[], env: Record<string, string | undefined>): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), env, openEngine: createEngine };
  const code = await runCli([...args, '--db', join(dir, 'cli.db')], io);
  return { code, stdout, stderr };
}

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
      expect(offline.stderr).toMatch(/sync failed \(offline\)/);
      // run-once still runs local work when Supabase is unreachable.
      const alone = await cli(['run-once'], env);
      expect(alone.code).toBe(0);
      expect(alone.stderr).toMatch(/^sync: offline/m);
    } finally {
      await remote.start();
    }
  });
});
