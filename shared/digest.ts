/**
 * The daily digest: one local day in the shop's time zone, in one object the Today card, the
 * Digest page and the e-mail all render. Built from the database by the engine (store/digest.ts).
 */
import { z } from 'zod';
import { limitKeySchema, taskPrioritySchema } from './domain';
import { strictInput } from './strict-input';

/** Kenny's digest settings. Default: on, at 18:00 shop time, e-mailed when Gmail is connected. */
export const digestSettingsSchema = strictInput({
  enabled: z.boolean(),
  /** Local time the digest is sent (HH:MM). Default: 18:00. */
  time: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time HH:MM'),
  /** E-mail it to ALERT_EMAIL (else the connected Gmail address) through Gmail. Default: true. */
  email: z.boolean(),
});
export type DigestSettings = z.infer<typeof digestSettingsSchema>;
export const defaultDigestSettings: DigestSettings = { enabled: true, time: '18:00', email: true };

export const localDaySchema = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');

const digestTaskSchema = z.object({
  taskId: z.string(),
  title: z.string(),
  agent: z.string(),
  at: z.string(),
  /** The provider's link (the sent message, the post), when there is one. */
  link: z.string().nullable(),
  /** Why: the error, the hold, the flag. */
  note: z.string().nullable(),
});
export type DigestTask = z.infer<typeof digestTaskSchema>;

export const digestSchema = z.object({
  day: localDaySchema,
  timeZone: z.string(),
  /** The day as UTC instants [from, to). */
  from: z.string(),
  to: z.string(),
  generatedAt: z.string(),
  /** Live executions that succeeded, by channel. */
  ran: z.array(z.object({ channel: z.string(), count: z.number().int(), items: z.array(digestTaskSchema) })),
  /** Dry runs recorded that day (nothing went out). */
  dryRuns: z.number().int(),
  /** Tasks that failed that day and are still failed, by kind (agent + channel): retry or drop them together. */
  failed: z.array(z.object({ kind: z.string(), agent: z.string(), channel: z.string().nullable(), count: z.number().int(), items: z.array(digestTaskSchema) })),
  /** What waits for Kenny now: approvals and tasks for Jarvis (escalations). */
  waiting: z.object({ total: z.number().int(), items: z.array(digestTaskSchema.extend({ priority: taskPrioritySchema })) }),
  /** Tasks held for a time now (business hours, scheduled sends). */
  held: z.number().int(),
  /** Daily limits over the rolling 24 h ending at the digest's time. */
  limits: z.array(z.object({ key: limitKeySchema, used: z.number().int(), limit: z.number().int() })),
  flagged: z.object({
    /** Outcome unknown: check by hand. */
    outcomeUnknown: z.array(digestTaskSchema),
    /** Ran live without any approval rule deciding (the unmatched-task setting let them run). */
    withoutRule: z.array(digestTaskSchema),
  }),
  /** Whether the e-mail for this day went out (null: not yet, or e-mail off). */
  delivery: z.object({ status: z.string(), at: z.string(), to: z.string().nullable(), error: z.string().nullable() }).nullable(),
});
export type Digest = z.infer<typeof digestSchema>;

/** One line per section, for the Today card and the e-mail's subject. */
export function digestHeadline(digest: Digest): string {
  const ran = digest.ran.reduce((sum, group) => sum + group.count, 0);
  const failed = digest.failed.reduce((sum, group) => sum + group.count, 0);
  const flagged = digest.flagged.outcomeUnknown.length + digest.flagged.withoutRule.length;
  return `${ran} ran · ${failed} failed · ${digest.waiting.total} waiting for you${flagged ? ` · ${flagged} flagged` : ''}`;
}

/** The digest as plain text (the e-mail body). `appUrl` makes links to the tasks when known. */
export function digestText(digest: Digest, appUrl: string | null): string {
  const link = (id: string) => (appUrl ? ` ${appUrl}#/task/${encodeURIComponent(id)}` : '');
  const lines: string[] = [`Mission Control: ${digest.day} (${digest.timeZone})`, digestHeadline(digest), ''];
  lines.push('WHAT RAN');
  if (!digest.ran.length) lines.push('  Nothing went out.');
  for (const group of digest.ran) {
    lines.push(`  ${group.channel}: ${group.count}`);
    for (const item of group.items) lines.push(`    - ${item.title}${item.link ? ` ${item.link}` : link(item.taskId)}`);
  }
  if (digest.dryRuns) lines.push(`  Dry runs (nothing sent): ${digest.dryRuns}`);
  lines.push('', 'WHAT FAILED');
  if (!digest.failed.length) lines.push('  Nothing failed.');
  for (const group of digest.failed) {
    lines.push(`  ${group.kind}: ${group.count}`);
    for (const item of group.items) lines.push(`    - ${item.title}: ${item.note ?? 'no reason recorded'}${link(item.taskId)}`);
  }
  lines.push('', `WAITING FOR YOU: ${digest.waiting.total}`);
  for (const item of digest.waiting.items) lines.push(`  - [${item.priority}] ${item.title} (${item.agent})${link(item.taskId)}`);
  if (digest.held) lines.push(`  Held for a time (business hours, scheduled): ${digest.held}`);
  lines.push('', 'DAILY LIMITS (rolling 24 h)');
  for (const limit of digest.limits) lines.push(`  ${limit.key}: ${limit.used}/${limit.limit}`);
  const flagged = [...digest.flagged.outcomeUnknown.map((item) => ({ ...item, why: 'outcome unknown' })), ...digest.flagged.withoutRule.map((item) => ({ ...item, why: 'ran without a rule' }))];
  lines.push('', 'FLAGGED');
  if (!flagged.length) lines.push('  Nothing flagged.');
  for (const item of flagged) lines.push(`  - ${item.why}: ${item.title}${link(item.taskId)}`);
  return lines.join('\n');
}
