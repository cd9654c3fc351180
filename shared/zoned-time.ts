/**
 * Wall-clock time in a named time zone with the platform's Intl APIs only (no dependency).
 * Used by send windows, quiet hours and the daily digest, all in the shop's time zone.
 */

/** The shop's time zone unless Kenny picks another. Default: Africa/Johannesburg (no DST). */
export const defaultTimeZone = 'Africa/Johannesburg';

/** A local date and time in some zone; month 1-12, weekday 0 = Sunday. */
export interface ZonedParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const weekdayIndex: Record<string, number> = { Sun: 0, Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6 };
export const weekdayNames = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;
export const weekdayShort = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'] as const;

function formatter(timeZone: string): Intl.DateTimeFormat {
  let found = formatters.get(timeZone);
  if (!found) {
    found = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(timeZone, found);
  }
  return found;
}

/** Whether the platform knows this IANA zone name. */
export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

function partsWithSeconds(instant: Date, timeZone: string): ZonedParts & { second: number } {
  const out: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) out[part.type] = part.value;
  return {
    year: Number(out.year),
    month: Number(out.month),
    day: Number(out.day),
    hour: Number(out.hour) % 24,
    minute: Number(out.minute),
    second: Number(out.second),
    weekday: weekdayIndex[out.weekday ?? 'Sun'] ?? 0,
  };
}

/** The local wall-clock reading of an instant in `timeZone`. */
export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const { second: _second, ...parts } = partsWithSeconds(instant, timeZone);
  return parts;
}

/** Offset of the zone from UTC at an instant, in ms (east positive). Seconds are dropped. */
function offsetAt(utcMs: number, timeZone: string): number {
  const p = partsWithSeconds(new Date(utcMs), timeZone);
  const asUtc = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/**
 * The instant a local wall-clock time happens in `timeZone`. DST: a time skipped by a spring-forward
 * gap resolves to the same duration after the gap (02:30 → 03:30, as Temporal's "compatible"); a
 * time that happens twice in a fall-back resolves to the first. Day overflow is allowed (day 32 → next month).
 */
export function zonedTimeToUtc(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): Date {
  const wall = Date.UTC(year, month - 1, day, hour, minute);
  const first = wall - offsetAt(wall, timeZone);
  const second = wall - offsetAt(first, timeZone);
  if (first === second) return new Date(first);
  const matches = (candidate: number) => offsetAt(candidate, timeZone) + candidate === wall;
  if (matches(first) && matches(second)) return new Date(Math.min(first, second));
  if (matches(first)) return new Date(first);
  if (matches(second)) return new Date(second);
  return new Date(Math.max(first, second));
}

/** "HH:MM" → minutes after midnight ("24:00" = 1440, the end of the day). */
export function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/** The local calendar date (YYYY-MM-DD) of an instant in `timeZone`. */
export function localDate(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${p.year}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`;
}

/** [start, end) of a local calendar day (YYYY-MM-DD) as UTC instants; 23 or 25 h long across DST. */
export function localDayRange(date: string, timeZone: string): { start: Date; end: Date } {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return { start: zonedTimeToUtc(y, m, d, 0, 0, timeZone), end: zonedTimeToUtc(y, m, d + 1, 0, 0, timeZone) };
}

/** "08:00" of an instant in the zone. */
export function localClock(instant: Date, timeZone: string): string {
  const p = zonedParts(instant, timeZone);
  return `${String(p.hour).padStart(2, '0')}:${String(p.minute).padStart(2, '0')}`;
}

/** A calendar date (YYYY-MM-DD) moved by `days` (negative: earlier). Pure date arithmetic, no zone. */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Weekday (0 = Sunday) of a calendar date. */
export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay();
}
