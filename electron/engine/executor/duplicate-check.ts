/**
 * The duplicate guard in the executor's path. The policy pass fingerprints every new task it
 * decides and holds a likely duplicate for Kenny ("Possible duplicate of …"), linked to the
 * earlier task; prepareTask fingerprints any task that reaches it without one (decided before the
 * guard existed) and holds it the same way unless a person already approved it. Each task is
 * fingerprinted once: one primary-key read, one bounded window read (store/fingerprints.ts).
 */
import type { Task } from '../../../shared/domain';
import type { Settings } from '../../../shared/settings';
import { parsePayload } from '../channels/payload';
import type { ChannelRegistry } from '../channels/registry';
import type { Db } from '../db/open-db';
import { duplicateReason, findDuplicate, fingerprintOf, type DuplicateFound, type Fingerprint } from '../policy/duplicate-guard';
import { withContent } from '../store/content';
import { recentFingerprints, saveFingerprint } from '../store/fingerprints';
import { updateTask } from '../store/tasks';
import type { ExecutorContext } from './context';

export interface DuplicateCheck {
  fingerprint: Fingerprint;
  duplicate: DuplicateFound | null;
}

/** The task's fingerprint from its preview (null: no channel takes it, or its payload does not parse). */
export function fingerprintTask(db: Db, registry: ChannelRegistry, task: Task): Fingerprint | null {
  const input = withContent(db, task);
  const handler = registry.find(input);
  if (!handler) return null;
  const parsed = parsePayload(handler.payloadSchema, input);
  if (!parsed.ok) return null;
  try {
    return fingerprintOf(handler.preview(parsed.payload));
  } catch {
    return null;
  }
}

/** Compares the task with the recent tasks of its channel (settings.duplicateWindowDays before its creation). Reads only. */
export function checkDuplicate(db: Db, registry: ChannelRegistry, settings: DuplicateSettings, task: Task): DuplicateCheck | null {
  const fingerprint = fingerprintTask(db, registry, task);
  return fingerprint ? compareWithRecent(db, settings, task, fingerprint) : null;
}

type DuplicateSettings = Pick<Settings, 'duplicateWindowDays' | 'duplicateSimilarity'>;

/** The same for a fingerprint already taken (from a preview the caller built). Reads only. */
export function compareWithRecent(db: Db, settings: DuplicateSettings, task: Task, fingerprint: Fingerprint): DuplicateCheck {
  if (fingerprint.kind === 'none') return { fingerprint, duplicate: null };
  const from = new Date(Date.parse(task.createdAt) - settings.duplicateWindowDays * 86_400_000).toISOString();
  const earlier = recentFingerprints(db, fingerprint.channel, fingerprint.subject, from, task.createdAt, task.id);
  return { fingerprint, duplicate: findDuplicate(fingerprint, task.createdAt, earlier, { similarity: settings.duplicateSimilarity }) };
}

/** Stores the check (with its verdict) for the task. */
export function recordCheck(db: Db, task: Task, check: DuplicateCheck): void {
  saveFingerprint(db, task.id, check.fingerprint, task.createdAt, check.duplicate ? { of: check.duplicate.taskId, reason: duplicateReason(check.duplicate) } : null);
}

/**
 * prepareTask's gate for a task without a fingerprint: records it, and holds a likely duplicate
 * for Kenny's decision (awaiting approval, never dropped). A task a person approved already keeps
 * its approval: the link is recorded and shown, and it runs. Returns the held task, or null.
 */
export function holdUnseenDuplicate(context: ExecutorContext, task: Task): Task | null | 'lost' {
  const check = checkDuplicate(context.db, context.registry, context.settings(), task);
  if (!check) return null;
  return context.activity.transaction(() => {
    recordCheck(context.db, task, check);
    if (!check.duplicate || task.approvedAt) return null;
    const reason = duplicateReason(check.duplicate);
    const held = updateTask(
      context.db,
      task.id,
      { requires_approval: true, policy_decision: 'require_approval', policy_reason: reason, policy_rule_id: null, hold_reason: null, not_before: null },
      context.now(),
      `AND status = 'new' AND approved_at IS NULL AND rejected_at IS NULL`,
    );
    if (!held) return 'lost';
    announceDuplicate(context, held, check.duplicate, reason);
    return held;
  });
}

/** The decision trail, the log line and the approval alert of a task held as a likely duplicate. */
export function announceDuplicate(context: ExecutorContext, task: Task, duplicate: DuplicateFound, reason: string, extra: Record<string, unknown> = {}): void {
  const { activity } = context;
  activity.decision(task.id, 'policy', 'policy', reason, { decision: 'require_approval', ruleId: null, duplicateOf: duplicate.taskId, ...extra });
  activity.log({ level: 'warning', eventType: 'possible_duplicate', taskId: task.id, message: `"${task.title}" held: ${reason}`, context: { duplicate_of: duplicate.taskId } });
  activity.alert({
    type: 'approval_needed',
    severity: task.priority === 'urgent' ? 'high' : 'medium',
    title: `Possible duplicate: ${task.title}`,
    message: `${task.assignedAgent} task waits for your decision (${reason}).`,
    metadata: { task_id: task.id, agent: task.assignedAgent, duplicate_of: duplicate.taskId },
  });
  activity.taskChanged(task);
}
