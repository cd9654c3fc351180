/**
 * `mission-control serve` without the argument parsing: start the engine and the server, print
 * the sign-in link (Jupyter style), and stop both cleanly on SIGINT/SIGTERM or `signal`.
 */
import { dirname, join } from 'node:path';
import type { Engine, EngineOptions } from '../engine/index';
import { defaultDbPath } from '../engine/paths';
import { startServer } from './create-server';
import { isLoopbackHost } from './host-policy';
import { loadOrCreateToken, TokenError, tokenFileName } from './token';
import type { ServerLogger } from './types';

export interface ServeOptions {
  /** Default: 127.0.0.1. Anything not loopback also needs `allowRemote`. */
  host: string;
  /** Default: 8787; 0 lets the OS choose (the printed URL has the real port). */
  port: number;
  /** Default: defaultDbPath(env). The token file lives in the same folder. */
  dbPath?: string;
  /** Forces the poll interval (as EXECUTOR_POLL_INTERVAL_MS does, so the dashboard shows it locked). */
  pollIntervalMs?: number;
  /** One JSON line on stdout when ready (for scripts and the e2e suite) instead of prose. */
  json: boolean;
  allowRemote: boolean;
  /** Extra Host names to accept (with allowRemote), e.g. a LAN name. */
  allowedHosts?: string[];
  staticDir: string | null;
  /** Render page routes ahead (page-render.ts). Default: true. */
  serverRender?: boolean;
  env: Record<string, string | undefined>;
  /** Opens the engine (the CLI's io.openEngine: same database and secrets as other commands). */
  openEngine: (options: EngineOptions) => Engine;
  out: (line: string) => void;
  err: (line: string) => void;
  /** Stops the server like SIGINT does (tests). */
  signal?: AbortSignal;
  /**
   * Stop when the launching process exits. Default: only when started by npm/npx (npm_command
   * set): `npx mission-control serve` runs the server under npm and a shell, and a SIGTERM to npx
   * ends npm without passing the signal on, so the server would keep the port and the database.
   */
  stopWithLauncher?: boolean;
}

/**
 * Calls `onGone` once the parent process is gone (this process was re-parented). Polls every
 * 2 s (an idle server should cost nothing: this is its only timer); unref'd so it never keeps
 * the process alive.
 */
export function watchLauncher(onGone: (launcherPid: number) => void, intervalMs = 2_000): () => void {
  const launcher = process.ppid;
  const timer = setInterval(() => {
    if (process.ppid !== launcher) {
      clearInterval(timer);
      onGone(launcher);
    }
  }, intervalMs);
  timer.unref?.();
  return () => clearInterval(timer);
}

/** Resolves with the exit code once the server has stopped (or failed to start). */
export async function runServe(options: ServeOptions): Promise<number> {
  if (!isLoopbackHost(options.host) && !options.allowRemote) {
    options.err(`Refusing to bind ${options.host}: it is not a loopback address. Pass --allow-remote to expose the dashboard and API to the network.`);
    return 2;
  }
  const logger: ServerLogger = {
    info: (message) => options.err(message),
    warn: (message) => options.err(`warning: ${message}`),
    error: (message, detail) => options.err(`error: ${message}${detail instanceof Error ? `: ${detail.stack ?? detail.message}` : detail === undefined ? '' : `: ${String(detail)}`}`),
  };
  const dbPath = options.dbPath ?? defaultDbPath(options.env);
  let token;
  try {
    token = loadOrCreateToken({ cronSecret: options.env.CRON_SECRET, file: join(dirname(dbPath), tokenFileName), onWarning: logger.warn });
  } catch (error) {
    if (!(error instanceof TokenError)) throw error;
    options.err(`mission-control serve: ${error.message}`);
    return 2;
  }
  const env = options.pollIntervalMs === undefined ? options.env : { ...options.env, EXECUTOR_POLL_INTERVAL_MS: String(options.pollIntervalMs) };
  const engine = options.openEngine({ dbPath, env });

  let server;
  try {
    server = await startServer({ engine, token: token.value, host: options.host, port: options.port, staticDir: options.staticDir, logger, allowedHosts: options.allowedHosts, serverRender: options.serverRender ?? true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    options.err(code === 'EADDRINUSE' ? `Port ${options.port} on ${options.host} is already in use; pick another with --port (0 = any free port).` : `Could not start the server: ${(error as Error).message}`);
    await engine.close();
    return 1;
  }
  engine.start();

  if (!isLoopbackHost(options.host)) {
    options.err(`warning: listening on ${options.host}: anyone who can reach this machine can try the token. Prefer an SSH tunnel to 127.0.0.1.`);
  }
  if (token.source === 'env' && token.value.length < 24) {
    options.err(`warning: CRON_SECRET is only ${token.value.length} characters; wrong tokens are not throttled, so use a long random secret (e.g. \`openssl rand -base64 32\`).`);
  }
  if (options.staticDir === null) options.err('warning: the dashboard is not built (run `npm run build`); the API still works.');
  const tokenNote = token.source === 'env' ? 'token: CRON_SECRET' : `token file: ${token.file}`;
  if (options.json) {
    options.out(JSON.stringify({ event: 'listening', url: server.url, authUrl: server.authUrl, host: server.host, port: server.port, dbPath, tokenSource: token.source, tokenFile: token.file, pid: process.pid }));
  } else {
    options.out(`Mission Control is serving ${dbPath}`);
    options.out(`  Dashboard and API: ${server.url}  (${tokenNote})`);
    options.out('  To sign in, open this URL in a browser:');
    options.out(`      ${server.authUrl}`);
    options.out(`  Cron callers: curl -H "Authorization: Bearer <token>" ${server.url}api/cron/tasks/execute`);
    options.out('Press Ctrl+C to stop.');
  }

  await new Promise<void>((resolve) => {
    let unwatch = (): void => undefined;
    const stop = (): void => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      unwatch();
      resolve();
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    if (options.stopWithLauncher ?? options.env.npm_command !== undefined) {
      unwatch = watchLauncher((pid) => {
        options.err(`The process that started this server (pid ${pid}, npm/npx) exited.`);
        stop();
      });
    }
    if (options.signal?.aborted) stop();
    options.signal?.addEventListener('abort', stop, { once: true });
  });
  options.err('Stopping: waiting for the task in flight...');
  await server.close();
  await engine.close();
  options.err('Stopped.');
  return 0;
}
