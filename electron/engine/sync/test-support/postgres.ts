/**
 * A throwaway PostgreSQL 15 cluster for the sync tests: Debian's binaries (apt package
 * `postgresql-15`, /usr/lib/postgresql/15/bin), initdb + pg_ctl in a temporary directory, listening
 * only on 127.0.0.1 on a port the OS picked, removed afterwards. Running as root (CI containers),
 * the server runs as the `postgres` user via `runuser`, since postgres refuses to run as root.
 *
 * Never skips: missing binaries are an error that says which package to install.
 */
import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';

/** Where Debian's postgresql-15 puts its server binaries. Override: PG_BIN_DIR. */
export const defaultPgBinDir = '/usr/lib/postgresql/15/bin';

export interface TestPostgres {
  /** postgres://postgres@127.0.0.1:<port>/postgres (no TLS unless started with `tls: true`). */
  url: string;
  port: number;
  dataDir: string;
  /** With `tls: true`: the self-signed certificate, to use as the trusted CA. */
  caFile: string | undefined;
  /** Stops the server, keeping its data (simulates the remote going away). */
  stop(): Promise<void>;
  /** Starts it again on the same port with the same data. */
  start(): Promise<void>;
  /** Terminates every client backend except the caller's (a dropped connection mid-sync). */
  terminateClients(): Promise<number>;
  /** Runs SQL as the superuser on a fresh connection. */
  query<T extends pg.QueryResultRow = pg.QueryResultRow>(sql: string, params?: unknown[]): Promise<pg.QueryResult<T>>;
  /** Stops the server and deletes the directory. */
  destroy(): Promise<void>;
}

export interface StartPostgresOptions {
  /** Serve TLS with a fresh self-signed certificate (CN=localhost). Default: false. */
  tls?: boolean;
  /** Create the cloud schema (test-support/cloud-schema.sql, a copy of the remote as it stands). Default: true. */
  cloudSchema?: boolean;
}

const here = dirname(fileURLToPath(import.meta.url));

/** The cloud's schema as it stands today (copied from shared/cloud-schema.sql). */
export function cloudSchemaSql(): string {
  return readFileSync(join(here, 'cloud-schema.sql'), 'utf8');
}

/** Starts a cluster; throws (with the apt package to install) if PostgreSQL 15 is not installed. */
export async function startPostgres(options: StartPostgresOptions = {}): Promise<TestPostgres> {
  const binDir = process.env.PG_BIN_DIR ?? defaultPgBinDir;
  for (const tool of ['initdb', 'pg_ctl', 'postgres']) {
    if (!existsSync(join(binDir, tool))) {
      throw new Error(
        `PostgreSQL 15 server binary ${join(binDir, tool)} not found: the sync tests need a real PostgreSQL. ` +
          'Install it with `apt-get install -y postgresql-15` (Debian/Ubuntu), or set PG_BIN_DIR.',
      );
    }
  }
  const asRoot = process.getuid?.() === 0;
  const root = mkdtempSync(join(tmpdir(), 'mc-pg-'));
  const dataDir = join(root, 'data');
  const logFile = join(root, 'server.log');
  if (asRoot) chownToPostgres(root);
  const run = (tool: string, args: string[]): string => {
    const command = asRoot ? 'runuser' : join(binDir, tool);
    const argv = asRoot ? ['-u', 'postgres', '--', join(binDir, tool), ...args] : args;
    try {
      return execFileSync(command, argv, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      const log = existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : '';
      const stderr = (error as { stderr?: string }).stderr ?? '';
      throw new Error(`${tool} ${args.join(' ')} failed: ${stderr || (error as Error).message}\n${log}`);
    }
  };

  run('initdb', ['-D', dataDir, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync']);
  if (options.tls) writeSelfSignedCert(root, dataDir, asRoot);
  const port = await freePort();
  const serverOptions = [
    `-p ${port}`,
    `-k ${root}`,
    "-c listen_addresses='127.0.0.1'",
    '-c fsync=off',
    '-c synchronous_commit=off',
    '-c full_page_writes=off',
    '-c max_connections=50',
    options.tls ? '-c ssl=on -c ssl_cert_file=server.crt -c ssl_key_file=server.key' : '',
  ].join(' ');
  const start = async () => {
    run('pg_ctl', ['-D', dataDir, '-l', logFile, '-o', serverOptions, '-w', '-t', '60', 'start']);
  };
  const stop = async () => {
    run('pg_ctl', ['-D', dataDir, '-m', 'fast', '-w', 'stop']);
  };
  await start();
  const url = `postgres://postgres@127.0.0.1:${port}/postgres${options.tls ? '?sslmode=require' : ''}`;
  const query = async <T extends pg.QueryResultRow>(sql: string, params?: unknown[]) => {
    const client = new pg.Client({ connectionString: `postgres://postgres@127.0.0.1:${port}/postgres`, ssl: options.tls ? { rejectUnauthorized: false } : false });
    await client.connect();
    try {
      return await client.query<T>(sql, params as unknown[]);
    } finally {
      await client.end();
    }
  };
  if (options.cloudSchema ?? true) await query(cloudSchemaSql());
  let running = true;
  return {
    url,
    port,
    dataDir,
    caFile: options.tls ? join(root, 'ca.crt') : undefined,
    async stop() {
      await stop();
      running = false;
    },
    async start() {
      await start();
      running = true;
    },
    async terminateClients() {
      const result = await query<{ n: string }>(
        `SELECT count(pg_terminate_backend(pid))::text AS n FROM pg_stat_activity
         WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`,
      );
      return Number(result.rows[0]?.n ?? 0);
    },
    query,
    async destroy() {
      if (running) await stop().catch(() => undefined);
      running = false;
      rmSync(root, { recursive: true, force: true });
    },
  };
}

function chownToPostgres(path: string): void {
  const uid = Number(execFileSync('id', ['-u', 'postgres'], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', 'postgres'], { encoding: 'utf8' }).trim());
  if (!Number.isInteger(uid)) throw new Error('No "postgres" user: install the postgresql-15 package');
  chownSync(path, uid, gid);
}

function writeSelfSignedCert(root: string, dataDir: string, asRoot: boolean): void {
  const key = join(dataDir, 'server.key');
  const crt = join(dataDir, 'server.crt');
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', key, '-out', crt], {
    stdio: 'ignore',
  });
  // postgres refuses a key readable by others
  execFileSync('chmod', ['600', key]);
  if (asRoot) {
    chownToPostgres(key);
    chownToPostgres(crt);
  }
  writeFileSync(join(root, 'ca.crt'), readFileSync(crt));
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}
