import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine } from '../../engine/index';
import { tempDir } from '../../engine/test-support/engine-fixture';
import type { CliIo } from '../command';
import { runCli } from '../run-cli';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (text) => void (stdout += text), stderr: (text) => void (stderr += text), env: {}, openEngine: createEngine };
  const code = await runCli([...args, '--db', join(dir.path, 'cli.db')], io);
  return { code, stdout, stderr };
}

describe('mission-control digest', () => {
  it('prints the day as the e-mail reads, or JSON; a bad day is refused', async () => {
    await cli(['tasks', 'add', '--title', 'Quote for Sipho', '--agent', 'Email Agent', '--requires-approval']);
    const text = await cli(['digest']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('WAITING FOR YOU: 1');
    expect(text.stdout).toContain('Quote for Sipho');
    const json = JSON.parse((await cli(['digest', '--day', '2026-01-15', '--json'])).stdout);
    expect(json).toMatchObject({ day: '2026-01-15', timeZone: 'Africa/Johannesburg', ran: [] });
    const bad = await cli(['digest', '--day', 'yesterday']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain('day');
  });
});
