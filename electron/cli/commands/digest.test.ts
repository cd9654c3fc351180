import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../../engine/test-support/engine-fixture';
import { runCliCaptured } from '../test-support/run-cli-captured';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

const cli = (args: string[]) => runCliCaptured([...args, '--db', join(dir.path, 'cli.db')]);

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
