import { describe, expect, it } from 'vitest';
import { freezeRenderEnv, releaseRenderEnv } from '../render-env';
import { clockTime, formatMs, localizeTimes, relativeTime, shortDateTime } from './format';

describe('format', () => {
  const now = new Date('2026-11-24T12:00:00.000Z');
  it('gives the clock time in the render\'s locale and zone while one is frozen (a hydrating page), else the runtime\'s', () => {
    const iso = '2026-11-24T14:02:05.000Z';
    try {
      freezeRenderEnv({ now: 0, locale: 'de-DE', timeZone: 'Africa/Johannesburg' });
      expect(clockTime(iso)).toBe('16:02:05');
      freezeRenderEnv({ now: 0, locale: 'en-US', timeZone: 'UTC' });
      expect(clockTime(iso)).toMatch(/^2:02:05\sPM$/); // ICU puts a narrow no-break space before PM
    } finally {
      releaseRenderEnv();
    }
    expect(clockTime(iso)).toBe(new Date(iso).toLocaleTimeString());
    expect(clockTime(null)).toBe('—');
    expect(clockTime('not a date')).toBe('not a date');
  });
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
  it('formats a short date and time in the render locale and zone, as toLocaleString does', () => {
    const iso = '2026-11-24T21:05:00.000Z';
    const options = { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' } as const;
    try {
      for (const [locale, timeZone] of [['en-ZA', 'Africa/Johannesburg'], ['en-US', 'America/New_York'], ['de-DE', 'Asia/Tokyo'], ['en-ZA', 'Africa/Johannesburg']] as const) {
        freezeRenderEnv({ now: 0, locale, timeZone });
        expect(shortDateTime(iso), `${locale} ${timeZone}`).toBe(new Date(iso).toLocaleString(locale, { ...options, timeZone }));
      }
    } finally {
      releaseRenderEnv();
    }
    expect(shortDateTime(iso)).toBe(new Date(iso).toLocaleString(undefined, options));
    expect(shortDateTime(null)).toBe('—');
    expect(shortDateTime('not a date')).toBe('not a date');
  });
});
