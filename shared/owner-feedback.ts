/**
 * Feedback to the agents (issue 15): when Kenny approves a task with edits or rejects it, what he
 * changed and why travels back to the cloud with the task, so the agent that wrote it can learn.
 * It is stored under ONE key of the task's metadata, `metadata.owner_feedback` (pushed by sync
 * with the task's metadata), and as one `squad_messages` row from Kenny to the agent (the cloud's
 * activity feed). With sync off both stay local, beside the decision trail.
 */
import { z } from 'zod';

/** The metadata key; the only one this app adds to a task's metadata for feedback. */
export const ownerFeedbackKey = 'owner_feedback';

/** One changed field: `title`, `description` or `metadata.<key>`, with the agent's value and Kenny's. */
export const feedbackChangeSchema = z.object({ before: z.unknown(), after: z.unknown() });

export const ownerFeedbackSchema = z.object({
  /** 'edited': approved with edits (the diff says what); 'rejected': not done (the reason says why). */
  decision: z.enum(['edited', 'rejected']),
  by: z.string(),
  /** ISO-8601 UTC. */
  at: z.string(),
  /** The rejection reason; null for an edit (the dialog asks for none). */
  reason: z.string().nullable(),
  /** Field by field what Kenny changed before approving (absent keys did not change); {} for a rejection. */
  diff: z.record(z.string(), feedbackChangeSchema),
  /** The id of the squad_messages row carrying the same feedback to the agent. */
  message_id: z.string(),
});
export type OwnerFeedback = z.infer<typeof ownerFeedbackSchema>;
