/**
 * Settings → Channels: every channel with its agents and connection state. Gmail can be connected
 * from here (OAuth sign-in); the others have no client yet and say so instead of offering buttons.
 */
import type { ChannelStatus } from '../../../shared/contract';
import { useApi } from '../hooks/use-api';
import { connectableChannels } from './channel-actions';
import { ChannelName, ChannelStateBadge } from './channel-parts';
import { GmailChannel } from './gmail-channel';
import { Empty, ErrorState, Loading } from './states';

function UnavailableChannel({ channel }: { channel: ChannelStatus }) {
  return (
    <li className="channel-row" aria-label={channel.name} data-channel={channel.id}>
      <div className="channel-line">
        <ChannelName channel={channel} />
        <div className="channel-state">
          <ChannelStateBadge channel={channel} />
          <span className="muted small">{channel.detail}</span>
        </div>
        <div className="channel-actions">
          <span className="muted small">Not available yet</span>
        </div>
      </div>
    </li>
  );
}

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
          {channels.data.items.map((channel) =>
            connectableChannels.has(channel.id) ? <GmailChannel key={channel.id} channel={channel} /> : <UnavailableChannel key={channel.id} channel={channel} />,
          )}
        </ul>
      ) : null}
    </section>
  );
}
