/**
 * Test support, run as a separate process by live-group.test.ts: a live executor whose channel
 * can reconcile, so its claims are grouped (executor/live-group.ts). Each call is "accepted by
 * the provider" (its idempotency key appended to PROVIDER_LOG, synchronously) and returns at once,
 * until a call finds claims of its group committed and waiting for their calls: that call writes
 * MARKER and never returns, so the parent can SIGKILL the process with a group of claims open,
 * some called, some not. (How soon groups form depends on how quick the first calls were.)
 */
import { appendFileSync, renameSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { createEngine } from '../index';
import { scriptedHandler } from './engine-fixture';

const [dbPath, providerLog, markerPath] = process.argv.slice(2);
if (!dbPath || !providerLog || !markerPath) throw new Error('usage: crash-group-child DB PROVIDER_LOG MARKER');
const observer = new Database(dbPath, { readonly: true });
const called = new Set<string>();
const claimsWaiting = () =>
  (observer.prepare(`SELECT task_id FROM task_executions WHERE state = 'intent'`).all() as { task_id: string }[]).some((intent) => !called.has(intent.task_id));
const handler = scriptedHandler({
  id: 'crashy',
  agent: 'SEO Agent',
  limitKeys: [],
  behaviour: (call) => {
    appendFileSync(providerLog, `${call.idempotencyKey}\n`);
    called.add(call.taskId);
    if (!claimsWaiting()) return { externalId: `ext-${call.taskId}`, externalUrl: null, result: {} };
    writeFileSync(`${markerPath}.tmp`, call.idempotencyKey);
    renameSync(`${markerPath}.tmp`, markerPath);
    return new Promise(() => undefined);
  },
  // Never asked here (this process is killed before any recovery); its presence makes the channel groupable.
  reconcile: async () => ({ status: 'unknown', evidence: 'not asked in the child' }),
});
const engine = createEngine({ dbPath, env: { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'false' }, handlers: [handler] });
void engine.runCycle();
// The hung call holds no timer of its own: keep the process alive until the parent kills it.
setInterval(() => undefined, 1_000);
