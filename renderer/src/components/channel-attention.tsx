/**
 * Today's banner for channels that are configured but cannot act (needs reconnecting, failing
 * check): their tasks are held, so Kenny hears it here, not only in Settings. Renders nothing
 * while every channel is fine or simply not connected.
 */
import { needsAttention } from '../../../shared/channel-connection';
import { useApi } from '../hooks/use-api';
import { routeHref } from '../hooks/use-route';
import { stateBadge } from './channel-actions';

export function ChannelAttention() {
  const channels = useApi('channels:list', {});
  const failing = (channels.data?.items ?? []).filter((channel) => needsAttention(channel.status));
  if (failing.length === 0) return null;
  return (
    <section className="banner banner-bad channel-attention" aria-label="Channels needing attention" data-testid="channel-attention">
      {failing.map((channel) => (
        <p key={channel.id}>
          <strong>
            {channel.name}: {stateBadge(channel.status, true).label.toLowerCase()}
          </strong>{' '}
          — {channel.status.detail} <a href={routeHref({ view: 'settings' })}>Open Settings → Channels</a>
        </p>
      ))}
    </section>
  );
}
