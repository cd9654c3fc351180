/**
 * Starts a real `mission-control serve` child process on a temporary database (port 0, --json)
 * and returns its URLs and token, plus a typed RPC helper that calls the API the way scripts do
 * (Authorization: Bearer). Used by the Playwright specs and the browser benchmark.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { ApiResult, MethodInput, MethodName, MethodOutput } from '../../shared/contract';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export interface ServeHandle {
  url: string;
  authUrl: string;
  token: string;
  dbPath: string;
  dir: string;
  /** Calls a contract method over HTTP with the bearer token; throws on `{ok:false}`. */
  rpc<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** Stderr so far (diagnostics), for failure messages. */
  logs(): string;
  stop(): Promise<number | null>;
}

export interface ServeOptions {
  /** Extra environment for the child (e.g. ENABLE_AUTO_EXECUTION, AGENT_DRY_RUN). */
  env?: Record<string, string>;
  /** Extra CLI arguments (e.g. ['--poll-interval', '1000']). */
  args?: string[];
  /** Runs before the server starts, with the database path (e.g. seed 100,000 rows). */
  prepare?: (dbPath: string) => void | Promise<void>;
}

/** The built CLI when present (CI builds first), else the sources through tsx. */
function cliCommand(): string[] {
  const built = join(repoRoot, 'out/main/cli.js');
  if (process.env.MC_E2E_FROM_SOURCE !== '1' && existsSync(built)) return [built];
  return ['--import', 'tsx', join(repoRoot, 'electron/cli/index.ts')];
}

export async function startServe(options: ServeOptions = {}): Promise<ServeHandle> {
  const dir = mkdtempSync(join(tmpdir(), 'mc-e2e-'));
  const dbPath = join(dir, 'mc.db');
  await options.prepare?.(dbPath);
  const child: ChildProcess = spawn(process.execPath, [...cliCommand(), 'serve', '--port', '0', '--db', dbPath, '--json', ...(options.args ?? [])], {
    cwd: repoRoot,
    env: { ...process.env, MISSION_CONTROL_HOME: dir, CRON_SECRET: '', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));

  const ready = await new Promise<{ url: string; authUrl: string }>((resolveReady, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      try {
        resolveReady(JSON.parse(line) as { url: string; authUrl: string });
      } catch {
        reject(new Error(`serve printed something that is not JSON: ${line}\n${stderr}`));
      }
    });
    child.once('exit', (code) => reject(new Error(`serve exited with ${code} before listening:\n${stderr}`)));
  });
  const token = new URL(ready.authUrl).searchParams.get('token') ?? '';

  const rpc = async <M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> => {
    const response = await fetch(`${ready.url}api/rpc/${method}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify(input),
    });
    const body = (await response.json()) as ApiResult<MethodOutput<M>>;
    if (!body.ok) throw new Error(`${method}: ${body.error.code}: ${body.error.message}`);
    return body.value;
  };

  const stop = async (): Promise<number | null> => {
    if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
    const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
    child.kill('SIGTERM');
    const code = await exited;
    rmSync(dir, { recursive: true, force: true });
    return code;
  };

  return { url: ready.url, authUrl: ready.authUrl, token, dbPath, dir, rpc, logs: () => stderr, stop };
}
