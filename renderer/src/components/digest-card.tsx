/** Today's digest card: the day so far in one line per section, linking to the Digest page. */
import { digestHeadline } from '../../../shared/digest';
import { useApi } from '../hooks/use-api';
import { routeHref } from '../hooks/use-route';
import { ErrorState, Loading } from './states';

export function DigestCard() {
  const digest = useApi('digest:get', {});
  return (
    <section className="card" aria-labelledby="digest-card-title">
      <div className="card-head">
        <h2 id="digest-card-title">Today’s digest</h2>
        <a href={routeHref({ view: 'digest' })}>Open the digest</a>
      </div>
      {digest.isPending ? <Loading label="Building the digest…" /> : null}
      {digest.isError ? <ErrorState error={digest.error} /> : null}
      {digest.data ? (
        <>
          <p data-testid="digest-card-headline">{digestHeadline(digest.data)}</p>
          <p className="muted small">
            {digest.data.failed.length ? `Failed: ${digest.data.failed.map((group) => `${group.kind} (${group.count})`).join(', ')}. ` : ''}
            {digest.data.held ? `${digest.data.held} held for a time (see the calendar). ` : ''}
            {digest.data.delivery?.status === 'sent' ? 'E-mailed.' : ''}
          </p>
        </>
      ) : null}
    </section>
  );
}
