/**
 * What the dashboard shows about Supabase sync: connected / offline / error, last sync, queued
 * changes, and the first sync's progress.
 */
import { z } from 'zod';

export const syncStates = ['disabled', 'connecting', 'connected', 'offline', 'error', 'stopped'] as const;

export const syncRoundSchema = z.object({
  /** Tasks read from the remote this round (including re-reads of the overlap window). */
  read: z.number().int(),
  inserted: z.number().int(),
  updated: z.number().int(),
  /** Remote edits of tasks running here: recorded as decisions, not applied. */
  recorded: z.number().int(),
  /** Remote rows the local store refused (first errors in pullErrors); they are retried when they change. */
  pullFailed: z.number().int(),
  pullErrors: z.array(z.string()),
  /** Content rows tasks point to (email_logs, social_posts, ...) stored, updated or deleted locally. */
  contentRows: z.number().int().optional(),
  /** Problems with the content tables (a table the remote lacks), each reported once. */
  contentWarnings: z.array(z.string()).optional(),
  pushed: z.number().int(),
  refused: z.number().int(),
  dead: z.number().int(),
  /** The remote changed global_pause and the desktop followed (true / false), or null. */
  pause: z.boolean().nullable(),
  durationMs: z.number(),
});
export type SyncRound = z.infer<typeof syncRoundSchema>;

export const syncStatusSchema = z.object({
  state: z.enum(syncStates),
  /** The connection string without its password. */
  url: z.string().nullable(),
  /** LISTEN/NOTIFY works: remote changes arrive at once (otherwise a short poll). */
  listening: z.boolean(),
  lastSyncAt: z.string().nullable(),
  lastError: z.string().nullable(),
  /** Local changes waiting to be pushed. */
  queued: z.number().int(),
  /** Changes the remote refused for good (kept for a person to look at). */
  dead: z.number().int(),
  lastRound: syncRoundSchema.nullable(),
  /** While a large pull runs (the first sync): rows applied of rows to read. */
  progress: z.object({ done: z.number().int(), total: z.number().int() }).nullable(),
});
export type SyncStatus = z.infer<typeof syncStatusSchema>;
