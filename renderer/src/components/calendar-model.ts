/**
 * The calendar's pure parts (unit-tested): the week's local days in the shop's time zone, items
 * grouped by local day, the time an item moves to when dropped on another day (same clock time),
 * and arrow-key movement between days and items.
 */
import type { CalendarItem } from '../../../shared/calendar';
import { addDays, localClock, localDate, minutesOf, weekdayOf, zonedTimeToUtc } from '../../../shared/zoned-time';

/** The Monday of the week holding `day` (weeks start on Monday). */
export function weekStart(day: string): string {
  return addDays(day, -((weekdayOf(day) + 6) % 7));
}

export function weekDays(start: string): string[] {
  return Array.from({ length: 7 }, (_, index) => addDays(start, index));
}

/** Items by local day (YYYY-MM-DD) for the given days; items on other days are left out. */
export function groupByDay(items: readonly CalendarItem[], days: readonly string[], timeZone: string): Map<string, CalendarItem[]> {
  const groups = new Map(days.map((day) => [day, [] as CalendarItem[]]));
  for (const item of items) groups.get(localDate(new Date(item.at), timeZone))?.push(item);
  return groups;
}

/** The instant for `day` at `clock` (HH:MM) in the zone: DST-safe (shared/zoned-time.ts). */
export function instantOn(day: string, clock: string, timeZone: string): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const minutes = minutesOf(clock);
  return zonedTimeToUtc(y, m, d, Math.floor(minutes / 60), minutes % 60, timeZone).toISOString();
}

/** Dropped on another day: the same local clock time there. */
export function movedTo(item: CalendarItem, day: string, timeZone: string): string {
  return instantOn(day, localClock(new Date(item.at), timeZone), timeZone);
}

export interface GridPosition {
  day: number;
  index: number;
}

/**
 * Arrow keys: Up/Down move between the items of a day, Left/Right to the nearest day that has
 * items (keeping the row when it can), Home/End to the first/last item of the week. Null: no move.
 */
export function moveFocus(counts: readonly number[], at: GridPosition, key: string): GridPosition | null {
  if (key === 'ArrowDown') return at.index + 1 < (counts[at.day] ?? 0) ? { day: at.day, index: at.index + 1 } : null;
  if (key === 'ArrowUp') return at.index > 0 ? { day: at.day, index: at.index - 1 } : null;
  if (key === 'ArrowRight' || key === 'ArrowLeft') {
    const step = key === 'ArrowRight' ? 1 : -1;
    for (let day = at.day + step; day >= 0 && day < counts.length; day += step) {
      const count = counts[day] ?? 0;
      if (count > 0) return { day, index: Math.min(at.index, count - 1) };
    }
    return null;
  }
  if (key === 'Home' || key === 'End') {
    const days = counts.map((count, day) => ({ count, day })).filter((entry) => entry.count > 0);
    const target = key === 'Home' ? days[0] : days[days.length - 1];
    return target ? { day: target.day, index: key === 'Home' ? 0 : target.count - 1 } : null;
  }
  return null;
}
