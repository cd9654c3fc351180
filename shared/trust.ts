/**
 * Trust that grows (issue 15): when Kenny has approved enough tasks of one kind without changing
 * them, the app suggests an auto-execute rule for that kind, with the evidence. Accepting creates
 * an ordinary approval rule (editable in Settings → Rules); dismissing is remembered.
 */
import { z } from 'zod';
import { ruleConditionSchema } from './approval-rules';

/** One approval that counts towards a suggestion (the task page is linked from it). */
export const trustEvidenceSchema = z.object({
  taskId: z.string(),
  title: z.string(),
  approvedAt: z.string(),
  approvedBy: z.string().nullable(),
});
export type TrustEvidence = z.infer<typeof trustEvidenceSchema>;

export const trustSuggestionSchema = z.object({
  /** Stable per kind: `trust-<hash of the kind>`. */
  id: z.string(),
  /** The kind as text (agent|field=value|...): what a dismissal remembers. */
  kindKey: z.string(),
  agent: z.string(),
  /** The kind: the values of the fields the rules can see (null: the field is absent). */
  fields: z.record(z.string(), z.string().nullable()),
  /** "Email Agent · email_category inquiry". */
  label: z.string(),
  /** "You approved 20 … without changes. Let them run by themselves?" */
  message: z.string(),
  /** Approvals without changes since the last rejection or edit of this kind. */
  count: z.number().int(),
  firstApprovedAt: z.string(),
  lastApprovedAt: z.string(),
  /** The latest approvals (most recent first, at most 10). */
  evidence: z.array(trustEvidenceSchema),
  /** The rule accepting creates. */
  rule: z.object({
    name: z.string(),
    agent: z.string(),
    conditions: z.array(ruleConditionSchema),
    description: z.string(),
  }),
});
export type TrustSuggestion = z.infer<typeof trustSuggestionSchema>;
