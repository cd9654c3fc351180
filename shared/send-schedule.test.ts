import { describe, expect, it } from 'vitest';
import { alwaysOpen, channelScheduleSchema, describeSchedule, goesOutAt, nextAllowedTime, quietUntil, sendScheduleSchema, type ChannelSchedule, type SendSchedule } from './send-schedule';
import { localDayRange, zonedTimeToUtc } from './zoned-time';

const jhb = 'Africa/Johannesburg';
const businessHours: ChannelSchedule = { ...alwaysOpen, mode: 'window', days: [1, 2, 3, 4, 5], start: '08:00', end: '17:00' };
const schedule: SendSchedule = { gmail: businessHours, x: { ...alwaysOpen, mode: 'times', days: [1, 2, 3, 4, 5, 6], times: ['13:00', '09:00'], graceMinutes: 15 } };

describe('nextAllowedTime (Africa/Johannesburg, UTC+2)', () => {
  it('lets a task go inside the window and at its first minute, not at its end', () => {
    expect(nextAllowedTime('gmail', new Date('2026-11-30T10:00:00Z'), schedule, jhb)).toBeNull(); // Mon 12:00
    expect(nextAllowedTime('gmail', new Date('2026-11-30T06:00:00Z'), schedule, jhb)).toBeNull(); // Mon 08:00
    expect(nextAllowedTime('gmail', new Date('2026-11-30T15:00:00Z'), schedule, jhb)?.toISOString()).toBe('2026-12-01T06:00:00.000Z'); // Mon 17:00 → Tue 08:00
  });

  it('holds a Saturday evening e-mail until 08:00 Monday and says so', () => {
    const now = new Date('2026-11-28T18:30:00Z'); // Sat 20:30
    const at = nextAllowedTime('gmail', now, schedule, jhb)!;
    expect(at.toISOString()).toBe('2026-11-30T06:00:00.000Z');
    expect(goesOutAt(at, now, jhb)).toBe('Goes out at 08:00 Monday');
  });

  it('before opening on a weekday the wait ends the same day', () => {
    const now = new Date('2026-12-02T04:59:00Z'); // Wed 06:59
    const at = nextAllowedTime('gmail', now, schedule, jhb)!;
    expect(at.toISOString()).toBe('2026-12-02T06:00:00.000Z');
    expect(goesOutAt(at, now, jhb)).toBe('Goes out at 08:00 today');
  });

  it('posting times: within the grace it goes, after it waits for the next time; nothing on Sundays', () => {
    expect(nextAllowedTime('x', new Date('2026-11-30T07:10:00Z'), schedule, jhb)).toBeNull(); // Mon 09:10
    expect(nextAllowedTime('x', new Date('2026-11-30T07:20:00Z'), schedule, jhb)?.toISOString()).toBe('2026-11-30T11:00:00.000Z'); // → 13:00
    expect(nextAllowedTime('x', new Date('2026-11-28T12:00:00Z'), schedule, jhb)?.toISOString()).toBe('2026-11-30T07:00:00.000Z'); // Sat 14:00 → Mon 09:00
  });

  it('a channel without a window, or "always", never waits', () => {
    expect(nextAllowedTime('meta', new Date('2026-11-29T23:00:00Z'), schedule, jhb)).toBeNull();
    expect(nextAllowedTime('gmail', new Date('2026-11-29T23:00:00Z'), { gmail: alwaysOpen }, jhb)).toBeNull();
  });
});

