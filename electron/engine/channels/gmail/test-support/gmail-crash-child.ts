/**
 * TEST SUPPORT ONLY, run as a separate process by gmail-crash.test.ts: an executor with the real
 * Gmail handler (pointed at the parent's fake Gmail server through GMAIL_* variables) that the
 * parent SIGKILLs after Gmail accepted the send and before the outcome is recorded.
 */
import { createEngine } from '../../../index';
import { FileSecretStore } from '../../../secrets/file-secret-store';
import { createGmailHandler } from '../gmail-handler';

const [dbPath, secretsPath] = process.argv.slice(2);
if (!dbPath || !secretsPath) throw new Error('usage: gmail-crash-child DB SECRETS');
const gmail = createGmailHandler({ env: process.env, secrets: new FileSecretStore(secretsPath) });
const engine = createEngine({ dbPath, env: { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'false' }, handlers: [gmail] });
void engine.runCycle();
// The send never gets its answer: keep the process alive until the parent kills it.
setInterval(() => undefined, 1_000);
