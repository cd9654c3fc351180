/**
 * TEST SUPPORT ONLY, run as a separate process by x-crash.test.ts: an executor with the real X
 * handler (pointed at the parent's fake X server through X_* variables) that the parent SIGKILLs
 * after X accepted the post and before the outcome is recorded.
 */
import { createEngine } from '../../../index';
import { FileSecretStore } from '../../../secrets/file-secret-store';
import { createXHandler } from '../x-handler';

const [dbPath, secretsPath] = process.argv.slice(2);
if (!dbPath || !secretsPath) throw new Error('usage: x-crash-child DB SECRETS');
const x = createXHandler({ env: process.env, secrets: new FileSecretStore(secretsPath) });
const engine = createEngine({ dbPath, env: { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'false' }, handlers: [x] });
void engine.runCycle();
// The post never gets its answer: keep the process alive until the parent kills it.
setInterval(() => undefined, 1_000);
