/**
 * What stops a waiting task from running as it stands (seen 5): the preview could not be built or
 * loaded (invalid payload, a Gmail draft that cannot be loaded) or the channel listed blocking
 * `problems`. Approve stays disabled while there is any; the engine refuses it too.
 */
import type { ApprovalItem } from '../../../../shared/contract';

export interface Blocker {
  /** The metadata path to fix ("metadata.content"), when known. */
  field: string | null;
  message: string;
}

/** The field a payload error names ("metadata.content: 300 characters…" -> metadata.content). */
export function fieldOf(message: string): string | null {
  return /\b(metadata(?:\.[\w-]+)+)/.exec(message)?.[1] ?? null;
}

export function blockersOf(item: Pick<ApprovalItem, 'preview' | 'previewError' | 'channel'>): Blocker[] {
  const found: Blocker[] = [];
  if (item.previewError && item.channel) found.push({ field: fieldOf(item.previewError), message: item.previewError });
  for (const problem of item.preview?.problems ?? []) found.push({ field: problem.field, message: problem.message });
  return found;
}
