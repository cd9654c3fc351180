/**
 * Turning sync on for an engine from configuration: SUPABASE_DB_URL (or an explicit URL such as
 * `--supabase-url`), TLS from SUPABASE_SSL_REJECT_UNAUTHORIZED / SUPABASE_SSL_ROOT_CERT. Off
 * when no URL is given: the app works fully offline without it.
 */
import type { Engine } from '../index';
import { loadSettings } from '../settings/settings-store';
import { tlsOptionsFromEnv } from './connection';
import { startSync, type SyncHandle, type SyncOptions } from './sync-service';

/** The connection string to use, or null (sync off). An explicit URL wins over SUPABASE_DB_URL. */
export function syncUrlFrom(env: Record<string, string | undefined>, explicit?: string): string | null {
  const url = explicit?.trim() || env.SUPABASE_DB_URL?.trim();
  return url ? url : null;
}

/**
 * Starts sync for `engine` and makes `engine.close()` stop it first (pushing what it can).
 * Returns null when no URL is configured. The engine's lease length is used for remote claims.
 */
export function attachSync(
  engine: Engine,
  options: { url: string | null; env: Record<string, string | undefined> } & Partial<Omit<SyncOptions, 'url'>>,
): SyncHandle | null {
  if (!options.url) return null;
  const { settings } = loadSettings(engine.db, options.env);
  const { url, env, ...rest } = options;
  const sync = startSync(engine, { url, tls: tlsOptionsFromEnv(env), leaseMs: settings.leaseMs, ...rest });
  engine.setSyncStatusSource(() => sync.status());
  engine.onClose(() => sync.stop());
  return sync;
}
