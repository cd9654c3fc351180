/**
 * Helpers for handler payload schemas: parse a task's metadata into a typed payload and turn zod's
 * issues into one message that names each bad field ("metadata.platform: expected one of ...").
 */
import { z } from 'zod';
import type { TaskInput } from './types';

export function formatIssues(error: z.ZodError): string {
  return formatIssueList(error.issues);
}

/** An issue as zod or any Standard Schema reports it. */
interface ReportedIssue {
  readonly message: string;
  readonly path?: readonly (PropertyKey | { readonly key: PropertyKey })[] | undefined;
}

/** Issues in one message: `metadata.platform: expected one of …; …`. */
function formatIssueList(issues: readonly ReportedIssue[]): string {
  return issues
    .map((issue) => {
      const path = (issue.path ?? []).map((segment) => String(typeof segment === 'object' ? segment.key : segment)).join('.');
      return path ? `${path}: ${issue.message}` : issue.message;
    })
    .join('; ');
}

/** A task's content as handlers see it (TaskInput), before any channel-specific parsing. */
export const taskInputSchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string().nullable(),
  assignedAgent: z.string(),
  priority: z.string(),
  metadata: z.record(z.string(), z.unknown()),
  /** Referenced content rows (TaskInput.content), kept so payloads can read them. */
  content: z.record(z.string(), z.record(z.string(), z.unknown()).nullable()).optional(),
});

/** A payload schema over the task's metadata (unknown keys pass through), mapped to P. */
export function metadataPayload<S extends z.ZodRawShape, P>(
  shape: S,
  toPayload: (metadata: z.infer<z.ZodObject<S>>, task: TaskInput) => P,
): z.ZodType<P, TaskInput> {
  return taskInputSchema
    .extend({ metadata: z.looseObject(shape) })
    .transform((task) => toPayload(task.metadata as z.infer<z.ZodObject<S>>, task as unknown as TaskInput)) as unknown as z.ZodType<P, TaskInput>;
}

/** Parses a task into the handler's payload, or returns the message naming the bad fields. */
export function parsePayload<P>(schema: z.ZodType<P, TaskInput>, task: TaskInput): { ok: true; payload: P } | { ok: false; error: string } {
  // Standard Schema's validate gives the same issues without building a ZodError (an Error with a
  // stack and properties defined per instance): a refused payload cost 2.7x an accepted one.
  const result = schema['~standard'].validate(task);
  if (!(result instanceof Promise)) {
    return result.issues ? { ok: false, error: `Invalid task payload: ${formatIssueList(result.issues)}` } : { ok: true, payload: result.value };
  }
  // Only a schema that throws or awaits gets here: safeParse behaves as it always did.
  result.catch(() => undefined);
  const parsed = schema.safeParse(task);
  return parsed.success ? { ok: true, payload: parsed.data } : { ok: false, error: `Invalid task payload: ${formatIssues(parsed.error)}` };
}

/** Text fields agents fill in loosely: trimmed, non-empty. */
export const nonEmpty = z.string().trim().min(1);
/** Ids that agents write as numbers or strings. */
export const looseId = z.union([z.string().trim().min(1), z.number().int()]).transform(String);
