#!/usr/bin/env node
/**
 * `npm start`: the desktop app, from any checkout with no prior step.
 *  0. Installs dependencies when node_modules is missing or older than package-lock.json (npm ci)
 *     and builds when a source is newer than the build (scripts/setup.mjs).
 *  1. Fetches the Electron binary when the install skipped it (ELECTRON_SKIP_BINARY_DOWNLOAD=1 or
 *     npm's allowScripts keeping electron's postinstall from running): node node_modules/electron/install.js.
 *  2. Puts better-sqlite3's Electron build in place (scripts/native-module.mjs; the first time it
 *     compiles against Electron's headers, later it is a cached copy).
 *  3. Runs `electron-vite preview` (builds, then starts the built app under the same strict CSP as
 *     the installers), or with --dev `electron-vite dev` (hot reload; needs the dev-only CSP
 *     relaxation for React refresh's inline preamble described in docs/desktop.md).
 *  4. On exit, puts the Node build back so `npm test` works at once (pretest checks again anyway).
 * Where the Electron binary cannot be had (no network to its download host, an unsupported
 * system), it says why in one line and runs the same engine headless instead
 * (`mission-control serve`), which prints the sign-in URL.
 * Extra arguments go to electron-vite (e.g. `npm start -- --dev`, `npm start -- --skipBuild`).
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ensureElectron, ensureNode } from './native-module.mjs';
import { ensureBuilt, ensureInstalled } from './setup.mjs';

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

/** Null when the Electron binary is there (fetching it if the install skipped it), else why not, in one line. */
function electronUnavailable() {
  if (electronBinary()) return null;
  if (process.env.MISSION_CONTROL_HEADLESS === '1') return 'MISSION_CONTROL_HEADLESS=1 is set';
  log('Electron binary missing (the install skipped it); downloading it now: node node_modules/electron/install.js');
  const env = { ...process.env };
  delete env.ELECTRON_SKIP_BINARY_DOWNLOAD;
  const result = spawnSync(process.execPath, [join(electronDir, 'install.js')], { cwd: electronDir, env, encoding: 'utf8', timeout: 300_000 });
  if (result.status === 0 && electronBinary()) return null;
  const detail = `${result.stderr ?? ''}${result.stdout ?? ''}`.split('\n').map((line) => line.trim()).find((line) => /error|ENOTFOUND|ECONN|EAI_AGAIN|403|404/i.test(line));
  return `the Electron binary could not be downloaded (${(detail ?? `exit ${result.status ?? result.signal}`).slice(0, 160)})`;
}

/** The same engine without Electron: `mission-control serve` from the build, which prints the sign-in URL. */
function runHeadless(reason, args) {
  console.log(`[start] Desktop app unavailable: ${reason}; running the same engine headless (mission-control serve) instead.`);
  ensureNode();
  return spawn(process.execPath, [join(root, 'out', 'main', 'cli.js'), 'serve', ...args], { cwd: root, stdio: 'inherit', env: process.env });
}

function main() {
  const args = process.argv.slice(2);
  const dev = args.includes('--dev');
  const passThrough = args.filter((a) => a !== '--dev');
  ensureInstalled();
  ensureBuilt();
  const unavailable = electronUnavailable();
  let child;
  if (unavailable) child = runHeadless(unavailable, []);
  else {
    ensureElectron();
    const bin = join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
    // The build is fresh (ensureBuilt), so preview starts it without building again.
    const previewArgs = dev ? passThrough : ['--skipBuild', ...passThrough.filter((a) => a !== '--skipBuild')];
    child = spawn(process.execPath, [bin, dev ? 'dev' : 'preview', ...previewArgs], { cwd: root, stdio: 'inherit', env: process.env });
  }
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  // A SIGTERM to `npm start` ends npm and its shell but not this script: stop with them.
  const launcher = process.ppid;
  const watch = setInterval(() => {
    if (process.ppid === launcher) return;
    clearInterval(watch);
    log('npm exited; stopping');
    forward('SIGTERM');
  }, 500);
  watch.unref();
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
