import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../engine/test-support/engine-fixture';
import { runCliCaptured } from './test-support/run-cli-captured';

let dir: ReturnType<typeof tempDir>;
let db: string;
beforeEach(() => {
  dir = tempDir();
  db = join(dir.path, 'cli.db');
});
afterEach(() => dir.cleanup());

const cli = (args: string[], env: Record<string, string | undefined> = {}) => runCliCaptured([...args, '--db', db], env);

describe('mission-control CLI', () => {
  it('adds, lists, shows, approves and runs tasks; run-once prints the JSON summary', async () => {
    const added = await cli(['tasks', 'add', '--title', 'Reply to Lerato', '--agent', 'Email Agent', '--priority', 'high', '--requires-approval', '--json']);
    expect(added.code).toBe(0);
    const task = JSON.parse(added.stdout);
    expect(task).toMatchObject({ title: 'Reply to Lerato', priority: 'high', requiresApproval: true, status: 'new' });

    const listed = await cli(['tasks', 'list', '--awaiting-approval']);
    expect(listed.stdout).toContain(task.id);
    expect(listed.stdout).toContain('1 of 1 task(s)');

    expect((await cli(['approve', task.id, '--by', 'Kenny'])).stdout).toBe(`Approved "Reply to Lerato" (${task.id}) as Kenny\n`);
    const run = await cli(['run-once'], { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'true' });
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ success: true, executed: 1, failed: 0, skipped: 0, rateLimit: { remaining: 720 } });

    const shown = await cli(['tasks', 'show', task.id]);
    expect(shown.stdout).toMatch(/status:\s+completed/);
    expect(shown.stdout).toMatch(/attempt 1: succeeded \(dry run\)/);
  });

  it('pause and resume persist for other commands (and the desktop app)', async () => {
    expect((await cli(['pause'])).code).toBe(0);
    expect(JSON.parse((await cli(['status', '--json'])).stdout)).toMatchObject({ paused: true });
    expect((await cli(['resume'])).code).toBe(0);
    expect(JSON.parse((await cli(['status', '--json'])).stdout)).toMatchObject({ paused: false });
  });

  it('explains mistakes on stderr with a non-zero exit', async () => {
    expect(await cli(['approve', 'no-such-task'])).toMatchObject({ code: 1, stdout: '', stderr: 'mission-control approve: Task no-such-task not found\n' });
    const reject = await cli(['reject', 'x']);
    expect(reject.code).toBe(2);
    expect(reject.stderr).toMatch(/--reason is required/);
    expect((await cli(['tasks', 'add', '--title', 'x', '--metadata', '{oops'])).stderr).toMatch(/--metadata must be a JSON object/);
    expect((await cli(['tasks', 'add', '--title', 'x', '--priority', 'asap'])).stderr).toMatch(/--priority must be one of urgent, high, medium, low/);
    expect((await cli(['frobnicate'])).code).toBe(2);
    const task = JSON.parse((await cli(['tasks', 'add', '--title', 'auto', '--json'])).stdout);
    const conflict = await cli(['approve', task.id]);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toMatch(/not waiting for approval/);
  });

  it('runs as a real process: the entry point exits with the command\'s code', () => {
    const entry = fileURLToPath(new URL('./index.ts', import.meta.url));
    const ok = spawnSync(process.execPath, ['--import', 'tsx', entry, 'run-once', '--db', db], { encoding: 'utf8', env: { ...process.env, ENABLE_AUTO_EXECUTION: 'false' } });
    expect(ok.status).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ success: true, executed: 0 });
    const bad = spawnSync(process.execPath, ['--import', 'tsx', entry, 'approve', '--db', db], { encoding: 'utf8' });
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/missing task ID/);
    // Two cold starts of the CLI under tsx (it compiles the engine each time): slow on a busy machine.
  }, 90_000);
});
