/**
 * What Kenny reads about Supabase sync, derived from `sync:status` (null = sync off). Pure, so the
 * sidebar chip and the Today card say the same thing and the wording is unit-tested.
 */
import type { SyncStatus } from '../../../shared/sync-status';

/** Colour family of the chip (maps to the existing ok / warn / bad / info / neutral styles). */
export type SyncTone = 'ok' | 'warn' | 'bad' | 'info' | 'off';

export interface SyncSummary {
  /** Chip text, e.g. "Sync: offline (12 queued)" or "Sync off". */
  chip: string;
  tone: SyncTone;
  /** Short state name for the card ("Connected", "Offline", …). */
  stateLabel: string;
  /** One sentence: what the state means for Kenny. */
  explanation: string;
}

/** Shown when the server answers null: how to turn sync on. */
export const syncOffMessage = 'Supabase sync is off — set SUPABASE_DB_URL';

const states: Record<SyncStatus['state'], { label: string; tone: SyncTone; explanation: string }> = {
  connected: { label: 'Connected', tone: 'ok', explanation: 'Tasks, statuses, logs and alerts flow both ways.' },
  connecting: { label: 'Connecting', tone: 'info', explanation: 'Connecting to the Supabase database…' },
  offline: { label: 'Offline', tone: 'warn', explanation: 'Supabase cannot be reached: local changes stay queued and are pushed when it is back; synced tasks wait.' },
  error: { label: 'Error', tone: 'bad', explanation: 'Sync stopped on an error; see the last error below.' },
  stopped: { label: 'Stopped', tone: 'off', explanation: 'Sync is stopped.' },
  disabled: { label: 'Off', tone: 'off', explanation: syncOffMessage },
};

/** Fraction 0..1 of the first sync's pull, or null when no large pull runs. */
export function syncProgress(status: SyncStatus | null | undefined): number | null {
  const progress = status?.progress;
  if (!progress) return null;
  if (progress.total <= 0) return 0;
  return Math.min(1, Math.max(0, progress.done / progress.total));
}

/** "12 queued, 1 refused" (only the non-zero parts), or ''. */
export function syncBacklog(status: Pick<SyncStatus, 'queued' | 'dead'>): string {
  const parts: string[] = [];
  if (status.queued > 0) parts.push(`${status.queued} queued`);
  if (status.dead > 0) parts.push(`${status.dead} refused`);
  return parts.join(', ');
}

/** Chip text, tone and explanation for a status; null / disabled reads "Sync off". */
export function describeSync(status: SyncStatus | null): SyncSummary {
  if (!status || status.state === 'disabled') {
    return { chip: 'Sync off', tone: 'off', stateLabel: 'Off', explanation: syncOffMessage };
  }
  const state = states[status.state];
  const progress = syncProgress(status);
  const backlog = syncBacklog(status);
  let chip = `Sync: ${state.label.toLowerCase()}`;
  if (progress !== null) chip = `Sync: first sync ${Math.floor(progress * 100)}%`;
  else if (backlog) chip += ` (${backlog})`;
  const explanation = progress !== null ? 'First sync: copying the cloud’s tasks to this computer, a page at a time.' : state.explanation;
  return { chip, tone: state.tone, stateLabel: state.label, explanation };
}

/** The last round in one line ("pulled 3 new, 2 updated · pushed 5 · 120 ms"), or null. */
export function describeRound(round: SyncStatus['lastRound']): string | null {
  if (!round) return null;
  const pulled = [`${round.inserted} new`, `${round.updated} updated`];
  if (round.recorded > 0) pulled.push(`${round.recorded} recorded`);
  if (round.pullFailed > 0) pulled.push(`${round.pullFailed} refused locally`);
  const pushed = [`pushed ${round.pushed}`];
  if (round.refused > 0) pushed.push(`${round.refused} refused`);
  const parts = [`pulled ${pulled.join(', ')}`, pushed.join(', ')];
  if (round.pause !== null) parts.push(round.pause ? 'paused from the cloud' : 'resumed from the cloud');
  parts.push(`${Math.round(round.durationMs)} ms`);
  return parts.join(' · ');
}
