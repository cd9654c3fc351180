/**
 * The connection to the shop database with OpenCart's own session settings (its mysqli driver:
 * utf8mb4, sql_mode NO_ZERO_IN_DATE,NO_ENGINE_SUBSTITUTION), optionally through an SSH tunnel, and
 * the schema read that tells OpenCart 3.x (seo_url.query, MyISAM) from 4.x (seo_url.key/value,
 * InnoDB). Dates travel as strings so nothing is shifted by time zones.
 */
import { existsSync, readFileSync } from 'node:fs';
import mysql from 'mysql2/promise';
import { Client as SshClient } from 'ssh2';
import type { Duplex } from 'node:stream';
import type { OpencartSettings } from './opencart-config';

export type OcConnection = mysql.Connection;

/** OpenCart's mysqli driver sets exactly this sql_mode on every connection (3.0 and 4.x). */
export const opencartSqlMode = 'NO_ZERO_IN_DATE,NO_ENGINE_SUBSTITUTION';

export interface OpenedDb {
  connection: OcConnection;
  /** Closes the connection and the tunnel. */
  close(): Promise<void>;
  /** Runs a shell command on the shop host (only through SSH); null without SSH. */
  exec: ((command: string) => Promise<{ code: number; output: string }>) | null;
}

/** Opens one connection. Errors name what failed (the tunnel, the login, the database). */
export async function openOpencartDb(settings: OpencartSettings, timeoutMs = 10_000): Promise<OpenedDb> {
  let ssh: SshClient | null = null;
  let stream: Duplex | undefined;
  if (settings.ssh) {
    ssh = await openSsh(settings.ssh, timeoutMs);
    const client = ssh;
    stream = await new Promise<Duplex>((resolve, reject) =>
      client.forwardOut('127.0.0.1', 0, settings.host, settings.port, (error, channel) =>
        error ? reject(new Error(`SSH tunnel to ${settings.ssh!.host} could not reach MySQL at ${settings.host}:${settings.port}: ${error.message}`)) : resolve(channel),
      ),
    ).catch((error: unknown) => {
      client.end();
      throw error;
    });
  }
  let connection: OcConnection;
  try {
    connection = await mysql.createConnection({
      host: settings.host,
      port: settings.port,
      user: settings.user,
      password: settings.password,
      database: settings.database,
      charset: 'utf8mb4',
      dateStrings: true,
      connectTimeout: timeoutMs,
      ...(stream ? { stream } : {}),
    });
    await connection.query(`SET SESSION sql_mode = '${opencartSqlMode}'`);
  } catch (error) {
    ssh?.end();
    throw error;
  }
  const exec = ssh ? (command: string) => sshExec(ssh!, command) : null;
  return {
    connection,
    exec,
    async close() {
      await connection.end().catch(() => connection.destroy());
      ssh?.end();
    },
  };
}

function openSsh(options: NonNullable<OpencartSettings['ssh']>, timeoutMs: number): Promise<SshClient> {
  const privateKey = options.key.includes('-----BEGIN') ? options.key : existsSync(options.key) ? readFileSync(options.key, 'utf8') : null;
  if (!privateKey) return Promise.reject(new Error('OPENCART_SSH_KEY is neither a private key nor a readable key file'));
  return new Promise((resolve, reject) => {
    const client = new SshClient();
    client
      .once('ready', () => resolve(client))
      .once('error', (error) => reject(new Error(`SSH connection to ${options.user}@${options.host}:${options.port} failed: ${error.message}`)))
      .connect({ host: options.host, port: options.port, username: options.user, privateKey, readyTimeout: timeoutMs });
  });
}

function sshExec(client: SshClient, command: string): Promise<{ code: number; output: string }> {
  return new Promise((resolve, reject) => {
    client.exec(command, (error, channel) => {
      if (error) return reject(error);
      let output = '';
      channel.on('data', (chunk: Buffer) => (output += chunk.toString()));
      channel.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      channel.on('close', (code: number | null) => resolve({ code: code ?? -1, output: output.trim() }));
    });
  });
}

export interface OcLanguage {
  id: number;
  name: string;
  code: string;
}

