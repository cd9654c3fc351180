/**
 * `mission-control serve`: the engine plus the dashboard and HTTP API in one headless process
 * (docs/server.md). Binds 127.0.0.1:8787 unless told otherwise; prints a sign-in link.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { findStaticDir } from '../../server/static-files';
import { runServe } from '../../server/run-serve';
import { attachSync, syncUrlFrom } from '../../engine/sync/attach';
import { boolFlag, intFlag, stringFlag, UsageError } from '../args';
import type { Command } from '../command';
import { planDatabase, prepareDatabase } from '../with-engine';

function staticDirFor(flag: string | undefined): string | null {
  if (flag !== undefined) return flag;
  return findStaticDir(dirname(fileURLToPath(import.meta.url))) ?? findStaticDir(process.cwd());
}

export const serveCommand: Command = {
  name: 'serve',
  valueFlags: ['host', 'port', 'poll-interval', 'allow-host', 'static', 'supabase-url'],
  summary: 'Run the executor with the web dashboard and HTTP API (headless, token-protected)',
  usage:
    'serve [--host 127.0.0.1] [--port 8787] [--db PATH] [--poll-interval MS] [--json]\n' +
    '      [--allow-remote] [--allow-host NAME[,NAME]] [--static DIR] [--supabase-url URL]\n' +
    '      [--no-server-render]\n' +
    '  Prints http://HOST:PORT/auth?token=… to sign in. The token is CRON_SECRET when set, else\n' +
    '  generated once and kept (0600) beside the database. --port 0 picks a free port.\n' +
    '  --no-server-render: send the dashboard\'s pages without their first view rendered ahead.',
  booleanFlags: ['allow-remote', 'no-server-render'],
  async run(args, io) {
    const port = intFlag(args, 'port') ?? 8787;
    if (port > 65_535) throw new UsageError(`--port must be at most 65535, got ${port}`);
    const pollIntervalMs = intFlag(args, 'poll-interval');
    if (pollIntervalMs !== undefined && pollIntervalMs < 1000) throw new UsageError('--poll-interval is in milliseconds and must be at least 1000');
    const allowedHosts = stringFlag(args, 'allow-host')
      ?.split(',')
      .map((name) => name.trim())
      .filter((name) => name !== '');
    const plan = planDatabase(stringFlag(args, 'db'), io.env, true);
    prepareDatabase(plan, io);
    return runServe({
      host: stringFlag(args, 'host') ?? '127.0.0.1',
      port,
      dbPath: plan.dbPath,
      pollIntervalMs,
      json: boolFlag(args, 'json'),
      allowRemote: boolFlag(args, 'allow-remote'),
      allowedHosts,
      staticDir: staticDirFor(stringFlag(args, 'static')),
      serverRender: !boolFlag(args, 'no-server-render'),
      env: io.env,
      // Supabase sync when SUPABASE_DB_URL or --supabase-url is set (docs/sync.md); stopped by engine.close().
      openEngine: (options) => {
        const engine = io.openEngine(options);
        attachSync(engine, { url: syncUrlFrom(io.env, stringFlag(args, 'supabase-url')), env: io.env });
        return engine;
      },
      out: (line) => io.stdout(`${line}\n`),
      err: (line) => io.stderr(`${line}\n`),
    });
  },
};
