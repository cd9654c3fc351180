/**
 * Issue 16, finding 13: `npx mission-control serve` runs the server under npm and `sh -c`; a
 * SIGTERM to npx ends npm (and its shell) without reaching the server. The server notices its
 * launcher is gone and stops like on SIGTERM, freeing the port and the database.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../../..');
const dir = mkdtempSync(join(tmpdir(), 'mc-launcher-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// What npm exec does: spawn `sh -c <bin> args`, pass SIGTERM to the shell, exit 143.
const launcher = `
  const { spawn } = require('node:child_process');
  const sh = spawn('sh', ['-c', process.argv[1] + ' --import tsx electron/cli/index.ts serve --port 0 --db ' + process.argv[2] + ' --json; :'], { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, npm_command: 'exec' } });
  process.on('SIGTERM', () => { sh.kill('SIGTERM'); process.exit(143); });`;

const portOpen = (port: number) =>
  new Promise<boolean>((done) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => (socket.destroy(), done(true)));
    socket.once('error', () => done(false));
  });

describe('serve started by npx', () => {
  it('stops when npx is sent SIGTERM (the shell in between does not pass it on)', async () => {
    const child = spawn(process.execPath, ['-e', launcher, process.execPath, join(dir, 'mc.db')], {
      cwd: root,
      env: { ...process.env, CRON_SECRET: '', AGENT_DRY_RUN: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const ready = await new Promise<{ port: number; pid: number }>((done, fail) => {
      let stdout = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        stdout += chunk.toString();
        if (stdout.includes('\n')) done(JSON.parse(stdout.slice(0, stdout.indexOf('\n'))) as { port: number; pid: number });
      });
      child.once('exit', (code) => fail(new Error(`launcher exited ${code}: ${stderr}`)));
    });
    expect(await portOpen(ready.port)).toBe(true);
    child.kill('SIGTERM');
    const deadline = Date.now() + 15_000;
    while ((await portOpen(ready.port)) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
    const stillOpen = await portOpen(ready.port);
    if (stillOpen) process.kill(ready.pid, 'SIGKILL'); // never leave a server behind
    expect(stillOpen).toBe(false);
  }, 90_000);
});