/** What the schema read found: which OpenCart, how it can write, and the OpenCart limits that apply. */
export interface OcSchema {
  major: 3 | 4;
  /** Every table this channel writes is InnoDB: one transaction. Otherwise ordered writes + snapshot restore. */
  transactional: boolean;
  engines: Record<string, string>;
  languages: OcLanguage[];
  storeIds: number[];
  /** product_description's alt column when the shop has one (a theme/extension added it); core has none. */
  altColumn: string | null;
  /** Column lengths (characters): product_description.* and seo_url.keyword. */
  lengths: Record<string, number>;
}

const writtenTables = ['product', 'product_description', 'seo_url', 'product_to_category'];

/** Reads the schema; throws a clear message when these are not OpenCart tables with this prefix. */
export async function readSchema(connection: OcConnection, prefix: string): Promise<OcSchema> {
  const [tables] = await connection.query<mysql.RowDataPacket[]>(
    'SELECT TABLE_NAME AS name, ENGINE AS engine FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (?)',
    [writtenTables.map((table) => prefix + table).concat(prefix + 'language', prefix + 'store')],
  );
  const engines: Record<string, string> = {};
  for (const row of tables) engines[String(row.name).slice(prefix.length)] = String(row.engine);
  const missing = writtenTables.concat('language').filter((table) => !engines[table]);
  if (missing.length) throw new Error(`Not an OpenCart database with prefix "${prefix}": missing ${missing.map((table) => prefix + table).join(', ')}`);
  const [columns] = await connection.query<mysql.RowDataPacket[]>(
    'SELECT TABLE_NAME AS tableName, COLUMN_NAME AS name, CHARACTER_MAXIMUM_LENGTH AS length FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME IN (?)',
    [[prefix + 'seo_url', prefix + 'product_description']],
  );
  const seoColumns = new Set(columns.filter((c) => c.tableName === prefix + 'seo_url').map((c) => String(c.name)));
  const major = seoColumns.has('key') && seoColumns.has('value') ? 4 : seoColumns.has('query') ? 3 : null;
  if (!major) throw new Error(`${prefix}seo_url has neither query (OpenCart 3.x) nor key/value (OpenCart 4.x)`);
  const lengths: Record<string, number> = {};
  for (const column of columns) if (column.length) lengths[`${String(column.tableName).slice(prefix.length)}.${String(column.name)}`] = Number(column.length);
  const descriptionColumns = columns.filter((c) => c.tableName === prefix + 'product_description').map((c) => String(c.name));
  const altColumn = ['image_alt', 'alt'].find((name) => descriptionColumns.includes(name)) ?? null;
  const [languages] = await connection.query<mysql.RowDataPacket[]>(`SELECT language_id, name, code FROM \`${prefix}language\` WHERE status = 1 ORDER BY sort_order, language_id`);
  const storeIds = [0];
  if (engines.store) {
    const [stores] = await connection.query<mysql.RowDataPacket[]>(`SELECT store_id FROM \`${prefix}store\` ORDER BY store_id`);
    for (const store of stores) if (!storeIds.includes(Number(store.store_id))) storeIds.push(Number(store.store_id));
  }
  return {
    major,
    transactional: writtenTables.every((table) => engines[table]?.toLowerCase() === 'innodb'),
    engines,
    languages: languages.map((row) => ({ id: Number(row.language_id), name: String(row.name), code: String(row.code) })),
    storeIds,
    altColumn,
    lengths,
  };
}

/** "OpenCart 4.x (seo_url.key/value, InnoDB), languages: English (en-gb)". */
export function describeSchema(schema: OcSchema, database: string): string {
  const layout = schema.major === 3 ? 'seo_url.query' : 'seo_url.key/value';
  const engine = schema.transactional ? 'InnoDB' : [...new Set(Object.values(schema.engines))].join('/');
  const languages = schema.languages.map((language) => `${language.name} (${language.code})`).join(', ');
  return `OpenCart ${schema.major}.x (${layout}, ${engine}) database ${database}, languages: ${languages || 'none enabled'}`;
}
