// The crash test for Meta: the executor process is SIGKILLed after the Graph API accepted
// the post (Instagram media_publish, Facebook feed) and before the outcome was recorded; a new
// executor reconciles at start-up (the recorded container; the page's posts). Published once.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../index';
import { FileSecretStore } from '../../secrets/file-secret-store';
import { taskRow, tempDir } from '../../test-support/engine-fixture';
import { createMetaHandler } from './meta-handler';
import { FakeGraphServer, type GraphOperation } from './test-support/fake-graph-server';

const childScript = fileURLToPath(new URL('./test-support/meta-crash-child.ts', import.meta.url));
let fake: FakeGraphServer;
let dir: ReturnType<typeof tempDir>;
let env: Record<string, string>;

beforeEach(async () => {
  fake = await FakeGraphServer.start();
  dir = tempDir();
  env = { META_PAGE_ID: fake.pageId, META_PAGE_ACCESS_TOKEN: fake.pageToken, META_GRAPH_BASE_URL: fake.baseUrl };
});
afterEach(async () => {
  await fake.close();
  dir.cleanup();
});

const engineAt = (dbPath: string, live: boolean) =>
  createEngine({ dbPath, env: live ? { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'false' } : {}, handlers: [createMetaHandler({ env, secrets: new FileSecretStore(join(dir.path, 'secrets.json')), allowLocalMedia: true })] });

async function crashAfterAccepted(metadata: Record<string, unknown>, operation: GraphOperation) {
  const dbPath = join(dir.path, 'mc.db');
  const seeding = engineAt(dbPath, false);
  const task = await seeding.api['tasks:create']({ title: 'Launch post', assignedAgent: 'Social Media Agent', priority: 'high', metadata });
  await seeding.api['approvals:approve']({ id: task.id, by: 'Kenny' });
  await seeding.close();
  fake.injectFault(operation, { kind: 'accept-then-hang' });
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, dbPath, join(dir.path, 'secrets.json')], { stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, ...env } });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    fake.once('accepted', () => resolve());
    void exited.then(() => reject(new Error(`child exited before publishing: ${stderr}`)));
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
  return { row, executions };
}

describe('Meta: executor killed between the publish and its recording', { timeout: 60_000 }, () => {
  it('Instagram: the recorded container is PUBLISHED; completed once, media_publish called once', async () => {
    const { row, executions } = await crashAfterAccepted({ platform: 'instagram', content: 'Era 300 #sonos', media_urls: [`${fake.baseUrl}/media/era.jpg`] }, 'media_publish');
    expect(fake.count('media_publish')).toBe(1);
    expect(fake.igMedia).toHaveLength(1);
    expect(row).toMatchObject({ status: 'completed', execution_attempts: 1, outcome_unknown: 0 });
    expect(executions).toEqual([{ state: 'succeeded', external_id: fake.igMedia[0]!.id }]);
  });

  it('Facebook: the page post with the text is found; completed once', async () => {
    const { row, executions } = await crashAfterAccepted({ platform: 'facebook', content: 'Weekend sale on Denon' }, 'feed');
    expect(fake.count('feed')).toBe(1);
    expect(fake.livePosts()).toHaveLength(1);
    expect(row).toMatchObject({ status: 'completed', execution_attempts: 1, outcome_unknown: 0, deliverable_url: `https://www.facebook.com/${fake.livePosts()[0]!.id}` });
    expect(executions).toEqual([{ state: 'succeeded', external_id: fake.livePosts()[0]!.id }]);
  });
});
