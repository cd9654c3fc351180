/**
 * Settings → Channels: all six channels with their agents and connection state. Each channel whose
 * client exists connects from a form generated from its declaration (channel-row.tsx); the others
 * have no client yet and say so instead of offering buttons.
 */
import { useApi } from '../hooks/use-api';
import { ChannelRow } from './channel-row';
import { Empty, ErrorState, Loading } from './states';

export function ChannelsSection() {
  const channels = useApi('channels:list', {});
  return (
    <section className="card" aria-label="Channels">
      <header className="card-head">
        <h2>Channels</h2>
        <span className="muted small">accounts the agents send through</span>
      </header>
      {channels.isPending ? <Loading label="Loading channels…" /> : null}
      {channels.isError ? <ErrorState error={channels.error} onRetry={() => void channels.refetch()} /> : null}
      {channels.data && channels.data.items.length === 0 ? <Empty title="No channels" /> : null}
      {channels.data && channels.data.items.length > 0 ? (
        <ul className="channel-list">
          {channels.data.items.map((channel) => (
            <ChannelRow key={channel.id} channel={channel} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
