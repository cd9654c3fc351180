/**
 * Today's "Supabase sync" card: state, last sync, queued and refused changes, last error, and a
 * progress bar while the first (large) pull runs. With sync off it says how to turn it on.
 */
import { useHydrated } from '../hooks/use-hydrated';
import { useSyncStatus } from '../hooks/use-sync-status';
import { formatCount } from '../render-env';
import { relativeTime, shortDateTime } from './format';
import { describeRound, describeSync, syncProgress } from './sync-describe';
import { ErrorState, Loading } from './states';

export function SyncCard() {
  const sync = useSyncStatus();
  const status = sync.data ?? null;
  const summary = describeSync(status);
  const progress = syncProgress(status);
  // The bar's width is an inline style: set after hydration (use-hydrated.ts).
  const hydrated = useHydrated();
  const round = describeRound(status?.lastRound ?? null);

  return (
    <section className="card sync-card" aria-label="Supabase sync">
      <header className="card-head">
        <h2>Supabase sync</h2>
        {sync.data !== undefined ? (
          <span className={`chip chip-sync chip-sync-${summary.tone}`} data-testid="sync-state">
            {summary.stateLabel}
          </span>
        ) : null}
      </header>
      {sync.isPending ? <Loading label="Loading sync status…" /> : null}
      {sync.isError ? <ErrorState error={sync.error} onRetry={() => void sync.refetch()} /> : null}
      {sync.isSuccess && !status ? (
        <p className="muted sync-off">
          {summary.explanation} (the Postgres connection string; see docs/sync.md) and restart. Until then everything runs on this computer’s database only.
        </p>
      ) : null}
      {status ? (
        <>
          <p className="sync-explanation">{summary.explanation}</p>
          {progress !== null && status.progress ? (
            <div className="sync-progress">
              <div className="limit-line">
                <span>First sync</span>
                <span />
                <span className="mono">
                  {formatCount(status.progress.done)}/{formatCount(status.progress.total)} tasks
                </span>
              </div>
              <div className="meter meter-info" role="progressbar" aria-label="First sync" aria-valuemin={0} aria-valuemax={status.progress.total} aria-valuenow={status.progress.done}>
                <span style={hydrated ? { width: `${progress * 100}%` } : undefined} />
              </div>
            </div>
          ) : null}
          <div className="sync-stats">
            <div>
              <span className="stat-label">Last sync</span>
              <span title={shortDateTime(status.lastSyncAt)}>{relativeTime(status.lastSyncAt)}</span>
            </div>
            <div>
              <span className="stat-label">Queued changes</span>
              <span className={status.queued > 0 && status.state !== 'connected' ? 'warn-text' : ''}>{status.queued}</span>
            </div>
            <div>
              <span className="stat-label">Refused by Supabase</span>
              <span className={status.dead > 0 ? 'error-text' : ''}>{status.dead}</span>
            </div>
            <div>
              <span className="stat-label">Remote changes</span>
              <span>{status.state !== 'connected' ? '—' : status.listening ? 'instant (LISTEN/NOTIFY)' : 'polled every 5 s'}</span>
            </div>
          </div>
          {round ? <p className="muted small">Last round: {round}</p> : null}
          {status.url ? <p className="muted small mono ellipsis" title={status.url}>{status.url}</p> : null}
          {status.lastError ? (
            <p className="error-text small" role="alert">
              Last error: {status.lastError}
            </p>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
