/**
 * The decisions `npm start` and `npm test` make on a checkout (scripts/setup.mjs): when to run
 * npm ci, when to build, what to do about missing system packages.
 */
import { mkdtempSync, rmSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- plain .mjs script without type declarations
import { buildReason, installReason, lockMismatch, newestFile, systemPackages, systemPlan } from './setup.mjs';

describe('installReason (npm ci when node_modules is absent or older than package-lock.json)', () => {
  it('installs on a fresh clone', () => {
    expect(installReason({ nodeModules: null, installedLock: null, packageLock: 1000 })).toBe('node_modules is missing');
  });
  it('installs when the lockfile is newer and its content differs from what is installed', () => {
    expect(installReason({ nodeModules: 500, installedLock: 500, packageLock: 1000, lockMismatch: 'zod 4.0.0 installed, 4.6.7 locked' })).toBe(
      'package-lock.json is newer than node_modules (zod 4.0.0 installed, 4.6.7 locked)',
    );
    expect(installReason({ nodeModules: 500, installedLock: null, packageLock: 1000 })).toMatch(/newer than node_modules/);
  });
  it('does not reinstall when only the mtime moved (a git checkout) or node_modules is newer', () => {
    expect(installReason({ nodeModules: 500, installedLock: 500, packageLock: 1000, lockMismatch: null })).toBeNull();
    expect(installReason({ nodeModules: 2000, installedLock: 2000, packageLock: 1000 })).toBeNull();
  });
});

describe('lockMismatch', () => {
  const lock = { packages: { '': {}, 'node_modules/zod': { version: '4.6.7' }, 'node_modules/@esbuild/win32-x64': { version: '0.25.0', optional: true } } };
  it('compares locked and installed versions, ignoring optional packages for other platforms', () => {
    expect(lockMismatch(lock, { packages: { 'node_modules/zod': { version: '4.6.7' } } })).toBeNull();
    expect(lockMismatch(lock, { packages: { 'node_modules/zod': { version: '4.0.0' } } })).toBe('zod 4.0.0 installed, 4.6.7 locked');
    expect(lockMismatch(lock, { packages: {} })).toBe('zod is not installed');
    expect(lockMismatch(lock, null)).toBe('nothing recorded as installed');
  });
});

describe('buildReason (build when stale)', () => {
  const outputs = [
    { path: 'out/main/index.js', mtime: 2000 },
    { path: 'out/renderer/index.html', mtime: 2100 },
  ];
  it('builds when an output is missing or a source is newer than the oldest output', () => {
    expect(buildReason({ newestSource: { path: 'a.ts', mtime: 1 }, outputs: [...outputs, { path: 'out/main/cli.js', mtime: null }] })).toBe('out/main/cli.js is missing');
    expect(buildReason({ newestSource: { path: 'electron/x.ts', mtime: 2050 }, outputs })).toBe('electron/x.ts changed since the last build');
  });
  it('does not build a fresh build', () => {
    expect(buildReason({ newestSource: { path: 'electron/x.ts', mtime: 1500 }, outputs })).toBeNull();
  });
  it('finds the newest source file, ignoring tests, dotfiles and node_modules', () => {
    const dir = mkdtempSync(join(tmpdir(), 'mc-setup-'));
    try {
      mkdirSync(join(dir, 'src', 'node_modules'), { recursive: true });
      for (const [name, seconds] of [['src/a.ts', 100], ['src/b.ts', 300], ['src/b.test.ts', 900], ['src/.cache', 900], ['src/node_modules/x.js', 900]] as const) {
        writeFileSync(join(dir, name), '');
        utimesSync(join(dir, name), seconds, seconds);
      }
      expect(newestFile([join(dir, 'src')])).toEqual({ path: join(dir, 'src', 'b.ts'), mtime: 300_000 });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('systemPlan (install when we can, else say exactly what; never skip silently)', () => {
  const missing = systemPackages.filter((item: { pkg: string }) => item.pkg === 'chromium' || item.pkg === 'mariadb-server');
  it('installs as root on Debian', () => {
    expect(systemPlan({ missing, isRoot: true, isDebian: true, platform: 'linux' })).toEqual({ action: 'install', names: ['chromium', 'mariadb-server'] });
  });
  it('names the exact command when not root', () => {
    const plan = systemPlan({ missing, isRoot: false, isDebian: true, platform: 'linux' });
    expect(plan.action).toBe('explain');
    expect(plan.message).toContain('sudo apt-get install -y --no-install-recommends chromium mariadb-server');
    expect(plan.message).toContain('chromium: the dashboard e2e tests drive /usr/bin/chromium');
  });
  it('names the packages and files elsewhere (macOS, other Linux)', () => {
    const plan = systemPlan({ missing, isRoot: false, isDebian: false, platform: 'darwin' });
    expect(plan.message).toMatch(/Install with your package manager: chromium, mariadb-server/);
    expect(plan.message).toContain('/usr/sbin/mariadbd');
  });
  it('does nothing when everything is there; covers Chromium, PostgreSQL 15 and MariaDB', () => {
    expect(systemPlan({ missing: [], isRoot: false, isDebian: true, platform: 'linux' })).toEqual({ action: 'none' });
    expect(systemPackages.map((item: { pkg: string }) => item.pkg)).toEqual(expect.arrayContaining(['chromium', 'postgresql-15', 'mariadb-server']));
  });
});
