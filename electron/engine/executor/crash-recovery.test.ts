// Crash safety (DESIGN.md, "Execution safety protocol"): a real child process is killed in the
// middle of a channel call; a new executor on the same database recovers the claim at start-up.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../index';
import { scriptedHandler, taskRow, tempDir } from '../test-support/engine-fixture';

const childScript = fileURLToPath(new URL('../test-support/crash-child.ts', import.meta.url));
let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

/** Runs the crashy executor on `dbPath` and SIGKILLs it once its channel call has started. */
async function crashMidExecution(dbPath: string): Promise<string> {
  const marker = join(dir.path, 'sent.marker');
  const child = spawn(process.execPath, ['--import', 'tsx', childScript, dbPath, marker], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => (stderr += chunk));
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    const check = setInterval(() => {
      if (existsSync(marker)) {
        clearInterval(check);
        resolve();
      } else if (child.exitCode !== null) {
        clearInterval(check);
        reject(new Error(`child exited early: ${stderr}`));
      }
    }, 20);
  });
  child.kill('SIGKILL');
  expect(await exited).toBe('SIGKILL');
  return readFileSync(marker, 'utf8');
}

function seed(dbPath: string): string {
  const engine = createEngine({ dbPath, env: {}, handlers: [scriptedHandler({ id: 'crashy' })] });
  const id = (engine.db.prepare(`INSERT INTO squad_tasks (title, assigned_agent) VALUES ('Send the invoice reply', 'Email Agent') RETURNING id`).get() as { id: string }).id;
  void engine.close();
  return id;
}

describe('crash between the side effect and its recording', () => {
  it('reconciles with the channel at start-up: completed exactly once, never re-sent', async () => {
    const dbPath = join(dir.path, 'mc.db');
    const id = seed(dbPath);
    const key = await crashMidExecution(dbPath);
    const reconciled: string[] = [];
    const handler = scriptedHandler({
      id: 'crashy',
      reconcile: async (idempotencyKey) => {
        reconciled.push(idempotencyKey);
        return { status: 'succeeded', outcome: { externalId: 'msg-42', externalUrl: null, result: { found: 'in Sent' } }, evidence: 'found in Sent by Message-ID' };
      },
    });
    const engine = createEngine({ dbPath, env: { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'false' }, handlers: [handler] });
    expect(taskRow(engine, id).status).toBe('in_progress');
    await engine.runCycle();
    expect(reconciled).toEqual([key]);
    expect(handler.calls).toHaveLength(0);
    expect(taskRow(engine, id)).toMatchObject({ status: 'completed', execution_attempts: 1 });
    const executions = engine.db.prepare('SELECT state, external_id, idempotency_key FROM task_executions WHERE task_id = ?').all(id);
    expect(executions).toEqual([{ state: 'succeeded', external_id: 'msg-42', idempotency_key: key }]);
    await engine.close();
  });

  it('without a way to check, flags "outcome unknown" for a person instead of sending again', async () => {
    const dbPath = join(dir.path, 'mc.db');
    const id = seed(dbPath);
    await crashMidExecution(dbPath);
    const handler = scriptedHandler({ id: 'crashy' });
    const engine = createEngine({ dbPath, env: { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'false' }, handlers: [handler] });
    await engine.runCycle();
    await engine.runCycle();
    expect(handler.calls).toHaveLength(0);
    expect(taskRow(engine, id)).toMatchObject({ status: 'failed', outcome_unknown: 1 });
    const alerts = await engine.api['alerts:list']({});
    expect(alerts.items.some((alert) => alert.type === 'outcome_unknown')).toBe(true);
    await engine.close();
  });

  it("applies the recovered outcome's write-back with the completion (the content row the task points to)", async () => {
    const dbPath = join(dir.path, 'mc.db');
    const id = seed(dbPath);
    const setup = createEngine({ dbPath, env: {}, handlers: [] });
    setup.db.prepare(`INSERT INTO email_logs (id, subject, status, metadata) VALUES ('e-1', 'Invoice?', 'draft_created', '{"lang":"en"}')`).run();
    setup.db.prepare(`UPDATE squad_tasks SET metadata = '{"email_id":"e-1"}' WHERE id = ?`).run(id);
    await setup.close();
    await crashMidExecution(dbPath);
    const seen: unknown[] = [];
    const handler = scriptedHandler({
      id: 'crashy',
      reconcile: async () => ({
        status: 'succeeded',
        outcome: { externalId: 'msg-7', externalUrl: null, result: {}, writeBack: [{ op: 'update', table: 'email_logs', id: 'e-1', set: { status: 'sent' }, mergeMetadata: { gmail_message_id: 'msg-7' } }] },
        evidence: 'found in Sent',
      }),
    });
    const reconcile = handler.reconcile!.bind(handler);
    handler.reconcile = async (input, context) => {
      seen.push(input.task.content);
      return reconcile(input, context);
    };
    const engine = createEngine({ dbPath, env: { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'false' }, handlers: [handler] });
    await engine.runCycle();
    expect(seen).toEqual([{ email_logs: expect.objectContaining({ id: 'e-1', status: 'draft_created', metadata: { lang: 'en' } }) }]);
    expect(taskRow(engine, id)).toMatchObject({ status: 'completed' });
    const row = engine.db.prepare(`SELECT status, metadata FROM email_logs WHERE id = 'e-1'`).get() as { status: string; metadata: string };
    expect({ status: row.status, metadata: JSON.parse(row.metadata) }).toEqual({ status: 'sent', metadata: { lang: 'en', gmail_message_id: 'msg-7' } });
    await engine.close();
  });
});
