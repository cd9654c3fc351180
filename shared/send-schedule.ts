/**
 * When each channel may send (business hours, posting times, nothing on Sundays) and when Kenny
 * wants quiet, in the shop's time zone. Pure: the executor holds a task until `nextAllowedTime`,
 * the notification watcher asks `isQuietTime`. A held task spends no attempt and is not a failure.
 */
import { z } from 'zod';
import { strictInput } from './strict-input';
import { localClock, minutesOf, weekdayNames, weekdayShort, zonedParts, zonedTimeToUtc } from './zoned-time';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time HH:MM (00:00-23:59)');
const hhmmOrEnd = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'expected a time HH:MM (00:00-24:00)');
const weekdays = z.array(z.number().int().min(0).max(6)).max(7);

/** Channels with their own send window: the handler ids. */
export const scheduledChannels = ['gmail', 'x', 'meta', 'brevo', 'opencart', 'google-ads'] as const;
export type ScheduledChannel = (typeof scheduledChannels)[number];
export const scheduledChannelNames: Record<ScheduledChannel, string> = { gmail: 'Gmail', x: 'X', meta: 'Facebook / Instagram', brevo: 'Brevo', opencart: 'OpenCart', 'google-ads': 'Google Ads' };

/**
 * One channel's window. `always`: any time (the default, so nothing changes until Kenny sets it).
 * `window`: on `days` between `start` and `end` (end after start; "24:00" = midnight).
 * `times`: on `days`, at each of `times`, and for `graceMinutes` after (a post ready at 09:10 with
 * times 09:00 and a 15-minute grace goes at once; at 09:20 it waits for the next time).
 */
export const channelScheduleSchema = strictInput({
  mode: z.enum(['always', 'window', 'times']),
  /** 0 = Sunday … 6 = Saturday. Default: Monday to Friday. */
  days: weekdays,
  /** Default: 08:00. */
  start: hhmm,
  /** Default: 17:00. */
  end: hhmmOrEnd,
  /** Default: none. */
  times: z.array(hhmm).max(24),
  /** Default: 15 minutes. */
  graceMinutes: z.number().int().min(1).max(720),
}).superRefine((value, context) => {
  if (value.mode !== 'always' && value.days.length === 0) context.addIssue({ code: 'custom', path: ['days'], message: 'pick at least one day' });
  if (value.mode === 'window' && minutesOf(value.end) <= minutesOf(value.start)) context.addIssue({ code: 'custom', path: ['end'], message: 'the end must be after the start' });
  if (value.mode === 'times' && value.times.length === 0) context.addIssue({ code: 'custom', path: ['times'], message: 'add at least one time' });
});
export type ChannelSchedule = z.infer<typeof channelScheduleSchema>;

export const alwaysOpen: ChannelSchedule = { mode: 'always', days: [1, 2, 3, 4, 5], start: '08:00', end: '17:00', times: [], graceMinutes: 15 };

/** Every channel's window. A channel left out can send any time. */
export const sendScheduleSchema = strictInput(Object.fromEntries(scheduledChannels.map((id) => [id, channelScheduleSchema.optional()])) as Record<ScheduledChannel, z.ZodOptional<typeof channelScheduleSchema>>);
export type SendSchedule = z.infer<typeof sendScheduleSchema>;
/** Default: every channel may send any time. */
export const defaultSendSchedule: SendSchedule = {};

/**
 * Kenny's own quiet hours: native notifications wait until they end (urgent ones too unless
 * `allowUrgent`). `start` after `end` spans midnight (21:00-07:00). Default: off, 21:00-07:00, every day.
 */
export const quietHoursSchema = strictInput({
  enabled: z.boolean(),
  start: hhmm,
  end: hhmm,
  days: weekdays,
  /** Urgent alerts (escalations, unknown outcomes) still interrupt. Default: true. */
  allowUrgent: z.boolean(),
});
export type QuietHours = z.infer<typeof quietHoursSchema>;
export const defaultQuietHours: QuietHours = { enabled: false, start: '21:00', end: '07:00', days: [0, 1, 2, 3, 4, 5, 6], allowUrgent: true };

