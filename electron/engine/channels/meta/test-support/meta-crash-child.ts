/**
 * TEST SUPPORT ONLY, run as a separate process by meta-crash.test.ts: an executor with the real
 * Meta handler (pointed at the parent's fake Graph server through META_* variables) that the
 * parent SIGKILLs after the Graph API accepted the post and before the outcome is recorded.
 */
import { createEngine } from '../../../index';
import { FileSecretStore } from '../../../secrets/file-secret-store';
import { createMetaHandler } from '../meta-handler';

const [dbPath, secretsPath] = process.argv.slice(2);
if (!dbPath || !secretsPath) throw new Error('usage: meta-crash-child DB SECRETS');
const meta = createMetaHandler({ env: process.env, secrets: new FileSecretStore(secretsPath), allowLocalMedia: true, instagramPace: { pollMs: 20, maxWaitMs: 5_000 } });
const engine = createEngine({ dbPath, env: { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'false' }, handlers: [meta] });
void engine.runCycle();
// The publish never gets its answer: keep the process alive until the parent kills it.
setInterval(() => undefined, 1_000);
