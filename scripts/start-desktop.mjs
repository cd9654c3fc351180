#!/usr/bin/env node
/**
 * `npm start`: the desktop app in development.
 *  1. Fetches the Electron binary when the install skipped it (ELECTRON_SKIP_BINARY_DOWNLOAD=1 or
 *     npm's allowScripts keeping electron's postinstall from running): node node_modules/electron/install.js.
 *  2. Puts better-sqlite3's Electron build in place (scripts/native-module.mjs; the first time it
 *     compiles against Electron's headers, later it is a cached copy).
 *  3. Runs `electron-vite preview` (builds, then starts the built app under the same strict CSP as
 *     the installers), or with --dev `electron-vite dev` (hot reload; needs the dev-only CSP
 *     relaxation for React refresh's inline preamble described in docs/desktop.md).
 *  4. On exit, puts the Node build back so `npm test` works at once (pretest checks again anyway).
 * Extra arguments go to electron-vite (e.g. `npm start -- --dev`, `npm start -- --skipBuild`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureElectron, ensureNode } from './native-module.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = join(root, 'node_modules', 'electron');
const log = (message) => console.log(`[start] ${message}`);

/** The Electron executable when installed, else null (path.txt names it inside dist/). */
export function electronBinary() {
  const pathFile = join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

function ensureElectronBinary() {
  if (electronBinary()) return;
  log('Electron binary missing (the install skipped it); downloading it now: node node_modules/electron/install.js');
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, env, stdio: 'inherit' });
  if (result.status !== 0 || !electronBinary()) {
    console.error('[start] Could not download Electron. Check the network (or set ELECTRON_MIRROR), then run npm start again.');
    process.exit(1);
  }
}

function main() {
  const args = process.argv.slice(2);
  const dev = args.includes('--dev');
  const passThrough = args.filter((a) => a !== '--dev');
  ensureElectronBinary();
  ensureElectron();
  const bin = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
  const child = spawn(process.execPath, [bin, dev ? 'dev' : 'preview', ...passThrough], { cwd: root, stdio: 'inherit', env: process.env });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code, signal) => {
    try {
      ensureNode();
    } catch (error) {
      console.error(`[start] could not restore the Node build of better-sqlite3: ${error.message} (npm test will retry)`);
    }
    process.exit(code ?? (signal ? 1 : 0));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) main();
