import { describe, expect, it } from 'vitest';
import { parseLocalTime, snoozeChoices } from './snooze-choices';

describe('snoozeChoices', () => {
  it('offers an hour, three hours, tomorrow at nine and next Monday at nine', () => {
    const now = new Date(2026, 10, 29, 23, 30); // a Sunday, local time
    const [hour, three, tomorrow, monday] = snoozeChoices(now);
    expect(hour!.until.getTime() - now.getTime()).toBe(3_600_000);
    expect(three!.until.getTime() - now.getTime()).toBe(3 * 3_600_000);
    expect([tomorrow!.until.getDate(), tomorrow!.until.getHours()]).toEqual([30, 9]);
    expect([monday!.until.getDay(), monday!.until.getDate(), monday!.until.getHours()]).toEqual([1, 30, 9]);
    const onMonday = snoozeChoices(new Date(2026, 10, 30, 10, 0))[3]!.until;
    expect(onMonday.getDate()).toBe(7);
  });

  it('refuses an empty or past time', () => {
    const now = new Date(2026, 10, 29, 12, 0);
    expect(parseLocalTime('', now)).toBeNull();
    expect(parseLocalTime('2026-11-29T11:00', now)).toBeNull();
    expect(parseLocalTime('2026-11-29T13:00', now)?.getHours()).toBe(13);
  });
});
