/** The "decide later" choices offered for a waiting task, in the person's local time. Pure. */

export interface SnoozeChoice {
  label: string;
  until: Date;
}

/** In 1 hour, in 3 hours, tomorrow 09:00, next Monday 09:00 (local time). */
export function snoozeChoices(now: Date): SnoozeChoice[] {
  const at9 = (days: number) => {
    const date = new Date(now);
    date.setDate(date.getDate() + days);
    date.setHours(9, 0, 0, 0);
    return date;
  };
  const toMonday = ((8 - now.getDay()) % 7) || 7;
  return [
    { label: 'In 1 hour', until: new Date(now.getTime() + 3_600_000) },
    { label: 'In 3 hours', until: new Date(now.getTime() + 3 * 3_600_000) },
    { label: 'Tomorrow 09:00', until: at9(1) },
    { label: 'Next Monday 09:00', until: at9(toMonday) },
  ];
}

/** A datetime-local field's value ("2026-11-30T09:00") as a Date, or null when empty or past. */
export function parseLocalTime(value: string, now: Date): Date | null {
  if (!value) return null;
  const date = new Date(value);
  return Number.isNaN(date.getTime()) || date.getTime() <= now.getTime() ? null : date;
}
