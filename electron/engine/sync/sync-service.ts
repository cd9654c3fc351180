/**
 * Supabase sync as one long-lived handle: connects (TLS per connection.ts), applies the additive
 * remote migration once, LISTENs for changes, and runs rounds (renew leases, push the outbox,
 * pull tasks and global_pause) on NOTIFY, on local changes, and on a fallback poll. A lost
 * connection turns the state to offline and retries with backoff; the outbox keeps everything.
 */
import { EventEmitter } from 'node:events';
import pg from 'pg';
import type { EventName, EventPayload } from '../../../shared/contract';
import type { Task } from '../../../shared/domain';
import type { Db } from '../db/open-db';
import { forgetRemoteVersion } from './apply-remote-task';
import { claimRemote } from './claim';
import { connectionConfig, isConnectionError, redactUrl, type TlsOptions } from './connection';
import { enableOutbox, outboxCounts } from './local-state';
import { databaseSetPaused, type SetPaused } from './pause';
import { notifyChannel } from './remote-migration';
import { applyRemoteMigration, runRound } from './sync-round';
import type { SyncRound, SyncStatus } from '../../../shared/sync-status';

/** What the sync needs from the engine (createEngine's Engine satisfies it); only `db` and `executorId` are required. */
export interface SyncHost {
  readonly db: Db;
  readonly executorId: string;
  on?<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  addExecutionGuard?(guard: (task: Task) => Promise<{ ok: true } | { ok: false; reason: string }>): void;
  /** Wakes the executor after a pull brought executable work. */
  wake?(): void;
  api?: { 'executor:pause'(input: { by?: string }): Promise<unknown>; 'executor:resume'(input: { by?: string }): Promise<unknown> };
}

export interface SyncOptions {
  /** Postgres connection string (SUPABASE_DB_URL). */
  url: string;
  tls?: TlsOptions;
  /** Remote claim lease. Default: 600 000 ms (settings.leaseMs default). */
  leaseMs?: number;
  /** Fallback poll while LISTEN works. Default: 30 000 ms. */
  pollIntervalMs?: number;
  /** Poll when LISTEN is unavailable (e.g. Supabase's transaction pooler). Default: 5 000 ms. */
  fallbackPollMs?: number;
  /** Longest wait between reconnection attempts. Default: 30 000 ms. */
  maxBackoffMs?: number;
  /** Use LISTEN/NOTIFY. Default: true. */
  listen?: boolean;
  /** Start rounds and timers now. Default: true; false = only syncOnce() (the CLI, tests). */
  autoStart?: boolean;
  /** Delay that coalesces bursts of local changes into one push (changes during a round are coalesced into the next one anyway). Default: 5 ms. */
  debounceMs?: number;
  onProgress?: (progress: { done: number; total: number }) => void;
}

export interface SyncHandle {
  status(): SyncStatus;
  /** One full round now (after the one in flight). Resolves with what moved; rejects on failure. */
  syncOnce(): Promise<SyncRound>;
  /** 'round' (SyncRound) after each successful round, 'error' (Error) after a failed one, 'notify' on NOTIFY. */
  on(event: 'round' | 'error' | 'notify', listener: (payload: never) => void): () => void;
  stop(): Promise<void>;
}