describe('nextAllowedTime across daylight saving time', () => {
  const ny = 'America/New_York';
  const early: SendSchedule = { gmail: { ...businessHours, days: [0, 1, 2, 3, 4, 5, 6], start: '02:30', end: '09:00' } };

  it('a window opening inside the spring-forward gap opens right after it (not an hour early or a day late)', () => {
    // 2026-03-08: 02:00 EST jumps to 03:00 EDT (07:00Z). 02:30 does not exist: 03:30 EDT = 07:30Z.
    const at = nextAllowedTime('gmail', new Date('2026-03-08T05:00:00Z'), early, ny)!; // 00:00 EST
    expect(at.toISOString()).toBe('2026-03-08T07:30:00.000Z');
    // The day after: 02:30 EDT = 06:30Z.
    expect(nextAllowedTime('gmail', new Date('2026-03-08T14:00:00Z'), early, ny)?.toISOString()).toBe('2026-03-09T06:30:00.000Z');
  });

  it('a window opening in the repeated fall-back hour opens at its first occurrence', () => {
    // 2026-11-01: 02:00 EDT falls back to 01:00 EST (06:00Z). 01:30 happens at 05:30Z and 06:30Z.
    const rule: SendSchedule = { gmail: { ...businessHours, days: [0], start: '01:30', end: '05:00' } };
    expect(nextAllowedTime('gmail', new Date('2026-11-01T04:00:00Z'), rule, ny)?.toISOString()).toBe('2026-11-01T05:30:00.000Z');
    // 17:00 local is EST after the change: 22:00Z. 16:59 is inside a 08:00-17:00 Sunday window.
    const sunday: SendSchedule = { gmail: { ...businessHours, days: [0] } };
    expect(nextAllowedTime('gmail', new Date('2026-11-01T21:59:00Z'), sunday, ny)).toBeNull();
    expect(nextAllowedTime('gmail', new Date('2026-11-01T22:00:00Z'), sunday, ny)?.toISOString()).toBe('2026-11-08T13:00:00.000Z');
  });

  it('Europe/London business hours follow BST and GMT', () => {
    const london: SendSchedule = { gmail: businessHours };
    expect(nextAllowedTime('gmail', new Date('2026-03-27T18:00:00Z'), london, 'Europe/London')?.toISOString()).toBe('2026-03-30T07:00:00.000Z'); // Fri 18:00 GMT → Mon 08:00 BST
    expect(localDayRange('2026-03-29', 'Europe/London')).toEqual({ start: new Date('2026-03-29T00:00:00Z'), end: new Date('2026-03-29T23:00:00Z') }); // a 23-hour day
  });

  it('zonedTimeToUtc keeps ordinary times exact', () => {
    expect(zonedTimeToUtc(2026, 11, 30, 8, 0, 'Africa/Johannesburg').toISOString()).toBe('2026-11-30T06:00:00.000Z');
    expect(zonedTimeToUtc(2026, 7, 1, 8, 0, 'America/New_York').toISOString()).toBe('2026-07-01T12:00:00.000Z');
  });
});

describe('quietUntil', () => {
  const quiet = { enabled: true, start: '21:00', end: '07:00', days: [0, 1, 2, 3, 4, 5, 6], allowUrgent: true };

  it('spans midnight and ends at 07:00 local', () => {
    expect(quietUntil(quiet, new Date('2026-11-30T20:00:00Z'), jhb)?.toISOString()).toBe('2026-12-01T05:00:00.000Z'); // 22:00
    expect(quietUntil(quiet, new Date('2026-12-01T03:00:00Z'), jhb)?.toISOString()).toBe('2026-12-01T05:00:00.000Z'); // 05:00
    expect(quietUntil(quiet, new Date('2026-12-01T05:00:00Z'), jhb)).toBeNull(); // 07:00
    expect(quietUntil(quiet, new Date('2026-11-30T12:00:00Z'), jhb)).toBeNull();
  });

  it('is off when disabled, and only on the chosen nights', () => {
    expect(quietUntil({ ...quiet, enabled: false }, new Date('2026-11-30T20:00:00Z'), jhb)).toBeNull();
    const fridayNight = { ...quiet, days: [5] };
    expect(quietUntil(fridayNight, new Date('2026-11-28T03:00:00Z'), jhb)).not.toBeNull(); // Sat 05:00 = Friday's night
    expect(quietUntil(fridayNight, new Date('2026-11-29T03:00:00Z'), jhb)).toBeNull(); // Sun 05:00 = Saturday's night
  });
});

describe('schemas', () => {
  it('refuses unknown fields, inverted windows and empty day lists with the field named', () => {
    expect(sendScheduleSchema.safeParse({ email: businessHours }).success).toBe(false);
    expect(channelScheduleSchema.safeParse({ ...businessHours, colour: 'red' }).success).toBe(false);
    const inverted = channelScheduleSchema.safeParse({ ...businessHours, start: '17:00', end: '08:00' });
    expect(inverted.success ? null : inverted.error.issues[0]?.path).toEqual(['end']);
    const noDays = channelScheduleSchema.safeParse({ ...businessHours, days: [] });
    expect(noDays.success ? null : noDays.error.issues[0]?.message).toBe('pick at least one day');
    expect(channelScheduleSchema.safeParse({ ...businessHours, start: '25:00' }).success).toBe(false);
  });

  it('describes windows in words', () => {
    expect(describeSchedule(businessHours)).toBe('Mon-Fri 08:00-17:00');
    expect(describeSchedule(schedule.x)).toBe('Mon-Sat at 09:00, 13:00');
    expect(describeSchedule(undefined)).toBe('any time');
  });
});
