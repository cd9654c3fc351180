/** Pieces every channel row shares: name with its agents, and the connection state badge. */
import type { ChannelStatus } from '../../../shared/contract';

/** Connected / Reconnect needed / Not connected, as a badge. */
export function ChannelStateBadge({ channel }: { channel: ChannelStatus }) {
  if (channel.connected) return <span className="badge badge-completed">Connected</span>;
  if (/reconnect/i.test(channel.detail)) return <span className="badge badge-failed">Reconnect needed</span>;
  return <span className="badge">Not connected</span>;
}

/** Name and agents: the left column of every channel row. */
export function ChannelName({ channel }: { channel: ChannelStatus }) {
  return (
    <div className="channel-name">
      <strong>{channel.name}</strong>
      <span className="muted small">{channel.agents.length > 0 ? channel.agents.join(', ') : 'no agent'}</span>
    </div>
  );
}