/** Starts syncing `host`'s database with the Supabase database at `options.url`. */
export function startSync(host: SyncHost, options: SyncOptions): SyncHandle {
  const config = connectionConfig(options.url, options.tls);
  const leaseMs = options.leaseMs ?? 600_000;
  const events = new EventEmitter();
  events.setMaxListeners(0);
  const pool = new pg.Pool({ ...config, max: 3, idleTimeoutMillis: 30_000 });
  pool.on('error', () => undefined); // an idle client lost its connection; the next round reconnects
  const setPaused: SetPaused = host.api
    ? async (paused, by) => void (await (paused ? host.api!['executor:pause']({ by }) : host.api!['executor:resume']({ by })))
    : databaseSetPaused(host.db);
  enableOutbox(host.db);

  const state: Omit<SyncStatus, 'queued' | 'dead'> = {
    state: 'connecting',
    url: redactUrl(options.url),
    listening: false,
    lastSyncAt: null,
    lastError: null,
    lastRound: null,
    progress: null,
  };
  let migrated = false;
  let listener: pg.Client | null = null;
  let chain: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | null = null;
  let failures = 0;
  let stopped = false;
  const refreshIds = new Set<string>();
  const missingContentTables = new Set<string>();

  const connectListener = async () => {
    if (listener || options.listen === false) return;
    const client = new pg.Client(config);
    client.on('error', () => undefined);
    client.on('end', () => {
      if (listener === client) listener = null;
      state.listening = false;
    });
    client.on('notification', () => {
      events.emit('notify');
      schedule(0);
    });
    await client.connect();
    await client.query(`LISTEN ${notifyChannel}`);
    listener = client;
    state.listening = true;
  };

  const round = async (): Promise<SyncRound> => {
    const result = await runRound({
      db: host.db,
      pool,
      executorId: host.executorId,
      leaseMs,
      migrate: !migrated,
      refreshIds: [...refreshIds],
      setPaused,
      missingContentTables,
      onProgress: (progress) => {
        state.progress = progress.total > 0 && progress.done < progress.total ? progress : null;
        options.onProgress?.(progress);
      },
    });
    migrated = true;
    refreshIds.clear();
    if (!stopped) await connectListener().catch(() => undefined);
    if (result.inserted + result.updated + (result.contentRows ?? 0) > 0 || result.pause === false) host.wake?.();
    return result;
  };

  const runOnce = (): Promise<SyncRound> => {
    const next = chain.then(async () => {
      try {
        const result = await round();
        failures = 0;
        Object.assign(state, { state: 'connected', lastSyncAt: new Date().toISOString(), lastError: null, lastRound: result, progress: null });
        events.emit('round', result);
        return result;
      } catch (error) {
        failures += 1;
        state.state = isConnectionError(error) ? 'offline' : 'error';
        state.lastError = (error as Error).message;
        state.progress = null;
        // EventEmitter throws on an 'error' nobody listens to; the caller gets the rejection anyway.
        if (events.listenerCount('error') > 0) events.emit('error', error);
        throw error;
      } finally {
        if (!stopped && options.autoStart !== false) schedule(nextDelay());
      }
    });
    chain = next.catch(() => undefined);
    return next;
  };

  const nextDelay = () => {
    if (failures > 0) return Math.min(options.maxBackoffMs ?? 30_000, 1000 * 2 ** Math.min(failures - 1, 10));
    return state.listening ? (options.pollIntervalMs ?? 30_000) : (options.fallbackPollMs ?? 5_000);
  };

  function schedule(delayMs: number): void {
    if (stopped || options.autoStart === false) return;
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      runOnce().catch(() => undefined);
    }, delayMs);
    timer.unref?.();
  }

  const unsubscribe = (['task:changed', 'log:appended', 'alert:raised', 'status:changed'] as const).map(
    (event) => host.on?.(event, () => schedule(failures > 0 ? nextDelay() : (options.debounceMs ?? 5))) ?? (() => undefined),
  );

  host.addExecutionGuard?.(async (task) => {
    if (stopped) return task.origin === 'supabase' ? { ok: false, reason: 'Supabase sync is stopped; synced tasks run only while it is on' } : { ok: true };
    if (!migrated) {
      try {
        await applyRemoteMigration(pool);
        migrated = true;
      } catch (error) {
        if (task.origin !== 'supabase') return { ok: true };
        return { ok: false, reason: `Supabase not ready, so this synced task does not run yet: ${(error as Error).message}` };
      }
    }
    const verdict = await claimRemote(pool, task, { executorId: host.executorId, leaseMs });
    if (!verdict.ok && verdict.refresh) {
      forgetRemoteVersion(host.db, task.id);
      refreshIds.add(task.id);
      schedule(0);
    }
    return verdict.ok ? { ok: true } : { ok: false, reason: verdict.reason };
  });

  if (options.autoStart !== false) schedule(0);

  return {
    status: () => ({ ...state, ...outboxCounts(host.db) }),
    syncOnce: runOnce,
    on(event, fn) {
      events.on(event, fn as (...args: unknown[]) => void);
      return () => void events.off(event, fn as (...args: unknown[]) => void);
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const off of unsubscribe) off();
      await chain;
      state.state = 'stopped';
      state.listening = false;
      const client = listener;
      listener = null;
      await client?.end().catch(() => undefined);
      await pool.end().catch(() => undefined);
    },
  };
}
