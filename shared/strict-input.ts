/**
 * Strict input objects: an unknown field is refused, naming it and the closest known field
 * (`requires_approval` -> "did you mean requiresApproval?"), never silently dropped. A dropped
 * `requires_approval` once let a task run without approval (issue 16, finding 1).
 */
import { z } from 'zod';

/** Deepest nesting accepted in any JSON input (metadata, bodies). Default limit: 64 levels. */
export const maxJsonDepth = 64;

const normalize = (name: string): string => name.toLowerCase().replace(/[^a-z0-9]/g, '');

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let previous = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const current = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, previous + (a[i - 1] === b[j - 1] ? 0 : 1));
      previous = current;
    }
  }
  return row[b.length]!;
}

/**
 * The known name closest to `name`: same letters ignoring case and separators (`requires_approval`
 * ~ `requiresApproval`), else at most two edits (or a third of its letters) apart. Undefined when none is close.
 */
export function closestName(name: string, known: readonly string[]): string | undefined {
  const target = normalize(name);
  let best: { name: string; distance: number } | undefined;
  for (const candidate of known) {
    const distance = editDistance(target, normalize(candidate));
    if (!best || distance < best.distance) best = { name: candidate, distance };
  }
  if (!best) return undefined;
  return best.distance <= Math.max(2, Math.floor(target.length / 3)) && best.distance < target.length ? best.name : undefined;
}

/** `unknown field "requires_approval" (did you mean "requiresApproval"?)` for each key. */
export function unknownFieldsMessage(keys: readonly string[], known: readonly string[]): string {
  const parts = keys.slice(0, 10).map((key) => {
    const shown = JSON.stringify(key.length > 60 ? `${key.slice(0, 60)}…` : key);
    const suggestion = closestName(key, known);
    return suggestion ? `${shown} (did you mean "${suggestion}"?)` : shown;
  });
  const more = keys.length > 10 ? ` and ${keys.length - 10} more` : '';
  return `unknown field${keys.length === 1 ? '' : 's'} ${parts.join(', ')}${more}; known fields: ${known.join(', ')}`;
}

/** z.strictObject whose unknown-key error names the keys and suggests the closest known one. */
export function strictInput<Shape extends z.ZodRawShape>(shape: Shape) {
  const known = Object.keys(shape);
  return z.strictObject(shape, {
    error: (issue) => (issue.code === 'unrecognized_keys' ? unknownFieldsMessage(issue.keys, known) : undefined),
  });
}

/** True when `text` contains a UTF-16 surrogate without its pair (it cannot be stored as UTF-8). */
export function hasLoneSurrogate(text: string): boolean {
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(text);
}

/** A string schema refusing lone surrogates (they would be stored as invalid UTF-8). */
export const wellFormed = <T extends z.ZodType<string>>(schema: T) =>
  schema.refine((text) => !hasLoneSurrogate(text), 'contains a lone UTF-16 surrogate (invalid Unicode)');

/** Nesting depth of a parsed JSON value, counted without recursion (deep input cannot overflow). */
export function jsonDepth(value: unknown, stopAbove = maxJsonDepth): number {
  let deepest = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [current, depth] = stack.pop()!;
    if (current === null || typeof current !== 'object') continue;
    const here = depth + 1;
    if (here > deepest) deepest = here;
    if (deepest > stopAbove) return deepest;
    for (const child of Object.values(current as Record<string, unknown>)) stack.push([child, here]);
  }
  return deepest;
}
