#!/usr/bin/env node
/**
 * `npm run dist`: build, then electron-builder (electron-builder.yml) for this OS or the targets
 * given (`npm run dist -- --linux AppImage deb`). electron-builder rebuilds better-sqlite3 for
 * Electron inside node_modules (npmRebuild); afterwards the Node build is put back so tests keep
 * working. Exits with electron-builder's status.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureNode } from './native-module.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const step = (args) => spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' }).status ?? 1;

let status = step([join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build']);
if (status === 0) status = step([join(root, 'node_modules', 'electron-builder', 'cli.js'), '--publish', 'never', ...process.argv.slice(2)]);
try {
  ensureNode();
} catch (error) {
  console.error(`[dist] could not restore the Node build of better-sqlite3: ${error.message}`);
}
process.exit(status);
