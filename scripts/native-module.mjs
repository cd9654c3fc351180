#!/usr/bin/env node
/**
 * better-sqlite3 is a native module: one build loads in Node (npm test, the CLI), another in
 * Electron (npm start, installers); their NODE_MODULE_VERSIONs differ (Node 20: 115, Electron 41:
 * 145). This script puts the right build in place and keeps both in a cache, so switching after
 * the first time is a file copy instead of a ~90 s compile:
 *
 *   node scripts/native-module.mjs node       # before tests (npm's pretest)
 *   node scripts/native-module.mjs electron   # before starting Electron (scripts/start-desktop.mjs)
 *   node scripts/native-module.mjs status
 *
 * Cache: node_modules/.cache/mission-control-native/<runtime>-<abi>-<platform>-<arch>/better_sqlite3.node
 * Marker: node_modules/better-sqlite3/build/Release/.mission-control-runtime says which build is in place.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** MISSION_CONTROL_NATIVE_ROOT points the script at another checkout (its test uses a scratch copy). */
const root = process.env.MISSION_CONTROL_NATIVE_ROOT ?? join(dirname(fileURLToPath(import.meta.url)), '..');
const moduleDir = join(root, 'node_modules', 'better-sqlite3');
const binary = join(moduleDir, 'build', 'Release', 'better_sqlite3.node');
const marker = join(moduleDir, 'build', 'Release', '.mission-control-runtime');
const cacheRoot = join(root, 'node_modules', '.cache', 'mission-control-native');

const log = (message) => console.log(`[native-module] ${message}`);

/** "node-115-linux-x64" or "electron-145-linux-x64". */
export function buildKey(runtime, abi, platform = process.platform, arch = process.arch) {
  return `${runtime}-${abi}-${platform}-${arch}`;
}

export function electronInfo() {
  const dir = join(root, 'node_modules', 'electron');
  return { abi: readFileSync(join(dir, 'abi_version'), 'utf8').trim(), version: JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).version };
}

export function targetKey(runtime) {
  return runtime === 'node' ? buildKey('node', process.versions.modules) : buildKey('electron', electronInfo().abi);
}

function currentKey() {
  return existsSync(marker) ? readFileSync(marker, 'utf8').trim() : null;
}

/** Loads better-sqlite3 in a fresh Node process: null when it works, else the error text. */
export function nodeLoadError() {
  const result = spawnSync(process.execPath, ['-e', "const D=require('better-sqlite3'); new D(':memory:').prepare('select 1').get()"], { cwd: root, encoding: 'utf8' });
  return result.status === 0 ? null : (result.stderr.match(/NODE_MODULE_VERSION[^\n]*|Error[^\n]*/) ?? [result.stderr.trim() || `exit ${result.status}`])[0];
}

function cached(key) {
  return join(cacheRoot, key, 'better_sqlite3.node');
}

function remember(key) {
  if (!existsSync(binary)) return;
  mkdirSync(dirname(cached(key)), { recursive: true });
  copyFileSync(binary, cached(key));
}

function place(key) {
  copyFileSync(cached(key), binary);
  writeFileSync(marker, `${key}\n`);
}

function run(command, args) {
  log(`$ ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

/** Puts the Node build in place (copy from cache, or `npm rebuild better-sqlite3`). */
export function ensureNode() {
  const key = targetKey('node');
  const current = currentKey();
  if ((current === null || current === key) && nodeLoadError() === null) {
    if (current === null) writeFileSync(marker, `${key}\n`);
    if (!existsSync(cached(key))) remember(key);
    return 'already';
  }
  if (existsSync(cached(key))) {
    place(key);
    const error = nodeLoadError();
    if (error === null) {
      log(`restored the Node build (${key}) from the cache`);
      return 'cache';
    }
    log(`cached Node build did not load (${error}); rebuilding`);
  }
  log(`better-sqlite3 is built for ${current ?? 'another runtime'}; rebuilding for Node (${key}), about 90 s`);
  run('npm', ['rebuild', 'better-sqlite3']);
  const error = nodeLoadError();
  if (error !== null) throw new Error(`better-sqlite3 still does not load in Node: ${error}`);
  writeFileSync(marker, `${key}\n`);
  remember(key);
  return 'rebuilt';
}

/** Puts the Electron build in place (copy from cache, or @electron/rebuild, which downloads Electron's headers). */
export function ensureElectron() {
  const key = targetKey('electron');
  const current = currentKey();
  if (current === key) return 'already';
  // Keep the working Node build so `npm test` afterwards only copies it back.
  const nodeKey = targetKey('node');
  if ((current === null || current === nodeKey) && !existsSync(cached(nodeKey)) && nodeLoadError() === null) remember(nodeKey);
  if (existsSync(cached(key))) {
    place(key);
    log(`placed the Electron build (${key}) from the cache`);
    return 'cache';
  }
  const { version } = electronInfo();
  log(`building better-sqlite3 for Electron ${version} (${key}); needs Electron's headers from the network once`);
  run(process.execPath, [join(root, 'node_modules', '@electron', 'rebuild', 'lib', 'cli.js'), '--force', '--only', 'better-sqlite3', '--version', version, '--module-dir', root]);
  writeFileSync(marker, `${key}\n`);
  remember(key);
  return 'rebuilt';
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const mode = process.argv[2] ?? 'status';
  try {
    if (mode === 'node') ensureNode();
    else if (mode === 'electron') ensureElectron();
    else if (mode === 'status') {
      log(`in place: ${currentKey() ?? 'unknown (as installed)'}; Node loads it: ${nodeLoadError() ?? 'yes'}`);
      for (const runtime of ['node', 'electron']) log(`cache ${targetKey(runtime)}: ${existsSync(cached(targetKey(runtime))) ? 'yes' : 'no'}`);
    } else throw new Error(`usage: native-module.mjs node|electron|status`);
  } catch (error) {
    console.error(`[native-module] ${error.message}`);
    process.exit(1);
  }
}
