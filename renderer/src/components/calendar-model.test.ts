import { describe, expect, it } from 'vitest';
import type { CalendarItem } from '../../../shared/calendar';
import { groupByDay, instantOn, moveFocus, movedTo, weekDays, weekStart } from './calendar-model';

const item = (at: string, title = 'x'): CalendarItem => ({ taskId: title, title, agent: 'Email Agent', priority: 'medium', channel: 'gmail', kind: 'scheduled', at, holdReason: null, awaitingApproval: false });
const jhb = 'Africa/Johannesburg';

describe('calendar model', () => {
  it('weeks start on Monday', () => {
    expect(weekStart('2026-12-03')).toBe('2026-11-30'); // Thursday
    expect(weekStart('2026-11-29')).toBe('2026-11-23'); // Sunday belongs to the week before
    expect(weekDays('2026-11-30')).toEqual(['2026-11-30', '2026-12-01', '2026-12-02', '2026-12-03', '2026-12-04', '2026-12-05', '2026-12-06']);
  });

  it('groups by the shop’s local day, not UTC', () => {
    const days = weekDays('2026-11-30');
    const late = item('2026-11-30T22:30:00.000Z', 'late'); // Tuesday 00:30 in Johannesburg
    const groups = groupByDay([late, item('2026-12-09T08:00:00.000Z', 'next week')], days, jhb);
    expect(groups.get('2026-12-01')?.map((entry) => entry.title)).toEqual(['late']);
    expect(groups.get('2026-11-30')).toEqual([]);
    expect([...groups.values()].flat()).toHaveLength(1);
  });

  it('a drop on another day keeps the local clock time, across a DST change too', () => {
    expect(movedTo(item('2026-12-01T06:00:00.000Z'), '2026-12-04', jhb)).toBe('2026-12-04T06:00:00.000Z');
    // New York 09:00 EDT on Saturday 2026-10-31 → 09:00 EST on Monday 2026-11-02.
    expect(movedTo(item('2026-10-31T13:00:00.000Z'), '2026-11-02', 'America/New_York')).toBe('2026-11-02T14:00:00.000Z');
    expect(instantOn('2026-12-02', '17:30', jhb)).toBe('2026-12-02T15:30:00.000Z');
  });

  it('arrow keys move between items and skip empty days', () => {
    const counts = [2, 0, 0, 1, 0, 3, 0];
    expect(moveFocus(counts, { day: 0, index: 0 }, 'ArrowDown')).toEqual({ day: 0, index: 1 });
    expect(moveFocus(counts, { day: 0, index: 1 }, 'ArrowDown')).toBeNull();
    expect(moveFocus(counts, { day: 0, index: 1 }, 'ArrowRight')).toEqual({ day: 3, index: 0 });
    expect(moveFocus(counts, { day: 3, index: 0 }, 'ArrowLeft')).toEqual({ day: 0, index: 0 });
    expect(moveFocus(counts, { day: 5, index: 2 }, 'ArrowRight')).toBeNull();
    expect(moveFocus(counts, { day: 3, index: 0 }, 'End')).toEqual({ day: 5, index: 2 });
    expect(moveFocus(counts, { day: 3, index: 0 }, 'Home')).toEqual({ day: 0, index: 0 });
    expect(moveFocus(counts, { day: 3, index: 0 }, 'x')).toBeNull();
  });
});
