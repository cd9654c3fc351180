/**
 * createEngine: the whole executor as one object, identical in Electron's main process and in a
 * plain Node process (`mission-control`). Never imports electron.
 */
import type { CycleSummary, EngineApi, EventName, EventPayload, ExecutorStatus } from '../../shared/contract';
import type { Task } from '../../shared/domain';
import type { SyncStatus } from '../../shared/sync-status';
import type { NewAlert } from './store/alerts';
import { createEngineApi } from './api/engine-api';
import type { ApiDeps } from './api/api-deps';
import { defaultHandlers } from './channels/default-handlers';
import { attachGmailToEngine, isGmailHandler } from './channels/gmail/index';
import { startDigestTimer, type DigestTimer } from './channels/gmail/digest-emails';
import { ChannelRegistry } from './channels/registry';
import type { AnyChannelHandler } from './channels/types';
import { openDb, type Db } from './db/open-db';
import { WalCheckpointer } from './db/wal-checkpointer';
import { isBusy, lockWaitState } from './db/write-lock';
import { EngineEvents } from './events';
import { Activity } from './executor/activity';
import type { ExecutionGuard, ExecutorContext } from './executor/context';
import { newExecutorId, retireExecutorId } from './executor/executor-id';
import { decidePendingTasks } from './executor/policy-pass';
import { Scheduler } from './executor/scheduler';
import { defaultDbPath } from './paths';
import { MemorySecretStore, type SecretStore } from './secrets/types';
import { loadSettings, saveSettings, type LoadedSettings } from './settings/settings-store';
import { statusCounts } from './store/stats';
import { seedDefaultRules } from './store/rules';
import { pruneExpiredUnits } from './store/rate-limits';

export interface EngineOptions {
  /** Default: defaultDbPath() — the desktop app's user-data folder; MISSION_CONTROL_DB overrides. */
  dbPath?: string;
  /** Default: process.env (ENABLE_AUTO_EXECUTION, AGENT_DRY_RUN, EXECUTOR_POLL_INTERVAL_MS, ALERT_EMAIL). */
  env?: Record<string, string | undefined>;
  /** Default: the built-in channel handlers. */
  handlers?: AnyChannelHandler[];
  /** Default: in memory (credentials are not persisted). */
  secrets?: SecretStore;
  executorId?: string;
  now?: () => Date;
  /** Who decisions are attributed to when the caller names nobody. Default: 'Kenny'. */
  operatorName?: string;
  /** E-mail the daily digest through the Gmail handler while started, if registered. Default: true. */
  emailDigest?: boolean;
  /** E-mail urgent alerts to ALERT_EMAIL through the Gmail handler, if registered. Default: true. */
  emailUrgentAlerts?: boolean;
  /** Opens a URL in the system browser (OAuth consent pages). The desktop app passes shell.openExternal. */
  openExternal?: (url: string) => void | Promise<void>;
  /** Checkpoint the WAL on a worker thread (db/wal-checkpointer.ts). Default: true; the bench compares both. */
  checkpointOffThread?: boolean;
}

export interface Engine {
  readonly api: EngineApi;
  readonly db: Db;
  readonly executorId: string;
  readonly dbPath: string;
  readonly secrets: SecretStore;
  on<E extends EventName>(event: E, listener: (payload: EventPayload<E>) => void): () => void;
  /** Recovers claims left by a crash, then polls and wakes as tasks become executable. */
  start(): void;
  /** Stops polling and waits for the task in flight; the database stays open. */
  stop(): Promise<void>;
  /** One cycle now (after the current one, if any). */
  runCycle(): Promise<CycleSummary>;
  /** A check every task must pass right before it is claimed (e.g. a remote claim by sync). */
  addExecutionGuard(guard: ExecutionGuard): void;
  /** Wakes the executor (something became executable outside the API). */
  wake(): void;
  /** Where sync:status reads from (Supabase sync registers itself when attached). */
  setSyncStatusSource(source: () => SyncStatus | null): void;
  /** Runs before the engine stops on close() (e.g. sync pushes what it can). */
  onClose(hook: () => Promise<void>): void;
  /** Writes an alert and announces it (alert:raised), like the engine's own alerts. */
  raiseAlert(alert: NewAlert): void;
  /** stop() and close the database. */
  close(): Promise<void>;
}