const searchDays = 15;

/**
 * The first instant at or after `now` when `channel` may send; null when it may send now (or
 * has no window). DST-safe: each candidate is a local wall-clock time resolved in `timeZone`.
 */
export function nextAllowedTime(channel: string, now: Date, schedule: SendSchedule, timeZone: string): Date | null {
  const rule = schedule[channel as ScheduledChannel];
  if (!rule || rule.mode === 'always') return null;
  const today = zonedParts(now, timeZone);
  const t = now.getTime();
  for (let offset = -1; offset < searchDays; offset++) {
    const dayStart = zonedTimeToUtc(today.year, today.month, today.day + offset, 12, 0, timeZone);
    const local = zonedParts(dayStart, timeZone);
    if (!rule.days.includes(local.weekday)) continue;
    const at = (clock: string) => {
      const minutes = minutesOf(clock);
      return zonedTimeToUtc(local.year, local.month, local.day, Math.floor(minutes / 60), minutes % 60, timeZone).getTime();
    };
    if (rule.mode === 'window') {
      const start = at(rule.start);
      const end = at(rule.end);
      if (t >= start && t < end) return null;
      if (t < start) return new Date(start);
    } else {
      for (const time of [...rule.times].sort()) {
        const slot = at(time);
        if (t >= slot && t < slot + rule.graceMinutes * 60_000) return null;
        if (t < slot) return new Date(slot);
      }
    }
  }
  return null;
}

/** "Goes out at 08:00 Monday" (today / tomorrow when close; a date when over six days away). */
export function goesOutAt(at: Date, now: Date, timeZone: string): string {
  const when = zonedParts(at, timeZone);
  const today = zonedParts(now, timeZone);
  const dayDiff = Math.round((Date.UTC(when.year, when.month - 1, when.day) - Date.UTC(today.year, today.month - 1, today.day)) / 86_400_000);
  const day = dayDiff === 0 ? 'today' : dayDiff === 1 ? 'tomorrow' : dayDiff < 7 ? weekdayNames[when.weekday] : `${weekdayNames[when.weekday]} ${when.day}/${when.month}`;
  return `Goes out at ${localClock(at, timeZone)} ${day}`;
}

/** "Mon-Fri 08:00-17:00", "Sat, Sun at 09:00, 13:00", "any time". */
export function describeSchedule(rule: ChannelSchedule | undefined): string {
  if (!rule || rule.mode === 'always') return 'any time';
  const days = describeDays(rule.days);
  return rule.mode === 'window' ? `${days} ${rule.start}-${rule.end}` : `${days} at ${[...rule.times].sort().join(', ')}`;
}

function describeDays(days: readonly number[]): string {
  const sorted = [...new Set(days)].sort();
  if (sorted.length === 7) return 'every day';
  const key = sorted.join('');
  if (key === '12345') return 'Mon-Fri';
  if (key === '123456') return 'Mon-Sat';
  return sorted.map((day) => weekdayShort[day]).join(', ');
}

/** Whether `now` falls in Kenny's quiet hours, and when they end (for holding notifications). */
export function quietUntil(quiet: QuietHours, now: Date, timeZone: string): Date | null {
  if (!quiet.enabled) return null;
  const p = zonedParts(now, timeZone);
  const minute = p.hour * 60 + p.minute;
  const start = minutesOf(quiet.start);
  const end = minutesOf(quiet.end);
  const endOn = (dayOffset: number) => zonedTimeToUtc(p.year, p.month, p.day + dayOffset, Math.floor(end / 60), end % 60, timeZone);
  if (start === end) return null;
  if (start < end) return quiet.days.includes(p.weekday) && minute >= start && minute < end ? endOn(0) : null;
  // Spans midnight: the evening part belongs to today, the morning part to yesterday's night.
  if (minute >= start && quiet.days.includes(p.weekday)) return endOn(1);
  if (minute < end && quiet.days.includes((p.weekday + 6) % 7)) return endOn(0);
  return null;
}
