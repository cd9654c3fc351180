/**
 * What Kenny changed in a task before approving it, against the agent's proposal: field by field
 * (metadata keys as `metadata.<key>`), kept in the task's decision trail ('edited' decisions,
 * details.proposalDiff) and shown on the task page and the approval card ("Edited by Kenny:
 * subject changed, body changed").
 */
import { z } from 'zod';

/** The parts of a task an edit may change. */
export interface EditableTask {
  title: string;
  description: string | null;
  metadata: Record<string, unknown>;
}

export const editChangeSchema = z.object({ field: z.string(), before: z.unknown(), after: z.unknown() });
export type EditChange = z.infer<typeof editChangeSchema>;

/** The latest edit of a waiting task: who, when, and every change against the agent's proposal. */
export const taskEditSummarySchema = z.object({ by: z.string(), at: z.string(), changes: z.array(editChangeSchema) });
export type TaskEditSummary = z.infer<typeof taskEditSummarySchema>;

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Every field that differs between two versions of a task, in a stable order (title, description, metadata keys). */
export function editChanges(before: EditableTask, after: EditableTask): EditChange[] {
  const changes: EditChange[] = [];
  if (!same(before.title, after.title)) changes.push({ field: 'title', before: before.title, after: after.title });
  if (!same(before.description, after.description)) changes.push({ field: 'description', before: before.description ?? null, after: after.description ?? null });
  for (const key of new Set([...Object.keys(before.metadata), ...Object.keys(after.metadata)])) {
    if (!same(before.metadata[key], after.metadata[key])) changes.push({ field: `metadata.${key}`, before: before.metadata[key] ?? null, after: after.metadata[key] ?? null });
  }
  return changes;
}

/** The same changes keyed by field, as the trail has stored them since issue 11 (details.diff). */
export function editDiffRecord(changes: EditChange[]): Record<string, { before: unknown; after: unknown }> {
  return Object.fromEntries(changes.map((change) => [change.field, { before: change.before, after: change.after }]));
}

/** Reads a stored diff record back as a list of changes (unknown shapes give none). */
export function changesFromRecord(record: unknown): EditChange[] {
  if (!record || typeof record !== 'object' || Array.isArray(record)) return [];
  return Object.entries(record as Record<string, unknown>).map(([field, value]) => {
    const pair = (value && typeof value === 'object' ? value : {}) as { before?: unknown; after?: unknown };
    return { field, before: pair.before ?? null, after: pair.after ?? null };
  });
}

const labels: Record<string, string> = {
  body_text: 'body',
  body_html: 'HTML body',
  content: 'text',
  media_urls: 'media',
  media_alt_text: 'alt text',
  preview_text: 'preview text',
  html_content: 'HTML',
  new_bid: 'bid',
  new_amount: 'budget',
  bid_change_percent: 'bid change',
  budget_change_percent: 'budget change',
  changes: 'new values',
  new_value: 'new value',
};

/** A field as Kenny knows it: "metadata.body_text" → "body", "metadata.subject" → "subject". */
export function fieldLabel(field: string): string {
  const key = field.replace(/^metadata\./, '');
  return labels[key] ?? key.replace(/_/g, ' ');
}

/** One line: "subject changed, body changed" (at most `max` fields named, then "and N more"). Default max: 4. */
export function describeEdit(changes: EditChange[], max = 4): string {
  if (changes.length === 0) return 'nothing changed';
  const named = changes.slice(0, max).map((change) => {
    if (change.before === null || change.before === undefined || change.before === '') return `${fieldLabel(change.field)} added`;
    if (change.after === null || change.after === undefined || change.after === '') return `${fieldLabel(change.field)} removed`;
    return `${fieldLabel(change.field)} changed`;
  });
  const rest = changes.length - named.length;
  return `${named.join(', ')}${rest > 0 ? ` and ${rest} more` : ''}`;
}