export function createEngine(options: EngineOptions = {}): Engine {
  const env = options.env ?? process.env;
  const dbPath = options.dbPath ?? defaultDbPath(env);
  const now = options.now ?? (() => new Date());
  const db = openDb(dbPath);
  seedDefaultRules(db, now());
  pruneExpiredUnits(db, now());
  // From here on no call blocks the event loop waiting for another process's write lock: writes
  // wait asynchronously in withWriteLock (db/write-lock.ts), or fail fast and are retried.
  db.pragma('busy_timeout = 0');
  const secrets = options.secrets ?? new MemorySecretStore();
  const events = new EngineEvents();
  const activity = new Activity(db, events, now);
  // Checkpoints leave the event loop (db/wal-checkpointer.ts); an in-memory database has no WAL.
  const checkpointer =
    dbPath && dbPath !== ':memory:' && options.checkpointOffThread !== false
      ? new WalCheckpointer(db, dbPath, { onFallBack: (reason) => activity.log({ level: 'warning', eventType: 'checkpoint_inline', message: `WAL checkpoints run inside commits again (${reason})` }) })
      : null;
  const registry = new ChannelRegistry(options.handlers ?? defaultHandlers({ env, secrets, db, settings: () => loaded.settings }));
  const executorId = options.executorId ?? newExecutorId();
  const guards: ExecutionGuard[] = [];
  const stopController = new AbortController();
  // Separate from stopController: closing ends pending sign-ins at once, but lets an in-flight
  // channel call finish (aborting it would turn a send into an unknown outcome).
  const backgroundController = new AbortController();

  let loaded: LoadedSettings = loadSettings(db, env);
  for (const warning of loaded.warnings) activity.log({ level: 'warning', eventType: 'settings_invalid', message: warning });
  let lastPollAt: string | null = null;
  let lastCycle: ExecutorStatus['lastCycle'] = null;
  let running = false;
  let syncStatus: () => SyncStatus | null = () => null;
  const closeHooks: (() => Promise<void>)[] = [];
  let digestTimer: DigestTimer | null = null;

  const context: ExecutorContext = { db, activity, registry, settings: () => loaded.settings, executorId, now, guards, signal: stopController.signal };

  const status = (): ExecutorStatus => {
    const { settings } = loaded;
    const state = !running ? 'stopped' : settings.globalPause ? 'paused' : !settings.autoExecution ? 'auto_execution_off' : 'running';
    return {
      state,
      dryRun: settings.dryRun,
      autoExecution: settings.autoExecution,
      paused: settings.globalPause,
      executorId,
      lastPollAt,
      nextPollAt: scheduler.nextPollAt?.toISOString() ?? null,
      lastCycle,
      counts: statusCounts(db, registry.agents(), now()),
      lockWait: lockWaitState(db),
    };
  };

  const reloadSettings = () => {
    const before = loaded.settings;
    loaded = loadSettings(db, env);
    if (before.pollIntervalMs !== loaded.settings.pollIntervalMs) scheduler.reschedulePoll();
    if (before.globalPause !== loaded.settings.globalPause || before.dryRun !== loaded.settings.dryRun || before.autoExecution !== loaded.settings.autoExecution) {
      events.emit('status:changed', status());
    }
  };

  const scheduler = new Scheduler(context, {
    isPaused: () => loaded.settings.globalPause,
    onExternalChange: reloadSettings,
    onCycle: (summary, finishedAt, trigger) => {
      // A wake-up that found nothing to do changes nothing the dashboard shows: skip the status
      // query (it counts over the whole table) on this hot path.
      const idle = summary.executed + summary.failed + summary.deferred + summary.skipped === 0;
      if (trigger === 'wake' && idle) return;
      lastPollAt = finishedAt.toISOString();
      lastCycle = { executed: summary.executed, failed: summary.failed, skipped: summary.skipped, deferred: summary.deferred, wouldExecute: summary.wouldExecute, durationMs: summary.durationMs };
      events.emit('status:changed', status());
    },
    onCycleError: (error) => {
      // Another process holds the write lock: nothing was lost (every step is a transaction);
      // try again shortly. The wait shows on the dashboard (status.lockWait), not as an alert.
      if (isBusy(error)) {
        setTimeout(() => scheduler.wake(), 1_000).unref?.();
        return;
      }
      // A database or programming error must be seen, never swallowed (cloud defect 13).
      activity.log({ level: 'critical', eventType: 'cycle_error', message: `Executor cycle failed: ${error instanceof Error ? error.message : String(error)}`, errorDetails: { stack: error instanceof Error ? error.stack : null } });
      activity.alert({ type: 'system_error', severity: 'urgent', title: 'Executor cycle failed', message: error instanceof Error ? error.message : String(error) });
    },
  });

  const deps: ApiDeps = {
    db,
    activity,
    registry,
    now,
    operatorName: options.operatorName ?? 'Kenny',
    loadedSettings: () => loaded,
    updateSettings: (patch) => {
      saveSettings(db, env, patch, now());
      reloadSettings();
      return loaded;
    },
    decidePending: () => {
      try {
        decidePendingTasks(context);
      } catch (error) {
        // Locked by another process: the next cycle decides (never fail the caller for it).
        if (!isBusy(error)) throw error;
      }
    },
    wake: () => scheduler.wake(),
    runNow: () => scheduler.runNow('manual'),
    status,
    syncStatus: () => syncStatus(),
    openExternal: options.openExternal ?? null,
    env,
    signal: backgroundController.signal,
  };

  const engine: Engine = {
    api: createEngineApi(deps),
    db,
    dbPath,
    executorId,
    secrets,
    on: (event, listener) => events.on(event, listener),
    start() {
      if (running) return;
      running = true;
      scheduler.start();
      // The daily digest e-mail (only while the executor runs: serve and the desktop app, not one-shot CLI commands).
      const gmailHandler = registry.byId('gmail');
      if (options.emailDigest !== false && isGmailHandler(gmailHandler)) {
        digestTimer = startDigestTimer({ db, settings: () => loaded.settings, handler: gmailHandler, now }, (error) =>
          activity.log({ level: 'error', eventType: 'digest_failed', message: `Daily digest e-mail failed: ${error instanceof Error ? error.message : String(error)}` }),
        );
      }
      events.emit('status:changed', status());
    },
    async stop() {
      if (!running) return;
      running = false;
      digestTimer?.stop();
      await digestTimer?.idle();
      digestTimer = null;
      await scheduler.stop();
      events.emit('status:changed', status());
    },
    runCycle: () => scheduler.runNow('manual'),
    addExecutionGuard: (guard: (task: Task) => ReturnType<ExecutionGuard>) => void guards.push(guard),
    wake: () => scheduler.wake(),
    raiseAlert: (alert) => activity.alert(alert),
    setSyncStatusSource: (source) => void (syncStatus = source),
    onClose: (hook) => void closeHooks.push(hook),
    async close() {
      backgroundController.abort();
      for (const hook of closeHooks.splice(0)) await hook().catch((error: unknown) => console.error('[mission-control] close hook failed:', error));
      await engine.stop();
      gmailAlerts?.detach();
      await gmailAlerts?.idle();
      stopController.abort();
      retireExecutorId(executorId);
      await checkpointer?.close();
      db.close();
    },
  };
  // Channels that learn mid-task that their credentials were refused (X, Meta) raise one alert each time.
  for (const handler of registry.handlers) {
    if (handler.id === 'gmail' || !hasReconnectListener(handler)) continue;
    handler.onReconnectNeeded((message) => activity.alert({ type: 'system_error', severity: 'urgent', title: `${handler.name} needs reconnecting`, message, metadata: { channel: handler.id } }));
  }
  // Urgent alerts are e-mailed to ALERT_EMAIL through the connected Gmail account (throttled per type).
  const gmail = registry.byId('gmail');
  const gmailAlerts = options.emailUrgentAlerts !== false && isGmailHandler(gmail) ? attachGmailToEngine(engine, gmail, { now }) : null;
  return engine;
}

const hasReconnectListener = (handler: unknown): handler is { onReconnectNeeded(listener: (message: string) => void): () => void } =>
  typeof (handler as { onReconnectNeeded?: unknown }).onReconnectNeeded === 'function';

export { defaultDbPath } from './paths';
export { openDb } from './db/open-db';
export type { Db } from './db/open-db';
