#!/usr/bin/env node
/**
 * `npm test`: from any checkout, the whole gate. Installs dependencies when missing or stale
 * (npm ci), makes sure the system packages the suites drive are there (installs them as root on
 * Debian, else says exactly what to install and stops: nothing is skipped silently), then runs
 * `npm run check` (lint, typecheck, build, desktop checks, unit/integration tests, both e2e suites).
 */
import { spawnSync } from 'node:child_process';
import { ensureInstalled, ensureSystemPackages, root } from './setup.mjs';

ensureInstalled();
ensureSystemPackages();
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const result = spawnSync(npm, ['run', 'check'], { cwd: root, stdio: 'inherit', env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: process.env.ELECTRON_SKIP_BINARY_DOWNLOAD ?? '1' } });
process.exit(result.status ?? 1);
