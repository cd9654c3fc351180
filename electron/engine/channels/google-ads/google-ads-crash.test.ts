// The executor process is SIGKILLed after Google Ads accepted the mutate and before the outcome
// was recorded; a new executor on the same database reconciles by reading the value back. The
// bid is changed exactly once and the task completes with the resource name.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../index';
import { FileSecretStore } from '../../secrets/file-secret-store';
import { taskRow, tempDir } from '../../test-support/engine-fixture';
import { adsEnv } from './test-support/ads-fixture';
import { FakeGoogleAdsServer } from './test-support/fake-google-ads-server';

const childScript = fileURLToPath(new URL('./test-support/ads-crash-child.ts', import.meta.url));
let fake: FakeGoogleAdsServer;
let dir: ReturnType<typeof tempDir>;
let env: Record<string, string>;

beforeEach(async () => {
  fake = await FakeGoogleAdsServer.start();
  dir = tempDir();
  env = adsEnv(fake);
});
afterEach(async () => {
  await fake.close();
  dir.cleanup();
});

const engineFor = (dbPath: string, extra: Record<string, string> = {}) => createEngine({ dbPath, env: { ...env, ...extra }, secrets: new FileSecretStore(join(dir.path, 'secrets.json')) });

async function crashAfterGoogleAccepted(dbPath: string): Promise<void> {
  fake.injectFault('mutate', { kind: 'accept-then-hang' });
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, dbPath, join(dir.path, 'secrets.json')], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    fake.once('accepted', () => resolve());
    void exited.then(() => reject(new Error(`child exited before the mutate: ${stderr}`)));
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

describe('Google Ads: executor killed between the mutate and its recording', { timeout: 60_000 }, () => {
  it('reconcile reads the bid back, finds the new value and completes the task; changed exactly once', async () => {
    const dbPath = join(dir.path, 'mc.db');
    const seed = engineFor(dbPath);
    const task = await seed.api['tasks:create']({ title: 'Lower the Denon AVR bid', assignedAgent: 'Google Ads Agent', priority: 'medium', requiresApproval: false, metadata: { action: 'adjust_bid', ad_group_id: '555', bid_change_percent: -10 } });
    await seed.close();

    await crashAfterGoogleAccepted(dbPath);
    expect(fake.account.adGroups.get('555')?.cpcBidMicros).toBe('3600000');

    const engine = engineFor(dbPath, { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'false' });
    expect(taskRow(engine, task.id).status).toBe('in_progress');
    expect(engine.db.prepare('SELECT state FROM task_executions WHERE task_id = ?').all(task.id)).toEqual([{ state: 'intent' }]);
    await engine.runCycle();
    await engine.runCycle();
    const row = taskRow(engine, task.id);
    const executions = engine.db.prepare('SELECT state, external_id FROM task_executions WHERE task_id = ?').all(task.id);
    await engine.close();

    expect(fake.mutations().filter((m) => !m.body.validateOnly)).toHaveLength(1);
    expect(fake.account.adGroups.get('555')?.cpcBidMicros).toBe('3600000');
    expect(row).toMatchObject({ status: 'completed', execution_attempts: 1, outcome_unknown: 0 });
    expect(executions).toEqual([{ state: 'succeeded', external_id: 'customers/1234567890/adGroups/555' }]);
  });
});
