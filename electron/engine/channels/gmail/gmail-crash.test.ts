// The issue's crash test: the executor process is SIGKILLed after Gmail accepted the send and
// before the outcome was recorded; a new executor on the same database and secrets reconciles
// with Gmail at start-up. The task ends completed exactly once with the right message id.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../index';
import { FileSecretStore } from '../../secrets/file-secret-store';
import { taskRow, tempDir } from '../../test-support/engine-fixture';
import { createGmailHandler } from './gmail-handler';
import { FakeGmailServer, type FakeOperation } from './test-support/fake-gmail-server';

const childScript = fileURLToPath(new URL('./test-support/gmail-crash-child.ts', import.meta.url));
let fake: FakeGmailServer;
let dir: ReturnType<typeof tempDir>;
let env: Record<string, string>;

beforeEach(async () => {
  fake = await FakeGmailServer.start();
  dir = tempDir();
  env = {
    GMAIL_CLIENT_ID: fake.clientId,
    GMAIL_CLIENT_SECRET: fake.clientSecret,
    GMAIL_REFRESH_TOKEN: fake.issueRefreshToken(),
    GMAIL_API_ROOT_URL: fake.rootUrl,
    GOOGLE_OAUTH_TOKEN_URL: fake.tokenUrl,
  };
});
afterEach(async () => {
  await fake.close();
  dir.cleanup();
});

async function seed(dbPath: string, metadata: Record<string, unknown>): Promise<string> {
  const engine = createEngine({ dbPath, env: {}, handlers: [createGmailHandler({ env, secrets: new FileSecretStore(join(dir.path, 'secrets.json')) })] });
  const task = await engine.api['tasks:create']({ title: 'Answer the delivery question', assignedAgent: 'Email Agent', priority: 'high', requiresApproval: false, metadata: { email_category: 'inquiry', ...metadata } });
  await engine.close();
  return task.id;
}

/** Runs the executor in a child process and SIGKILLs it as soon as Gmail has accepted the send. */
async function crashAfterGmailAccepted(dbPath: string, operation: FakeOperation): Promise<void> {
  fake.injectFault(operation, { kind: 'accept-then-hang' });
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, dbPath, join(dir.path, 'secrets.json')], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    fake.once('accepted', () => resolve());
    void exited.then(() => reject(new Error(`child exited before sending: ${stderr}`)));
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

async function recover(dbPath: string, id: string) {
  const engine = createEngine({ dbPath, env: { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'false' }, handlers: [createGmailHandler({ env, secrets: new FileSecretStore(join(dir.path, 'secrets.json')) })] });
  expect(taskRow(engine, id).status).toBe('in_progress');
  expect(engine.db.prepare('SELECT state FROM task_executions WHERE task_id = ?').all(id)).toEqual([{ state: 'intent' }]);
  await engine.runCycle();
  await engine.runCycle();
  const row = taskRow(engine, id);
  const executions = engine.db.prepare('SELECT state, external_id FROM task_executions WHERE task_id = ?').all(id);
  await engine.close();
  return { row, executions };
}

// Spawning a tsx child takes seconds on a loaded machine: a generous limit, not a timed assertion.
describe('Gmail: executor killed between the send and its recording', { timeout: 60_000 }, () => {
  it('draft: the draft is gone, reconciliation finds the sent message; sent exactly once', async () => {
    const dbPath = join(dir.path, 'mc.db');
    const draftId = fake.addDraft(['To: thandi@example.com', 'Subject: Re: Delivery', 'Message-ID: <d1@mail.gmail.com>', '', 'Tomorrow.', ''].join('\r\n'));
    const id = await seed(dbPath, { draft_id: draftId });
    await crashAfterGmailAccepted(dbPath, 'drafts.send');
    const { row, executions } = await recover(dbPath, id);
    expect(fake.count('drafts.send')).toBe(1);
    expect(fake.sent()).toHaveLength(1);
    expect(row).toMatchObject({ status: 'completed', execution_attempts: 1, outcome_unknown: 0 });
    expect(executions).toEqual([{ state: 'succeeded', external_id: fake.sent()[0]?.id }]);
  });

  it('composed message: found in Sent by our Message-ID; sent exactly once', async () => {
    const dbPath = join(dir.path, 'mc.db');
    const id = await seed(dbPath, { to: 'thandi@example.com', subject: 'Delivery', body_text: 'Tomorrow.' });
    await crashAfterGmailAccepted(dbPath, 'messages.send');
    const { row, executions } = await recover(dbPath, id);
    expect(fake.count('messages.send')).toBe(1);
    expect(fake.sent()).toHaveLength(1);
    expect(row).toMatchObject({ status: 'completed', execution_attempts: 1, outcome_unknown: 0 });
    expect(executions).toEqual([{ state: 'succeeded', external_id: fake.sent()[0]?.id }]);
  });
});
