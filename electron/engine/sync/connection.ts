/**
 * Connection settings for the Supabase Postgres: TLS from the URL's sslmode with libpq's meaning,
 * because Supabase requires TLS and its direct-connection certificate is signed by Supabase's own
 * CA (download it from the project's database settings and pass it as sslrootcert / caFile to
 * verify it).
 */
import { readFileSync } from 'node:fs';
import type pg from 'pg';

export interface TlsOptions {
  /**
   * Verify the server certificate. Default: from sslmode (verify-ca / verify-full: true;
   * require / prefer / no sslmode on a remote host: false, which still encrypts, like libpq's
   * `require`). Env: SUPABASE_SSL_REJECT_UNAUTHORIZED.
   */
  rejectUnauthorized?: boolean;
  /** PEM file of the CA to trust (Supabase's root certificate). Default: sslrootcert from the URL. Env: SUPABASE_SSL_ROOT_CERT. */
  caFile?: string;
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '::1', '[::1]']);

/**
 * pg client settings for `url`. sslmode=disable: no TLS; require/prefer/allow: TLS without
 * certificate verification; verify-ca/verify-full: TLS, verified. Without sslmode, loopback hosts
 * use no TLS and every other host requires it (Supabase refuses plain connections).
 */
export function connectionConfig(url: string, tls: TlsOptions = {}): pg.ClientConfig {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`Not a Postgres connection string: ${redactUrl(url)}`);
  }
  if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') {
    throw new Error(`Not a Postgres connection string (expected postgres://...): ${redactUrl(url)}`);
  }
  const sslmode = parsed.searchParams.get('sslmode') ?? (loopbackHosts.has(parsed.hostname) ? 'disable' : 'require');
  const rootCert = tls.caFile ?? parsed.searchParams.get('sslrootcert') ?? undefined;
  for (const key of ['sslmode', 'sslrootcert', 'sslcert', 'sslkey', 'ssl']) parsed.searchParams.delete(key);
  const config: pg.ClientConfig = {
    connectionString: parsed.toString(),
    application_name: 'mission-control-desktop',
    connectionTimeoutMillis: 10_000,
    keepAlive: true,
  };
  if (sslmode === 'disable') {
    config.ssl = false;
    return config;
  }
  if (!['allow', 'prefer', 'require', 'verify-ca', 'verify-full'].includes(sslmode)) {
    throw new Error(`Unknown sslmode "${sslmode}" (use disable, require, verify-ca or verify-full)`);
  }
  const verify = tls.rejectUnauthorized ?? (sslmode === 'verify-ca' || sslmode === 'verify-full');
  const ssl: { rejectUnauthorized: boolean; ca?: string; checkServerIdentity?: () => undefined } = { rejectUnauthorized: verify };
  if (rootCert) ssl.ca = readFileSync(rootCert, 'utf8');
  // verify-ca checks the chain but not the host name (libpq semantics).
  if (sslmode === 'verify-ca') ssl.checkServerIdentity = () => undefined;
  config.ssl = ssl;
  return config;
}

/** TLS options from the environment (SUPABASE_SSL_REJECT_UNAUTHORIZED, SUPABASE_SSL_ROOT_CERT). */
export function tlsOptionsFromEnv(env: Record<string, string | undefined>): TlsOptions {
  const options: TlsOptions = {};
  const reject = env.SUPABASE_SSL_REJECT_UNAUTHORIZED?.trim();
  if (reject) options.rejectUnauthorized = /^(1|true|yes|on)$/i.test(reject);
  if (env.SUPABASE_SSL_ROOT_CERT?.trim()) options.caFile = env.SUPABASE_SSL_ROOT_CERT.trim();
  return options;
}

/** The URL with its password replaced, for logs and the dashboard. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
  }
}

const connectionErrorCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  '57P01', // admin_shutdown (terminated)
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now (starting up / shutting down)
]);

/**
 * True when the error means "the remote is unreachable now" (retry later, keep the queue) rather
 * than "the remote refused this change" (a retry cannot fix it).
 */
export function isConnectionError(error: unknown): boolean {
  const e = error as { code?: string; message?: string; cause?: unknown } | null;
  if (!e) return false;
  if (e.cause && isConnectionError(e.cause)) return true;
  if (e.code && (connectionErrorCodes.has(e.code) || e.code.startsWith('08'))) return true;
  const message = String(e.message ?? '');
  return /Connection terminated|connection timeout|Client has encountered a connection error|not queryable|Client was closed|timeout exceeded when trying to connect|socket hang up/i.test(
    message,
  );
}
