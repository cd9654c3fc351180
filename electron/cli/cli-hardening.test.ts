/**
 * Issue 16, findings 4 and 7 and the file modes: CLI mistakes are usage errors, titles cannot
 * drive the terminal, and a new database is private.
 */
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempDir } from '../engine/test-support/engine-fixture';
import { escapeControls } from './terminal-text';
import { runCliCaptured } from './test-support/run-cli-captured';

let dir: ReturnType<typeof tempDir>;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.cleanup());

const cli = (args: string[], env: Record<string, string | undefined> = {}) => runCliCaptured(args, env);

describe('CLI mistakes are usage errors (finding 7)', () => {
  it('refuses an empty --db= instead of creating the task in a temporary database', async () => {
    const res = await cli(['tasks', 'add', '--title', 'x', '--db='], { MISSION_CONTROL_HOME: join(dir.path, 'home') });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/--db needs a value \(got an empty one\)/);
    expect(existsSync(join(dir.path, 'home'))).toBe(false);
  });

  it('refuses --agnet (typo) and --d, suggesting the closest flag', async () => {
    const db = join(dir.path, 'x.db');
    const typo = await cli(['tasks', 'add', '--title', 'x', '--agnet', 'Email Agent', '--db', db]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toMatch(/unknown flag --agnet \(did you mean --agent\?\)/);
    const short = await cli(['status', '--d', db]);
    expect(short.code).toBe(2);
    expect(short.stderr).toMatch(/unknown flag --d \(did you mean --db\?\)/);
    expect(existsSync(db)).toBe(false);
  });

  it('never creates a folder named by --db; read-only commands never create a database', async () => {
    const missing = join(dir.path, 'nonexistent', 'x.db');
    const add = await cli(['tasks', 'add', '--title', 'x', '--db', missing]);
    expect(add.code).toBe(2);
    expect(add.stderr).toMatch(/folder .*nonexistent does not exist/);
    expect(existsSync(join(dir.path, 'nonexistent'))).toBe(false);
    const db = join(dir.path, 'new.db');
    const status = await cli(['status', '--db', db]);
    expect(status.code).toBe(2);
    expect(status.stderr).toMatch(/no database at/);
    expect(existsSync(db)).toBe(false);
    const created = await cli(['tasks', 'add', '--title', 'x', '--db', db]);
    expect(created.code).toBe(0);
    expect(existsSync(db)).toBe(true);
  });
});

describe('file modes', () => {
  it('creates the user-data folder 0700 and the database 0600 from any writing command', async () => {
    if (process.platform === 'win32') return;
    const home = join(dir.path, 'home', 'Mission Control');
    const res = await cli(['tasks', 'add', '--title', 'x'], { MISSION_CONTROL_HOME: home });
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/Created the user-data folder/);
    expect(statSync(home).mode & 0o777).toBe(0o700);
    for (const file of ['mission-control.db', 'mission-control.db-wal']) {
      if (existsSync(join(home, file))) expect(statSync(join(home, file)).mode & 0o777, file).toBe(0o600);
    }
    expect(existsSync(join(home, 'mission-control.db'))).toBe(true);
  });
});

describe('terminal escapes in output (finding 4)', () => {
  const evil = 'Hi\u001b]0;pwned\u0007\u001b[2K\u001b[8mhidden\u009b31m\u202eRTL';

  it('escapes control characters in every printed line', async () => {
    const db = join(dir.path, 't.db');
    mkdirSync(dir.path, { recursive: true });
    const add = await cli(['tasks', 'add', '--title', evil, '--db', db]);
    expect(add.code).toBe(0);
    const list = await cli(['tasks', 'list', '--db', db]);
    const id = /^(\S+)/.exec(list.stdout)?.[1] ?? '';
    const show = await cli(['tasks', 'show', id, '--db', db]);
    const json = await cli(['tasks', 'list', '--json', '--db', db]);
    for (const out of [add.stdout, list.stdout, show.stdout, json.stdout]) {
      // eslint-disable-next-line no-control-regex -- the escapes must not reach the terminal
      expect(out).not.toMatch(/[\u001b\u0007\u009b\u202e]/);
      expect(out).toContain('\\u001b]0;pwned\\u0007');
    }
    expect(JSON.parse(json.stdout).items[0].title).toBe(evil);
  });

  it('keeps newlines and tabs, escapes C0, DEL, C1 and bidi overrides', () => {
    expect(escapeControls('a\tb\nc\r\u007f\u0085\u2066')).toBe('a\tb\nc\\u000d\\u007f\\u0085\\u2066');
  });
});
