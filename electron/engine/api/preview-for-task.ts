/**
 * The preview of a task as it would run now (approvals inbox, task detail): the handler's exact
 * request, or the validation error that would fail it. Handlers whose content lives at the
 * provider (Gmail drafts) load it; loaded previews are cached per task version.
 */
import { createHash } from 'node:crypto';
import type { Task } from '../../../shared/domain';
import type { ExecutionPreview } from '../../../shared/preview';
import { parsePayload } from '../channels/payload';
import type { ChannelRegistry } from '../channels/registry';
import type { ChannelHandler, ReferencedContent } from '../channels/types';
import type { Db } from '../db/open-db';
import { withContent } from '../store/content';

/** A task with the content rows it references (store/content.ts withContent). */
type TaskWithContent = Task & { content?: ReferencedContent };

export interface TaskPreview {
  preview: ExecutionPreview | null;
  previewError: string | null;
  channel: string | null;
}

/** The preview of a task whose content references are already resolved (or that has none). */
export function previewForTask(registry: ChannelRegistry, task: TaskWithContent): TaskPreview {
  const handler = registry.find(task);
  if (!handler) return { preview: null, previewError: registry.hasAgent(task.assignedAgent) ? 'No channel takes this task' : null, channel: null };
  const parsed = parsePayload(handler.payloadSchema, task);
  if (!parsed.ok) return previewAsItStands(handler, task) ?? { preview: null, previewError: parsed.error, channel: handler.id };
  try {
    return { preview: handler.preview(parsed.payload), previewError: null, channel: handler.id };
  } catch (error) {
    return { preview: null, previewError: error instanceof Error ? error.message : String(error), channel: handler.id };
  }
}

/**
 * A task that breaks its channel's rules but parses with the handler's previewSchema, previewed as
 * it stands: the text Kenny must fix stays on screen, the rule problems beside it (they block
 * approval like any problem). Null when it does not parse, or when the preview names no problem.
 */
function previewAsItStands(handler: ChannelHandler, task: TaskWithContent): TaskPreview | null {
  if (!handler.previewSchema) return null;
  const loose = parsePayload(handler.previewSchema, task);
  if (!loose.ok) return null;
  try {
    const preview = handler.preview(loose.payload);
    return preview.problems?.length ? { preview, previewError: null, channel: handler.id } : null;
  } catch {
    return null;
  }
}

/** Whether the provider's copy may be loaded: only for a task whose payload parses (not one previewed as it stands). */
export function canLoadPreview(handler: ChannelHandler, task: TaskWithContent): boolean {
  return !!handler.loadPreview && parsePayload(handler.payloadSchema, task).ok;
}

const cacheLimit = 500;
/** How long a loaded preview is reused: live parts (a sent newsletter's statistics) refresh after this. Default: 60 s. */
export const loadedPreviewTtlMs = 60_000;
const loaded = new WeakMap<ChannelRegistry, Map<string, { at: number; load: Promise<TaskPreview> }>>();

/**
 * Like previewForTask, but asks the provider for content it holds (e.g. the Gmail draft's text).
 * Content references are read from `db` first; the cache follows the task's version and its rows'.
 */
export function loadPreviewForTask(db: Db, registry: ChannelRegistry, plain: Task): Promise<TaskPreview> {
  const task = withContent(db, plain);
  const local = previewForTask(registry, task);
  const handler = registry.find(task);
  if (!handler || !local.preview || !canLoadPreview(handler, task)) return Promise.resolve(local);
  let cache = loaded.get(registry);
  if (!cache) loaded.set(registry, (cache = new Map()));
  const key = `${task.id}@${task.updatedAt}${task.content ? `#${createHash('sha1').update(JSON.stringify(task.content)).digest('base64url')}` : ''}`;
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < loadedPreviewTtlMs) return hit.load;
  cache.delete(key);
  const load = handler
    .loadPreview!(task)
    .then((preview): TaskPreview => ({ preview, previewError: null, channel: handler.id }))
    .catch((error: unknown): TaskPreview => {
      cache.delete(key); // try again next time
      return { ...local, previewError: `Showing what the task says; the provider's copy could not be loaded: ${error instanceof Error ? error.message : String(error)}` };
    });
  if (cache.size >= cacheLimit) cache.delete(cache.keys().next().value!);
  cache.set(key, { at: Date.now(), load });
  return load;
}
