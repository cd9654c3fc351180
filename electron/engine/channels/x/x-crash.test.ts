// The issue's crash test for X: the executor process is SIGKILLed after X accepted the post and
// before the outcome was recorded; a new executor on the same database and secrets reconciles
// with the account's timeline at start-up. Published exactly once.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../index';
import { FileSecretStore } from '../../secrets/file-secret-store';
import { taskRow, tempDir } from '../../test-support/engine-fixture';
import { createXHandler } from './x-handler';
import { FakeXServer } from './test-support/fake-x-server';

const childScript = fileURLToPath(new URL('./test-support/x-crash-child.ts', import.meta.url));
let fake: FakeXServer;
let dir: ReturnType<typeof tempDir>;
let env: Record<string, string>;

beforeEach(async () => {
  fake = await FakeXServer.start();
  dir = tempDir();
  env = { X_CLIENT_ID: fake.clientId, X_REFRESH_TOKEN: fake.issueRefreshToken(), X_API_BASE_URL: fake.baseUrl };
});
afterEach(async () => {
  await fake.close();
  dir.cleanup();
});

const engineAt = (dbPath: string, live: boolean) =>
  createEngine({ dbPath, env: live ? { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'false' } : {}, handlers: [createXHandler({ env, secrets: new FileSecretStore(join(dir.path, 'secrets.json')) })] });

describe('X: executor killed between the post and its recording', { timeout: 60_000 }, () => {
  it('the timeline shows the post: completed once with its id, never posted twice', async () => {
    const dbPath = join(dir.path, 'mc.db');
    const seeding = engineAt(dbPath, false);
    const task = await seeding.api['tasks:create']({ title: 'Era 300 launch', assignedAgent: 'Social Media Agent', priority: 'high', metadata: { platform: 'x', content: 'The Sonos Era 300 is here: https://audico.co.za/era300 & in stores Friday' } });
    await seeding.api['approvals:approve']({ id: task.id, by: 'Kenny' });
    await seeding.close();

    fake.injectFault('tweet', { kind: 'accept-then-hang' });
    const child = spawn(process.execPath, ['--import', 'tsx', childScript, dbPath, join(dir.path, 'secrets.json')], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await new Promise<void>((resolve, reject) => {
      fake.once('accepted', () => resolve());
      void exited.then(() => reject(new Error(`child exited before posting: ${stderr}`)));
    });
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const engine = engineAt(dbPath, true);
    expect(taskRow(engine, task.id).status).toBe('in_progress');
    await engine.runCycle();
    await engine.runCycle();
    const row = taskRow(engine, task.id);
    const executions = engine.db.prepare('SELECT state, external_id FROM task_executions WHERE task_id = ?').all(task.id);
    await engine.close();
    expect(fake.count('tweet')).toBe(1);
    expect(fake.live()).toHaveLength(1);
    const id = fake.live()[0]!.id;
    expect(row).toMatchObject({ status: 'completed', execution_attempts: 1, outcome_unknown: 0, deliverable_url: `https://x.com/AudicoSA/status/${id}` });
    expect(executions).toEqual([{ state: 'succeeded', external_id: id }]);
  });
});
