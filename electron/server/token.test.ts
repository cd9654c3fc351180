import { chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, chmodSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadOrCreateToken, safeEqual, sessionValue } from './token';

const dirs: string[] = [];
function tempFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mc-token-'));
  dirs.push(dir);
  return join(dir, 'nested', 'server-token');
}
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('loadOrCreateToken', () => {
  it('uses CRON_SECRET when set and writes no file', () => {
    const file = tempFile();
    const token = loadOrCreateToken({ cronSecret: '  s3cret-from-env  ', file });
    expect(token).toEqual({ value: 's3cret-from-env', source: 'env', file: null });
    expect(() => statSync(file)).toThrow();
  });

  it('generates a random token in a 0600 file and reuses it on the next start', () => {
    const file = tempFile();
    const first = loadOrCreateToken({ file });
    expect(first.source).toBe('generated');
    expect(first.value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const second = loadOrCreateToken({ file });
    expect(second).toEqual({ value: first.value, source: 'file', file });
    expect(loadOrCreateToken({ file: tempFile() }).value).not.toBe(first.value);
  });

  it('tightens a token file that others can read', () => {
    const file = tempFile();
    const created = loadOrCreateToken({ file });
    chmodSync(file, 0o644);
    const warnings: string[] = [];
    expect(loadOrCreateToken({ file, onWarning: (m) => warnings.push(m) }).value).toBe(created.value);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(warnings[0]).toContain('0600');
  });

  it('replaces a truncated token file', () => {
    const file = tempFile();
    loadOrCreateToken({ file });
    writeFileSync(file, 'short');
    const token = loadOrCreateToken({ file });
    expect(token.source).toBe('generated');
    expect(readFileSync(file, 'utf8').trim()).toBe(token.value);
  });
});

describe('safeEqual and sessionValue', () => {
  it('compares any lengths without throwing', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('', 'abc')).toBe(false);
  });

  it('derives a cookie value that is not the token and changes with it', () => {
    expect(sessionValue('token-a')).not.toContain('token-a');
    expect(sessionValue('token-a')).toBe(sessionValue('token-a'));
    expect(sessionValue('token-a')).not.toBe(sessionValue('token-b'));
  });
});

describe('token files and secrets that must not be used (issue 16)', () => {
  it('refuses a CRON_SECRET with spaces: no Bearer header could carry it', () => {
    expect(() => loadOrCreateToken({ cronSecret: 'correct horse battery staple', file: tempFile() })).toThrow(/CRON_SECRET contains spaces/);
  });

  it('refuses a token file writable by others (planted in a shared folder)', () => {
    const file = tempFile();
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, 'planted-token-0123456789abcdef\n', { mode: 0o666 });
    chmodSync(file, 0o666);
    expect(() => loadOrCreateToken({ file })).toThrow(/writable by other users/);
  });

  // Needs root to give a file to another user (CI runs as root; skipped with this reason otherwise).
  it.skipIf(process.getuid?.() !== 0)('refuses a token file owned by another user, even as root', () => {
    const file = tempFile();
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, 'planted-token-0123456789abcdef\n', { mode: 0o600 });
    chownSync(file, 65534, 65534);
    expect(() => loadOrCreateToken({ file })).toThrow(/belongs to another user \(uid 65534\)/);
  });
});
