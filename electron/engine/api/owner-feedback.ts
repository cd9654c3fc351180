/**
 * Builds and records Kenny's feedback on an edited or rejected task (shared/owner-feedback.ts):
 * the `metadata.owner_feedback` value to write with the decision, and the squad_messages row to
 * the agent, in the decision's transaction.
 */
import type { Task } from '../../../shared/domain';
import { ownerFeedbackKey, type OwnerFeedback } from '../../../shared/owner-feedback';
import type { Db } from '../db/open-db';
import { uuidv7 } from '../store/ids';
import { insertMessage } from '../store/messages';

type Diff = OwnerFeedback['diff'];

/** Longest value kept per side of a change in the message text (the data keeps everything). */
const shownChars = 120;

/** The diff without the feedback key itself (an edit of a task that carried older feedback). */
export function withoutFeedbackKey(diff: Diff): Diff {
  const rest = { ...diff };
  delete rest[`metadata.${ownerFeedbackKey}`];
  return rest;
}

function describe(value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value ?? null);
  return text.length > shownChars ? `${text.slice(0, shownChars)}…` : text;
}

export function feedbackMessage(task: Pick<Task, 'title'>, feedback: Omit<OwnerFeedback, 'message_id'>): string {
  if (feedback.decision === 'rejected') return `${feedback.by} rejected "${task.title}": ${feedback.reason ?? ''}`;
  const changes = Object.entries(feedback.diff).map(([field, change]) => `${field}: ${describe(change.before)} → ${describe(change.after)}`);
  return `${feedback.by} approved "${task.title}" with edits. ${changes.join('; ')}`;
}

/**
 * The feedback for a decision, its squad_messages row written now (inside the caller's
 * transaction), and the metadata to store with the decision (`metadata` plus owner_feedback).
 */
export function recordFeedback(
  db: Db,
  task: Pick<Task, 'id' | 'title' | 'assignedAgent'>,
  decision: Omit<OwnerFeedback, 'message_id' | 'at'>,
  metadata: Record<string, unknown>,
  now: Date,
): { feedback: OwnerFeedback; metadata: Record<string, unknown> } {
  const feedback: OwnerFeedback = { ...decision, at: now.toISOString(), message_id: uuidv7(now.getTime()) };
  insertMessage(db, { id: feedback.message_id, fromAgent: feedback.by, toAgent: task.assignedAgent, message: feedbackMessage(task, feedback), taskId: task.id, data: { [ownerFeedbackKey]: feedback } }, now);
  return { feedback, metadata: { ...metadata, [ownerFeedbackKey]: feedback } };
}
