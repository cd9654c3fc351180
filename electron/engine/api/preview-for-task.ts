/**
 * The preview of a task as it would run now (approvals inbox, task detail): the handler's exact
 * request, or the validation error that would fail it.
 */
import type { Task } from '../../../shared/domain';
import type { ExecutionPreview } from '../../../shared/preview';
import { parsePayload } from '../channels/payload';
import type { ChannelRegistry } from '../channels/registry';

export function previewForTask(registry: ChannelRegistry, task: Task): { preview: ExecutionPreview | null; previewError: string | null; channel: string | null } {
  const handler = registry.find(task);
  if (!handler) return { preview: null, previewError: registry.hasAgent(task.assignedAgent) ? 'No channel takes this task' : null, channel: null };
  const parsed = parsePayload(handler.payloadSchema, task);
  if (!parsed.ok) return { preview: null, previewError: parsed.error, channel: handler.id };
  try {
    return { preview: handler.preview(parsed.payload), previewError: null, channel: handler.id };
  } catch (error) {
    return { preview: null, previewError: error instanceof Error ? error.message : String(error), channel: handler.id };
  }
}
