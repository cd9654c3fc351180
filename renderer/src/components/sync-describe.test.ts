import { describe, expect, it } from 'vitest';
import { syncStatusSchema, type SyncStatus } from '../../../shared/sync-status';
import { describeRound, describeSync, syncBacklog, syncProgress } from './sync-describe';

const base: SyncStatus = syncStatusSchema.parse({
  state: 'connected',
  url: 'postgresql://postgres:***@db.example.supabase.co:5432/postgres',
  listening: true,
  lastSyncAt: '2026-11-24T10:00:00.000Z',
  lastError: null,
  queued: 0,
  dead: 0,
  lastRound: null,
  progress: null,
});

describe('describeSync', () => {
  it('says "Sync off" when the server answers null or disabled', () => {
    expect(describeSync(null)).toMatchObject({ chip: 'Sync off', tone: 'off' });
    expect(describeSync(null).explanation).toContain('SUPABASE_DB_URL');
    expect(describeSync({ ...base, state: 'disabled' }).chip).toBe('Sync off');
  });

  it('names the state and the backlog', () => {
    expect(describeSync(base)).toMatchObject({ chip: 'Sync: connected', tone: 'ok', stateLabel: 'Connected' });
    expect(describeSync({ ...base, state: 'offline', queued: 12 })).toMatchObject({ chip: 'Sync: offline (12 queued)', tone: 'warn' });
    expect(describeSync({ ...base, state: 'error', queued: 3, dead: 1 })).toMatchObject({ chip: 'Sync: error (3 queued, 1 refused)', tone: 'bad' });
    expect(describeSync({ ...base, state: 'connecting' }).chip).toBe('Sync: connecting');
  });

  it('shows the first sync as a percentage instead of the backlog', () => {
    const first = describeSync({ ...base, state: 'connecting', queued: 4, progress: { done: 2500, total: 10000 } });
    expect(first.chip).toBe('Sync: first sync 25%');
    expect(first.explanation).toContain('First sync');
  });
});

describe('syncProgress', () => {
  it('is null without a pull, clamped otherwise, 0 for an empty total', () => {
    expect(syncProgress(base)).toBeNull();
    expect(syncProgress(null)).toBeNull();
    expect(syncProgress({ ...base, progress: { done: 1, total: 4 } })).toBe(0.25);
    expect(syncProgress({ ...base, progress: { done: 9, total: 4 } })).toBe(1);
    expect(syncProgress({ ...base, progress: { done: 0, total: 0 } })).toBe(0);
  });
});

describe('syncBacklog', () => {
  it('lists only non-zero counts', () => {
    expect(syncBacklog({ queued: 0, dead: 0 })).toBe('');
    expect(syncBacklog({ queued: 0, dead: 2 })).toBe('2 refused');
  });
});

describe('describeRound', () => {
  it('summarises what moved', () => {
    expect(describeRound(null)).toBeNull();
    const round = { read: 5, inserted: 3, updated: 2, recorded: 0, pullFailed: 0, pullErrors: [], pushed: 5, refused: 1, dead: 0, pause: true, durationMs: 120.4 };
    expect(describeRound(round)).toBe('pulled 3 new, 2 updated · pushed 5, 1 refused · paused from the cloud · 120 ms');
  });
});
