/**
 * The Digest page: one local day (default today, `#/digest/<day>` for another) in the shop's time
 * zone, with whether its e-mail went out, and the sections (components/digest-sections.tsx).
 */
import { digestHeadline } from '../../../shared/digest';
import { addDays } from '../../../shared/zoned-time';
import { useApi } from '../hooks/use-api';
import { routeHref } from '../hooks/use-route';
import { DigestSections } from '../components/digest-sections';
import { shortDateTime } from '../components/format';
import { ErrorState, Loading } from '../components/states';
import '../schedule.css';

export function DigestView({ day }: { day: string | null }) {
  const digest = useApi('digest:get', day ? { day } : {});
  if (digest.isPending) return <Loading label="Building the digest…" />;
  if (digest.isError) return <ErrorState error={digest.error} onRetry={() => void digest.refetch()} />;
  const d = digest.data;
  const today = !day;
  const delivery = d.delivery;
  return (
    <div className="view digest">
      <header className="view-head">
        <h1>Digest</h1>
        <span className="muted">
          {d.day} ({d.timeZone})
        </span>
        <nav className="day-nav" aria-label="Day">
          <a className="button-link" href={routeHref({ view: 'digest', day: addDays(d.day, -1) })}>
            ← Previous day
          </a>
          {today ? null : (
            <>
              <a className="button-link" href={routeHref({ view: 'digest', day: addDays(d.day, 1) })}>
                Next day →
              </a>
              <a className="button-link" href={routeHref({ view: 'digest' })}>
                Today
              </a>
            </>
          )}
        </nav>
      </header>
      <p className="digest-headline" data-testid="digest-headline">
        <strong>{digestHeadline(d)}</strong>
      </p>
      <p className="muted small" data-testid="digest-delivery">
        {delivery
          ? delivery.status === 'sent'
            ? `E-mailed to ${delivery.to ?? 'you'} ${shortDateTime(delivery.at)}.`
            : `E-mail ${delivery.status}${delivery.error ? `: ${delivery.error}` : ''}.`
          : 'Not e-mailed for this day (yet). Set the time in Settings → Hours, quiet hours and digest.'}
      </p>
      <DigestSections digest={d} />
    </div>
  );
}
