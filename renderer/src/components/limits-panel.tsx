/** Each daily limit as used/limit with a bar and the time the oldest counted unit leaves the window. */
import { useApi } from '../hooks/use-api';
import { useHydrated } from '../hooks/use-hydrated';
import { limitLabels, relativeTime } from './format';
import { ErrorState, Loading } from './states';

export function LimitsPanel() {
  const limits = useApi('limits:usage', {});
  // The bars' widths are inline styles: set after hydration (use-hydrated.ts).
  const hydrated = useHydrated();
  return (
    <section className="card" aria-label="Daily limits">
      <header className="card-head">
        <h2>Daily limits</h2>
        <span className="muted small">rolling 24 h</span>
      </header>
      {limits.isPending ? <Loading /> : null}
      {limits.isError ? <ErrorState error={limits.error} /> : null}
      {limits.data ? (
        <ul className="limits">
          {limits.data.items.map((item) => {
            const ratio = item.limit > 0 ? Math.min(1, item.used / item.limit) : 1;
            const level = ratio >= 1 ? 'full' : ratio >= 0.8 ? 'high' : 'ok';
            return (
              <li key={item.key}>
                <div className="limit-line">
                  <span>{limitLabels[item.key] ?? item.key}</span>
                  <span className="muted small">{item.resetsAt ? `resets ${relativeTime(item.resetsAt)}` : ''}</span>
                  <span className="mono">
                    {item.used}/{item.limit}
                  </span>
                </div>
                <div className={`meter meter-${level}`} role="meter" aria-valuemin={0} aria-valuemax={item.limit} aria-valuenow={item.used} aria-label={limitLabels[item.key] ?? item.key}>
                  <span style={hydrated ? { width: `${ratio * 100}%` } : undefined} />
                </div>
              </li>
            );
          })}
        </ul>
      ) : null}
    </section>
  );
}
