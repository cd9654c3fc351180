/**
 * What every executor step needs, passed explicitly (no globals): the database, the activity
 * journal, the handler registry, current settings and this executor's identity.
 */
import type { Task } from '../../../shared/domain';
import type { Settings } from '../../../shared/settings';
import type { ChannelRegistry } from '../channels/registry';
import type { Db } from '../db/open-db';
import type { Activity } from './activity';

export type ExecutionGuard = (task: Task) => Promise<{ ok: true } | { ok: false; reason: string }>;

export interface ExecutorContext {
  readonly db: Db;
  readonly activity: Activity;
  readonly registry: ChannelRegistry;
  readonly settings: () => Settings;
  /** `host/pid/random`: start-up recovery can tell whether a lease's owner is still alive. */
  readonly executorId: string;
  readonly now: () => Date;
  readonly guards: readonly ExecutionGuard[];
  /** Aborted when the engine stops. */
  readonly signal: AbortSignal;
}
