/**
 * scripts/native-module.mjs swaps better-sqlite3 between its Node and Electron builds. Exercised
 * on a scratch copy of the module (never the shared node_modules, which other tests are using):
 * the "Electron build" here is a shared library that is not a Node addon for this Node, so Node
 * fails to load it exactly as it fails on a real NODE_MODULE_VERSION mismatch.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const repo = join(__dirname, '..', '..');
const script = join(repo, 'scripts', 'native-module.mjs');
const nodeAbi = process.versions.modules;
const key = (runtime: string, abi: string) => `${runtime}-${abi}-${process.platform}-${process.arch}`;

function scratch() {
  const root = mkdtempSync(join(tmpdir(), 'mc-native-'));
  const mods = join(root, 'node_modules');
  const src = join(repo, 'node_modules', 'better-sqlite3');
  mkdirSync(join(mods, 'better-sqlite3', 'build', 'Release'), { recursive: true });
  cpSync(join(src, 'lib'), join(mods, 'better-sqlite3', 'lib'), { recursive: true });
  copyFileSync(join(src, 'package.json'), join(mods, 'better-sqlite3', 'package.json'));
  copyFileSync(join(src, 'build', 'Release', 'better_sqlite3.node'), join(mods, 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'));
  for (const dep of ['bindings', 'file-uri-to-path']) symlinkSync(join(repo, 'node_modules', dep), join(mods, dep), 'dir');
  mkdirSync(join(mods, 'electron'), { recursive: true });
  writeFileSync(join(mods, 'electron', 'abi_version'), '145');
  writeFileSync(join(mods, 'electron', 'package.json'), JSON.stringify({ version: '41.7.1' }));
  return root;
}

function native(root: string, mode: string) {
  const result = spawnSync(process.execPath, [script, mode], { env: { ...process.env, MISSION_CONTROL_NATIVE_ROOT: root }, encoding: 'utf8' });
  return { status: result.status, out: `${result.stdout}${result.stderr}` };
}

const loads = (root: string) =>
  spawnSync(process.execPath, ['-e', "const D=require('better-sqlite3'); new D(':memory:').prepare('select 1').get()"], { cwd: root }).status === 0;

describe('native module switching', () => {
  it('Node -> Electron -> Node by cache copies, and tests load again afterwards', () => {
    const root = scratch();
    const cache = join(root, 'node_modules', '.cache', 'mission-control-native');
    const marker = join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', '.mission-control-runtime');

    expect(native(root, 'node')).toMatchObject({ status: 0 });
    expect(readFileSync(marker, 'utf8').trim()).toBe(key('node', nodeAbi));
    expect(existsSync(join(cache, key('node', nodeAbi), 'better_sqlite3.node'))).toBe(true);

    // An "Electron build" in the cache: a shared library Node cannot load as an addon.
    mkdirSync(join(cache, key('electron', '145')), { recursive: true });
    copyFileSync(join(repo, 'node_modules', 'better-sqlite3', 'build', 'Release', 'test_extension.node'), join(cache, key('electron', '145'), 'better_sqlite3.node'));
    const toElectron = native(root, 'electron');
    expect(toElectron.status).toBe(0);
    expect(toElectron.out).toContain('placed the Electron build');
    expect(readFileSync(marker, 'utf8').trim()).toBe(key('electron', '145'));
    expect(loads(root)).toBe(false);
    expect(native(root, 'status').out).toMatch(/Node loads it: (?!yes)/);

    const back = native(root, 'node');
    expect(back.status).toBe(0);
    expect(back.out).toContain('restored the Node build');
    expect(loads(root)).toBe(true);
    expect(native(root, 'node').out).toBe('');
  });

  it('an unmarked module that Node cannot load and no cache: asks for a rebuild (reported, not hidden)', () => {
    const root = scratch();
    copyFileSync(join(repo, 'node_modules', 'better-sqlite3', 'build', 'Release', 'test_extension.node'), join(root, 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node'));
    writeFileSync(join(root, 'package.json'), JSON.stringify({ name: 'scratch', private: true }));
    // npm rebuild in the scratch root has no better-sqlite3 sources to compile: it must fail loudly.
    const result = native(root, 'node');
    expect(result.out).toMatch(/rebuilding for Node/);
    expect(result.status).toBe(1);
  }, 120_000);
});
