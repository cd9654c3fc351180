/**
 * The live preview of an edit: the engine rebuilds the task's preview with the edits applied
 * (approvals:preview, nothing saved) 350 ms after the last keystroke, so the preview, the counts
 * and the validation follow what Kenny types. Until the answer for the current edit is in,
 * `checking` is true (Approve waits for it).
 */
import { keepPreviousData } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { EditPreview, TaskEdits } from '../../../../shared/contract';
import { useApi } from '../../hooks/use-api';
import { useDebounced } from '../../hooks/use-debounced';

/** Debounce of the live preview. Default: 350 ms. */
export const livePreviewDelayMs = 350;

export function useEditPreview(taskId: string, edits: TaskEdits | null, initial: EditPreview): { result: EditPreview; checking: boolean; failed: string | null } {
  const key = JSON.stringify(edits);
  const settledKey = useDebounced(key, livePreviewDelayMs);
  const settled = useMemo(() => JSON.parse(settledKey) as TaskEdits | null, [settledKey]);
  const query = useApi('approvals:preview', settled ? { id: taskId, edits: settled } : { id: taskId }, { enabled: settled !== null, placeholderData: keepPreviousData, staleTime: 30_000, retry: false });
  if (edits === null) return { result: initial, checking: false, failed: null };
  const current = settledKey === key && query.data !== undefined && !query.isPlaceholderData && !query.isFetching;
  return { result: query.data ?? initial, checking: !current && !query.isError, failed: query.isError ? query.error.message : null };
}
