/**
 * TEST SUPPORT ONLY, run as a separate process by brevo-crash.test.ts: an executor with the real
 * Brevo handler (pointed at the parent's fake Brevo server through BREVO_* variables) that the
 * parent SIGKILLs mid-send.
 */
import { createEngine } from '../../../index';
import { FileSecretStore } from '../../../secrets/file-secret-store';
import { createBrevoHandler } from '../brevo-handler';

const [dbPath, secretsPath] = process.argv.slice(2);
if (!dbPath || !secretsPath) throw new Error('usage: brevo-crash-child DB SECRETS');
const brevo = createBrevoHandler({ env: process.env, secrets: new FileSecretStore(secretsPath) });
const engine = createEngine({ dbPath, env: { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'false' }, handlers: [brevo] });
void engine.runCycle();
// The hung call never gets its answer: keep the process alive until the parent kills it.
setInterval(() => undefined, 1_000);
