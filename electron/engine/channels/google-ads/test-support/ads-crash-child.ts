/**
 * TEST SUPPORT ONLY, run as a separate process by google-ads-crash.test.ts: an executor with the
 * default handlers (Google Ads pointed at the parent's fake server through GOOGLE_ADS_* variables)
 * that the parent SIGKILLs after Google accepted the mutate and before the outcome is recorded.
 */
import { createEngine } from '../../../index';
import { FileSecretStore } from '../../../secrets/file-secret-store';

const [dbPath, secretsPath] = process.argv.slice(2);
if (!dbPath || !secretsPath) throw new Error('usage: ads-crash-child DB SECRETS');
const engine = createEngine({ dbPath, env: { ...process.env, ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'false' }, secrets: new FileSecretStore(secretsPath) });
void engine.runCycle();
// The mutate never gets its answer: keep the process alive until the parent kills it.
setInterval(() => undefined, 1_000);
