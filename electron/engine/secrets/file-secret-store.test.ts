import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFileSecretStore, FileSecretStore } from './file-secret-store';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'mc-secrets-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const mode = (path: string) => statSync(path).mode & 0o777;

describe.skipIf(process.platform === 'win32')('FileSecretStore', () => {
  it('creates the file 0600 in a 0700 folder, and says it is not encrypted', async () => {
    const store = createFileSecretStore({ MISSION_CONTROL_HOME: join(dir, 'home') });
    expect(await store.get('gmail.oauth')).toBeNull();
    await store.set('gmail.oauth', '{"refreshToken":"x"}');
    expect(mode(store.path)).toBe(0o600);
    expect(mode(join(dir, 'home'))).toBe(0o700);
    expect(store.description).toContain('0600');
    expect(store.description).toContain('not encrypted');
    expect(JSON.parse(readFileSync(store.path, 'utf8'))).toEqual({ 'gmail.oauth': '{"refreshToken":"x"}' });
  });

  it('survives a new instance (persisted) and deletes', async () => {
    const path = join(dir, 'secrets.json');
    await new FileSecretStore(path).set('a', '1');
    await new FileSecretStore(path).set('b', '2');
    const reopened = new FileSecretStore(path);
    expect(await reopened.get('a')).toBe('1');
    await reopened.delete('a');
    expect(await new FileSecretStore(path).get('a')).toBeNull();
    expect(await new FileSecretStore(path).get('b')).toBe('2');
  });

  it('repairs a file others can read, with a warning', async () => {
    const path = join(dir, 'secrets.json');
    writeFileSync(path, '{"a":"1"}');
    chmodSync(path, 0o644);
    const warnings: string[] = [];
    const store = new FileSecretStore(path, { onWarning: (message) => warnings.push(message) });
    expect(await store.get('a')).toBe('1');
    expect(mode(path)).toBe(0o600);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('mode 0644');
  });

  it('refuses a symlink', async () => {
    const target = join(dir, 'elsewhere.json');
    writeFileSync(target, '{}', { mode: 0o600 });
    const path = join(dir, 'secrets.json');
    symlinkSync(target, path);
    await expect(new FileSecretStore(path).get('a')).rejects.toThrow(/not a regular file/);
  });
});
