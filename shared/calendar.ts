/**
 * The calendar (issue 15): everything scheduled or held for a time, from tasks that wait — a
 * `scheduled_for` in their metadata (e-mails, posts, newsletters), a send window (business hours),
 * a retry backoff or another hold with a time. Rescheduling is a recorded decision (tasks:reschedule).
 */
import { z } from 'zod';
import { taskPrioritySchema } from './domain';

/** Why an item is on the calendar. */
export const calendarKinds = ['scheduled', 'window', 'retry', 'held'] as const;
export const calendarKindLabels: Record<(typeof calendarKinds)[number], string> = {
  scheduled: 'Scheduled',
  window: 'Waiting for its hours',
  retry: 'Retry',
  held: 'Held',
};

export const calendarItemSchema = z.object({
  taskId: z.string(),
  title: z.string(),
  agent: z.string(),
  priority: taskPrioritySchema,
  /** The handler's channel id (gmail, x, ...); null when no channel takes the task. */
  channel: z.string().nullable(),
  kind: z.enum(calendarKinds),
  /** When it goes (or is next tried). */
  at: z.string(),
  /** The task's hold reason, if any ("Goes out at 08:00 Monday (Gmail: Mon-Fri 08:00-17:00)"). */
  holdReason: z.string().nullable(),
  /** Still waits for Kenny's approval. */
  awaitingApproval: z.boolean(),
});
export type CalendarItem = z.infer<typeof calendarItemSchema>;

export const calendarOutputSchema = z.object({ timeZone: z.string(), items: z.array(calendarItemSchema) });
export type CalendarOutput = z.infer<typeof calendarOutputSchema>;
