/**
 * Test support, run as a separate process by crash-recovery.test.ts: an executor whose channel
 * call writes a marker file ("the request went out") and then never returns, so the parent can
 * SIGKILL it mid-execution.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { createEngine } from '../index';
import { scriptedHandler } from './engine-fixture';

const [dbPath, markerPath] = process.argv.slice(2);
if (!dbPath || !markerPath) throw new Error('usage: crash-child DB MARKER');
const handler = scriptedHandler({
  id: 'crashy',
  behaviour: (call) => {
    // Written aside and renamed, so the parent never sees the marker before its content.
    writeFileSync(`${markerPath}.tmp`, call.idempotencyKey);
    renameSync(`${markerPath}.tmp`, markerPath);
    return new Promise(() => undefined);
  },
});
const engine = createEngine({ dbPath, env: { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'false' }, handlers: [handler] });
void engine.runCycle();
// The hung call holds no timer of its own: keep the process alive until the parent kills it.
setInterval(() => undefined, 1_000);
