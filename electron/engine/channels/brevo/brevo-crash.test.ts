// kill -9 of the executor in the middle of a newsletter send (a real child process): a new
// executor on the same database reconciles with Brevo at start-up. Never a second campaign,
// never sent twice.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../index';
import { FileSecretStore } from '../../secrets/file-secret-store';
import { taskRow, tempDir } from '../../test-support/engine-fixture';
import { createBrevoHandler } from './brevo-handler';
import { FakeBrevoServer, type BrevoFault, type BrevoOperation } from './test-support/fake-brevo-server';
import { brevoEnv } from './test-support/brevo-fixture';

const childScript = fileURLToPath(new URL('./test-support/brevo-crash-child.ts', import.meta.url));
let fake: FakeBrevoServer;
let dir: ReturnType<typeof tempDir>;

beforeEach(async () => {
  fake = await FakeBrevoServer.start();
  dir = tempDir();
});
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
  dir.cleanup();
});

const handler = () => createBrevoHandler({ env: brevoEnv(fake), secrets: new FileSecretStore(join(dir.path, 'secrets.json')) });
const live = { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'false' };

async function seed(dbPath: string): Promise<string> {
  const engine = createEngine({ dbPath, env: live, handlers: [handler()] });
  const task = await engine.api['tasks:create']({ title: 'May newsletter', assignedAgent: 'Marketing Agent', metadata: { action: 'send_newsletter', subject: 'May deals', html_content: '<p>Sonos</p>', list_ids: [7] } });
  await engine.api['approvals:approve']({ id: task.id });
  await engine.close();
  return task.id;
}

/** Runs the executor in a child process and SIGKILLs it when `operation` reaches the fake server. */
async function crashAt(dbPath: string, operation: BrevoOperation, fault: BrevoFault): Promise<void> {
  fake.injectFault(operation, fault);
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, dbPath, join(dir.path, 'secrets.json')], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...brevoEnv(fake) } });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    fake.on('hung', (hung: BrevoOperation) => hung === operation && resolve());
    void exited.then(() => reject(new Error(`child exited before ${operation}: ${stderr}`)));
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

async function recover(dbPath: string, id: string) {
  const engine = createEngine({ dbPath, env: live, handlers: [handler()] });
  expect(taskRow(engine, id).status).toBe('in_progress');
  await engine.runCycle();
  // A "not sent" verdict goes back to the queue with the first backoff (1 s).
  if (taskRow(engine, id).status === 'new') {
    await new Promise((resolve) => setTimeout(resolve, 1_100));
    await engine.runCycle();
  }
  const row = taskRow(engine, id);
  const executions = engine.db.prepare('SELECT attempt, state, external_id, progress FROM task_executions WHERE task_id = ? ORDER BY attempt').all(id) as { attempt: number; state: string; external_id: string | null; progress: string }[];
  await engine.close();
  return { row, executions };
}

describe('Brevo: executor killed mid-send', { timeout: 90_000 }, () => {
  it('between create (recorded) and sendNow: the draft is found, sent once, no second campaign', async () => {
    const dbPath = join(dir.path, 'mc.db');
    const id = await seed(dbPath);
    await crashAt(dbPath, 'campaigns.sendNow', { kind: 'hang' });
    expect(fake.campaigns.size).toBe(1);
    expect(fake.sentCampaigns()).toEqual([]);
    const { row, executions } = await recover(dbPath, id);
    expect(fake.count('campaigns.create')).toBe(1);
    expect(fake.campaigns.size).toBe(1);
    expect(fake.sentCampaigns()).toHaveLength(1);
    expect(row).toMatchObject({ status: 'completed' });
    expect(executions.map((execution) => execution.state)).toEqual(['failed', 'succeeded']);
    expect(JSON.parse(executions[0]!.progress)).toMatchObject({ campaignId: 100 });
    expect(executions[1]!.external_id).toBe('100');
  });

  it('created but not recorded (killed inside create): found by its marker, never created twice', async () => {
    const dbPath = join(dir.path, 'mc.db');
    const id = await seed(dbPath);
    await crashAt(dbPath, 'campaigns.create', { kind: 'accept-then-hang' });
    const { row } = await recover(dbPath, id);
    expect(fake.count('campaigns.create')).toBe(1);
    expect(fake.campaigns.size).toBe(1);
    expect(fake.sentCampaigns()).toHaveLength(1);
    expect(row).toMatchObject({ status: 'completed' });
  });

  it('after Brevo accepted sendNow: reconciled as sent, exactly once', async () => {
    const dbPath = join(dir.path, 'mc.db');
    const id = await seed(dbPath);
    await crashAt(dbPath, 'campaigns.sendNow', { kind: 'accept-then-hang' });
    const { row, executions } = await recover(dbPath, id);
    expect(fake.count('campaigns.sendNow')).toBe(1);
    expect(fake.sentCampaigns()).toHaveLength(1);
    expect(row).toMatchObject({ status: 'completed', execution_attempts: 1, outcome_unknown: 0 });
    expect(executions.map((execution) => [execution.state, execution.external_id])).toEqual([['succeeded', '100']]);
  });
});
