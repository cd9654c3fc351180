/**
 * A throwaway MariaDB for the OpenCart tests: Debian's `mariadb-server` binaries,
 * mariadb-install-db + mariadbd in a temporary directory, listening only on 127.0.0.1 on a port
 * the OS picked, removed afterwards. One server per test file; each test gets its own database
 * copied from the real OpenCart dumps (../shared/reference/opencart/, prefix oc_), loaded once
 * per server.
 *
 * As root (CI containers) the server runs with `--user=root`, which mariadbd accepts when asked
 * explicitly. Never skips: missing binaries are an error naming the package to install.
 */
import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import mysql from 'mysql2/promise';

/** Override: MARIADBD / MARIADB_INSTALL_DB. */
export const defaultMariadbd = '/usr/sbin/mariadbd';
export const defaultInstallDb = '/usr/bin/mariadb-install-db';

export type OpencartDump = '3.0.5.0' | '4.1.0.3';

/** The reference dumps, read relative to the repository root (never copied into the repo). */
export function opencartDumpPath(version: OpencartDump): string {
  return resolve(process.cwd(), '..', 'shared', 'reference', 'opencart', `opencart-${version}.sql`);
}

export interface TestMariadb {
  port: number;
  /** mysql://root@127.0.0.1:<port>/<database> */
  urlFor(database: string): string;
  /**
   * Creates a fresh database with the tables the channel reads and writes, copied from the dump
   * (loaded once per server into a template database, about 10 s on a busy machine; a copy takes
   * about 1 s). Returns its name.
   */
  createOpencart(version: OpencartDump): Promise<string>;
  /** Runs SQL as root on a fresh connection (database optional). */
  query<T = unknown>(database: string | null, sql: string, params?: unknown[]): Promise<T>;
  destroy(): Promise<void>;
}

let counter = 0;

/** The OpenCart tables (without prefix) each test database gets. */
export const opencartTestTables = ['product', 'product_description', 'seo_url', 'product_to_category', 'product_to_store', 'category', 'language', 'store'];

export async function startMariadb(): Promise<TestMariadb> {
  const mariadbd = process.env.MARIADBD ?? defaultMariadbd;
  const installDb = process.env.MARIADB_INSTALL_DB ?? defaultInstallDb;
  for (const tool of [mariadbd, installDb]) {
    if (!existsSync(tool)) {
      throw new Error(`MariaDB binary ${tool} not found: the OpenCart tests need a real MariaDB. Install it with \`apt-get install -y mariadb-server\` (Debian/Ubuntu), or set MARIADBD / MARIADB_INSTALL_DB.`);
    }
  }
  const asRoot = process.getuid?.() === 0;
  const userArgs = asRoot ? ['--user=root'] : [];
  const root = mkdtempSync(join(tmpdir(), 'mc-mariadb-'));
  const dataDir = join(root, 'data');
  try {
    execFileSync(installDb, ['--no-defaults', `--datadir=${dataDir}`, '--auth-root-authentication-method=normal', '--skip-test-db', ...userArgs], { stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    rmSync(root, { recursive: true, force: true });
    throw new Error(`mariadb-install-db failed: ${(error as { stderr?: Buffer }).stderr?.toString() ?? (error as Error).message}`);
  }
  const port = await freePort();
  const logFile = join(root, 'server.log');
  const server: ChildProcess = spawn(
    mariadbd,
    ['--no-defaults', `--datadir=${dataDir}`, `--socket=${join(root, 'sock')}`, `--port=${port}`, '--bind-address=127.0.0.1', `--log-error=${logFile}`, '--skip-log-bin', '--skip-name-resolve', '--innodb-buffer-pool-size=32M', '--innodb-flush-log-at-trx-commit=0', ...userArgs],
    { stdio: 'ignore' },
  );
  const templates = new Map<OpencartDump, Promise<string>>();
  let exited = false;
  server.on('exit', () => (exited = true));
  await waitReady(port, () => exited, logFile);

  const connect = (database: string | null) => mysql.createConnection({ host: '127.0.0.1', port, user: 'root', database: database ?? undefined, multipleStatements: true, charset: 'utf8mb4' });
  const query = async <T>(database: string | null, sql: string, params?: unknown[]): Promise<T> => {
    const connection = await connect(database);
    try {
      const [rows] = await connection.query(sql, params);
      return rows as T;
    } finally {
      await connection.end();
    }
  };
  return {
    port,
    urlFor: (database) => `mysql://root@127.0.0.1:${port}/${database}`,
    async createOpencart(version) {
      let template = templates.get(version);
      if (!template) {
        const name = `template_oc${version.startsWith('3') ? 3 : 4}`;
        template = query(null, `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`).then(() => query(name, dumpSql(version)).then(() => name));
        templates.set(version, template);
      }
      const from = await template;
      const name = `oc${version.startsWith('3') ? 3 : 4}_${process.pid}_${++counter}`;
      // CREATE TABLE ... LIKE keeps each table exactly (columns, keys, MyISAM/InnoDB).
      const copies = opencartTestTables.map((table) => `CREATE TABLE \`${name}\`.oc_${table} LIKE \`${from}\`.oc_${table}; INSERT INTO \`${name}\`.oc_${table} SELECT * FROM \`${from}\`.oc_${table};`);
      await query(null, `CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci; ${copies.join(' ')}`);
      return name;
    },
    query,
    async destroy() {
      if (!exited) {
        const done = new Promise((resolveExit) => server.once('exit', resolveExit));
        server.kill('SIGTERM');
        await Promise.race([done, new Promise((r) => setTimeout(r, 10_000))]);
        if (!exited) server.kill('SIGKILL');
      }
      rmSync(root, { recursive: true, force: true });
    },
  };
}

const dumps = new Map<OpencartDump, string>();

/** The dump without its `--` comment lines (the server, unlike the mariadb client, only takes "-- " comments). */
function dumpSql(version: OpencartDump): string {
  let sql = dumps.get(version);
  if (!sql) {
    sql = readFileSync(opencartDumpPath(version), 'utf8')
      .split('\n')
      .filter((line) => !line.startsWith('--'))
      .join('\n');
    dumps.set(version, sql);
  }
  return sql;
}

async function waitReady(port: number, hasExited: () => boolean, logFile: string): Promise<void> {
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (hasExited()) throw new Error(`mariadbd exited during start-up:\n${existsSync(logFile) ? readFileSync(logFile, 'utf8').slice(-2000) : ''}`);
    try {
      const connection = await mysql.createConnection({ host: '127.0.0.1', port, user: 'root' });
      await connection.end();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw new Error(`mariadbd did not accept connections within 30 s: ${(error as Error).message}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}
