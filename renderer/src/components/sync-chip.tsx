/** Sync state at a glance in the sidebar: "Sync: connected", "Sync: offline (12 queued)", "Sync off". */
import { useSyncStatus } from '../hooks/use-sync-status';
import { routeHref } from '../hooks/use-route';
import { describeSync } from './sync-describe';

export function SyncChip() {
  const sync = useSyncStatus();
  if (sync.isPending) return null;
  if (sync.isError) {
    return (
      <span className="chip chip-sync chip-sync-bad" data-testid="sync-chip" title={sync.error.message}>
        Sync: unknown
      </span>
    );
  }
  const summary = describeSync(sync.data);
  const title = sync.data?.lastError ?? summary.explanation;
  return (
    <a href={routeHref({ view: 'today' })} className={`chip chip-sync chip-sync-${summary.tone}`} data-testid="sync-chip" data-state={sync.data?.state ?? 'off'} title={title}>
      {summary.chip}
    </a>
  );
}
