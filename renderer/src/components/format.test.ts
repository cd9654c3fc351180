import { describe, expect, it } from 'vitest';
import { formatMs, localizeTimes, relativeTime } from './format';

describe('format', () => {
  const now = new Date('2026-11-24T12:00:00.000Z');
  it('says how long ago or how soon', () => {
    expect(relativeTime('2026-11-24T11:57:00.000Z', now)).toBe('3 min ago');
    expect(relativeTime('2026-11-24T14:00:00.000Z', now)).toBe('in 2 h');
    expect(relativeTime(null, now)).toBe('—');
  });
  it('formats durations', () => {
    expect(formatMs(250)).toBe('250 ms');
    expect(formatMs(120_000)).toBe('2 min');
  });
  it('replaces ISO timestamps inside messages', () => {
    expect(localizeTimes('Completed 2026-11-24T09:20:51.248Z')).not.toContain('T09:20');
  });
});
