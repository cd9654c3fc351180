/**
 * Where each validation error of an edit belongs: the payload error ("Invalid task payload:
 * metadata.subject: required; metadata.to: \"x\" is not an e-mail address") and the preview's
 * blocking problems, keyed by metadata path, so each editor shows them at the field and lists the
 * rest above the form.
 */
import type { EditPreview } from '../../../../shared/contract';

export interface FieldProblem {
  /** The metadata path ("metadata.changes.0.after"), or null when the error names no field. */
  field: string | null;
  message: string;
}

/** Splits a payload error into its per-field messages. */
export function splitPayloadError(error: string): FieldProblem[] {
  const body = error.replace(/^Invalid task payload:\s*/, '');
  return body
    .split(/;\s+(?=(?:metadata|title|description)\b)/)
    .map((part) => {
      const match = /^((?:metadata|title|description)(?:\.[\w-]+)*):\s*([\s\S]*)$/.exec(part.trim());
      return match ? { field: match[1]!, message: match[2]! } : { field: null, message: part.trim() };
    })
    .filter((problem) => problem.message);
}

/** Every problem of a live preview answer (error and blocking problems). */
export function problemsOf(result: Pick<EditPreview, 'preview' | 'previewError' | 'channel'> | null | undefined): FieldProblem[] {
  if (!result) return [];
  const found: FieldProblem[] = [];
  if (result.previewError && result.channel) found.push(...splitPayloadError(result.previewError));
  for (const problem of result.preview?.problems ?? []) found.push({ field: problem.field, message: problem.message });
  return found;
}

/** The messages for a field and everything under it (metadata.changes.0 gets metadata.changes.0.after). */
export function messagesAt(problems: FieldProblem[], field: string): string[] {
  return problems.filter((problem) => problem.field !== null && (problem.field === field || problem.field.startsWith(`${field}.`))).map((problem) => problem.message);
}

/** Problems no field of the form shows (listed above the form). */
export function unplaced(problems: FieldProblem[], shown: string[]): FieldProblem[] {
  return problems.filter((problem) => problem.field === null || !shown.some((field) => problem.field === field || problem.field!.startsWith(`${field}.`)));
}

/** Whether `field` is where "Fix…" pointed (the field itself or one under it). */
export function isFocusTarget(focusField: string | null, field: string): boolean {
  return !!focusField && (focusField === field || focusField.startsWith(`${field}.`));
}
