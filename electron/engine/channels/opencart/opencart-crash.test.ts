// kill -9 mid-apply: the executor process is SIGKILLed after it wrote part of an SEO change to
// the shop (3.x MyISAM: some rows written; 4.x InnoDB: inside the open transaction). A new
// executor on the same database recovers from the snapshot recorded on the intent: the change
// ends applied exactly once, never half-applied.
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../index';
import { MemorySecretStore } from '../../secrets/types';
import { taskRow, tempDir } from '../../test-support/engine-fixture';
import { createOpencartHandler } from './opencart-handler';
import { startMariadb, type OpencartDump, type TestMariadb } from './test-support/mariadb';
import { createShop, description, type Shop } from './test-support/opencart-fixture';

const childScript = fileURLToPath(new URL('./test-support/opencart-crash-child.ts', import.meta.url));
let maria: TestMariadb;
beforeAll(async () => {
  maria = await startMariadb();
}, 60_000);
afterAll(async () => {
  await maria?.destroy();
});

const liveEnv = { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'false' };
const metadata = { change_type: 'meta_description', affected_products: 3, changes: [{ product_id: 40, after: 'New 40' }, { product_id: 41, after: 'New 41' }, { product_id: 42, after: 'New 42' }] };

async function seed(dbPath: string, shop: Shop): Promise<string> {
  const engine = createEngine({ dbPath, env: {}, handlers: [createOpencartHandler({ env: shop.env, secrets: new MemorySecretStore() })] });
  const task = await engine.api['tasks:create']({ title: 'Better meta descriptions', assignedAgent: 'SEO Agent', priority: 'medium', requiresApproval: false, metadata });
  await engine.close();
  return task.id;
}

async function crashMidApply(dbPath: string, shop: Shop, crashAfter: number): Promise<void> {
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, dbPath], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...shop.env, CRASH_AFTER: String(crashAfter) } });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => chunk.toString().includes('paused') && resolve());
    void exited.then(() => reject(new Error(`child exited before pausing: ${stderr}`)));
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
}

async function recover(dbPath: string, shop: Shop, id: string) {
  const engine = createEngine({ dbPath, env: liveEnv, handlers: [createOpencartHandler({ env: shop.env, secrets: new MemorySecretStore() })] });
  expect(taskRow(engine, id).status).toBe('in_progress');
  // 4.x: reconcile finds nothing written and the retry waits out its backoff (1 s) before running again.
  for (let cycle = 0; cycle < 20 && taskRow(engine, id).status !== 'completed'; cycle++) {
    await engine.runCycle();
    if (taskRow(engine, id).status !== 'completed') await new Promise((resolve) => setTimeout(resolve, 300));
  }
  const row = taskRow(engine, id);
  const executions = engine.db.prepare('SELECT state FROM task_executions WHERE task_id = ? ORDER BY attempt').all(id);
  await engine.close();
  return { row, executions };
}

describe.each<OpencartDump>(['3.0.5.0', '4.1.0.3'])('OpenCart %s: executor killed mid-apply', { timeout: 120_000 }, (version) => {
  it('recovery from the snapshot leaves the change applied exactly once', async () => {
    const dir = tempDir();
    try {
      const shop = await createShop(maria, version);
      const dbPath = join(dir.path, 'mc.db');
      const id = await seed(dbPath, shop);
      await crashMidApply(dbPath, shop, 2);
      const midway = [(await description(shop, 40)).meta_description, (await description(shop, 41)).meta_description, (await description(shop, 42)).meta_description];
      if (version.startsWith('3')) expect(midway.slice(0, 2)).toEqual(['New 40', 'New 41']); // MyISAM: half-written when killed
      else expect(midway).not.toContain('New 40'); // InnoDB: the open transaction died with the connection
      const { row, executions } = await recover(dbPath, shop, id);
      expect(row).toMatchObject({ status: 'completed', outcome_unknown: 0 });
      expect([(await description(shop, 40)).meta_description, (await description(shop, 41)).meta_description, (await description(shop, 42)).meta_description]).toEqual(['New 40', 'New 41', 'New 42']);
      // 3.x: recovery finished the interrupted apply; 4.x: the transaction died with the process, so the task ran again.
      expect(executions).toEqual(version.startsWith('3') ? [{ state: 'succeeded' }] : [expect.objectContaining({ state: expect.any(String) }), { state: 'succeeded' }]);
    } finally {
      dir.cleanup();
    }
  });
});
