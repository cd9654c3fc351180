/**
 * What the API methods need from the engine, gathered once in createEngine.
 */
import type { CycleSummary, ExecutorStatus } from '../../../shared/contract';
import type { SyncStatus } from '../../../shared/sync-status';
import type { LoadedSettings } from '../settings/settings-store';
import type { SettingsPatch } from '../../../shared/settings';
import type { ChannelRegistry } from '../channels/registry';
import type { Db } from '../db/open-db';
import type { Activity } from '../executor/activity';

export interface ApiDeps {
  db: Db;
  activity: Activity;
  registry: ChannelRegistry;
  now: () => Date;
  operatorName: string;
  loadedSettings: () => LoadedSettings;
  updateSettings: (patch: SettingsPatch) => LoadedSettings;
  /** Runs the approval policy over tasks it has not seen (e.g. inserted by another client). */
  decidePending: () => void;
  wake: () => void;
  runNow: () => Promise<CycleSummary>;
  status: () => ExecutorStatus;
  /** Supabase sync's state, or null when sync is off. */
  syncStatus: () => SyncStatus | null;
  /** Opens a URL in the person's browser (the desktop app: shell.openExternal); absent headless. */
  openExternal: ((url: string) => void | Promise<void>) | null;
  /** The environment the engine was created with (which channel variables are set). */
  env: Record<string, string | undefined>;
  /** Aborted when the engine closes: background work started by a method (a pending sign-in) ends. */
  signal: AbortSignal;
}
