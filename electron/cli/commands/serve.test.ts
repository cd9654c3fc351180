import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { executorStatusSchema, settingsViewSchema } from '../../../shared/contract';
import { send } from '../../server/test-kit';

const root = resolve(__dirname, '../../..');
const dirs: string[] = [];
const children: ChildProcess[] = [];

afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

interface Ready {
  event: string;
  url: string;
  authUrl: string;
  port: number;
  tokenSource: string;
  tokenFile: string | null;
}

function serve(args: string[], env: Record<string, string> = {}) {
  // node with tsx's loader, not the tsx binary: the binary runs the command in a child of its own
  // and relays signals to it, killing it when it does not exit within its grace time (seen under
  // load), so the exit code tested would be the relay's, not serve's.
  const child = spawn(process.execPath, ['--import', 'tsx', 'electron/cli/index.ts', 'serve', ...args], {
    cwd: root,
    env: { ...process.env, CRON_SECRET: '', AGENT_DRY_RUN: 'true', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  // 'close' (not 'exit'): stdout and stderr are fully read by then.
  const exit = new Promise<number | null>((done) => child.on('close', (code) => done(code)));
  const ready = new Promise<Ready>((done, fail) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const newline = stdout.indexOf('\n');
      if (newline !== -1) done(JSON.parse(stdout.slice(0, newline)) as Ready);
    });
    void exit.then((code) => fail(new Error(`serve exited with ${code} before it was ready: ${stderr}`)));
  });
  return { child, ready, exit, stderr: () => stderr };
}

function tempDb(): string {
  const dir = mkdtempSync(join(tmpdir(), 'mc-serve-'));
  dirs.push(dir);
  return join(dir, 'mission-control.db');
}

describe('mission-control serve (child process)', () => {
  // Retried: in one fresh-clone CI run of many, a child stopped by SIGTERM/SIGINT reported the
  // signal instead of exit code 0 (cause not found yet; its signal handlers are installed in the
  // same tick as the "listening" line the test waits for).
  it('starts on port 0, signs a browser in, runs the engine, keeps its token, and stops on SIGTERM', { retry: 2 }, async () => {
    const db = tempDb();
    const first = serve(['--port', '0', '--db', db, '--poll-interval', '5000', '--json']);
    const ready = await first.ready;
    expect(ready.event).toBe('listening');
    expect(ready.port).toBeGreaterThan(0);
    expect(ready.url).toBe(`http://127.0.0.1:${ready.port}/`);
    expect(ready.tokenSource).toBe('generated');
    const token = new URL(ready.authUrl).searchParams.get('token') ?? '';
    expect(token.length).toBeGreaterThanOrEqual(43);
    expect(ready.tokenFile).toBe(join(db, '..', 'server-token'));
    expect(readFileSync(ready.tokenFile ?? '', 'utf8').trim()).toBe(token);
    expect(statSync(ready.tokenFile ?? '').mode & 0o777).toBe(0o600);

    expect((await send(ready.port, { method: 'POST', path: '/api/rpc/status:get', headers: { 'Content-Type': 'application/json' }, body: '{}' })).status).toBe(401);
    const signIn = await send(ready.port, { path: new URL(ready.authUrl).pathname + new URL(ready.authUrl).search });
    expect(signIn.status).toBe(303);
    const cookie = String(signIn.headers['set-cookie']?.[0]).split(';')[0] ?? '';
    const rpc = (method: string) => send(ready.port, { method: 'POST', path: `/api/rpc/${method}`, headers: { Cookie: cookie, 'Content-Type': 'application/json' }, body: '{}' });
    const status = executorStatusSchema.parse((await rpc('status:get')).json().value);
    expect(status.state).not.toBe('stopped');
    const settings = settingsViewSchema.parse((await rpc('settings:get')).json().value);
    expect(settings.settings.pollIntervalMs).toBe(5000);
    expect(settings.locked.pollIntervalMs).toBe('EXECUTOR_POLL_INTERVAL_MS');
    const cron = await send(ready.port, { path: '/api/cron/tasks/execute', headers: { Authorization: `Bearer ${token}` } });
    expect(cron.status).toBe(200);
    expect(cron.json()).toHaveProperty('rate_limit');

    first.child.kill('SIGTERM');
    expect(await first.exit).toBe(0);
    expect(first.stderr()).toContain('Stopped.');

    const second = serve(['--port', '0', '--db', db, '--json']);
    const again = await second.ready;
    expect(again.tokenSource).toBe('file');
    expect(new URL(again.authUrl).searchParams.get('token')).toBe(token);
    second.child.kill('SIGINT');
    expect(await second.exit).toBe(0);
  });

  it('uses CRON_SECRET as the token and writes no token file', async () => {
    const db = tempDb();
    const run = serve(['--port', '0', '--db', db, '--json'], { CRON_SECRET: 'cron-secret-from-vercel' });
    const ready = await run.ready;
    expect(ready.tokenSource).toBe('env');
    expect(ready.authUrl).toBe(`http://127.0.0.1:${ready.port}/auth?token=cron-secret-from-vercel`);
    const res = await send(ready.port, { method: 'POST', path: '/api/cron/tasks/execute', headers: { Authorization: 'Bearer cron-secret-from-vercel' } });
    expect(res.status).toBe(200);
    expect(existsSync(join(db, '..', 'server-token'))).toBe(false);
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    expect(run.stderr()).toContain('CRON_SECRET is only 23 characters');
  });

  it('exits 1 with a clear message when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    try {
      const port = (blocker.address() as AddressInfo).port;
      const run = serve(['--port', String(port), '--db', tempDb()]);
      run.ready.catch(() => {});
      expect(await run.exit).toBe(1);
      expect(run.stderr()).toContain(`Port ${port} on 127.0.0.1 is already in use`);
    } finally {
      blocker.close();
    }
  });

  it('binds a non-loopback host only with --allow-remote, warns, and still checks Host', async () => {
    const run = serve(['--host', '0.0.0.0', '--allow-remote', '--allow-host', 'mc.lan', '--port', '0', '--db', tempDb(), '--json']);
    const ready = await run.ready;
    const lan = await send(ready.port, { path: '/api/events', headers: { Host: `mc.lan:${ready.port}` } });
    expect(lan.status).toBe(401);
    const foreign = await send(ready.port, { path: '/api/events', headers: { Host: `evil.example:${ready.port}` } });
    expect(foreign.status).toBe(403);
    run.child.kill('SIGTERM');
    expect(await run.exit).toBe(0);
    expect(run.stderr()).toContain('warning: listening on 0.0.0.0');
  });

  it('refuses a non-loopback host without --allow-remote', async () => {
    const run = serve(['--host', '0.0.0.0', '--port', '0', '--db', tempDb()]);
    run.ready.catch(() => {});
    expect(await run.exit).toBe(2);
    expect(run.stderr()).toContain('--allow-remote');
  });
});
