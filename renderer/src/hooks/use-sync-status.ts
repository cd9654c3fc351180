/**
 * Supabase sync status for the sidebar chip and the Today card (one shared query). Polled every
 * 5 s while the page is visible (TanStack Query pauses interval refetches in hidden tabs) and
 * refreshed by live events (see use-live-events).
 */
import { useApi } from './use-api';

/** How often sync:status is polled while visible. */
export const syncPollMs = 5_000;

export function useSyncStatus() {
  return useApi('sync:status', {}, { refetchInterval: syncPollMs, refetchIntervalInBackground: false });
}
