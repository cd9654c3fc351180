/**
 * TEST SUPPORT ONLY, run as a separate process by opencart-crash.test.ts: an executor with the
 * real OpenCart handler (OPENCART_DB_URL from the parent) that pauses after writing CRASH_AFTER
 * rows and prints "paused"; the parent then SIGKILLs it, mid-apply.
 */
import { createEngine } from '../../../index';
import { MemorySecretStore } from '../../../secrets/types';
import { createOpencartHandler } from '../opencart-handler';

const [dbPath] = process.argv.slice(2);
if (!dbPath) throw new Error('usage: opencart-crash-child DB');
const crashAfter = Number(process.env.CRASH_AFTER ?? '1');
const handler = createOpencartHandler({
  env: process.env,
  secrets: new MemorySecretStore(),
  afterWrite: async (index) => {
    if (index + 1 < crashAfter) return;
    process.stdout.write('paused\n');
    await new Promise(() => undefined);
  },
});
const engine = createEngine({ dbPath, env: { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'false' }, handlers: [handler] });
void engine.runCycle();
setInterval(() => undefined, 1_000);
