/**
 * The duplicate guard as the dashboard sees it (issue 15): the earlier task a task likely repeats,
 * and the later tasks held as likely repeats of it (the link both ways).
 */
import { z } from 'zod';
import { taskStatusSchema } from './domain';

const linkedTaskSchema = z.object({ id: z.string(), title: z.string(), status: taskStatusSchema });

export const duplicateInfoSchema = z.object({
  /** The earlier task this one likely repeats (null: none found). */
  of: linkedTaskSchema.nullable(),
  /** "Possible duplicate of "Reply to Jo": the same reply to jo@example.com". */
  reason: z.string().nullable(),
  /** Who approved it anyway ("not a duplicate"), and when; null while undecided. */
  clearedBy: z.string().nullable(),
  clearedAt: z.string().nullable(),
  /** Later tasks held as likely repeats of this one. */
  duplicatedBy: z.array(linkedTaskSchema.extend({ reason: z.string().nullable(), clearedBy: z.string().nullable() })),
});
export type DuplicateInfo = z.infer<typeof duplicateInfoSchema>;
