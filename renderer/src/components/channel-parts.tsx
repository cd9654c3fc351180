/** Pieces every channel row shares: name with its agents, and the connection state badge. */
import type { ChannelStatus } from '../../../shared/contract';
import { isConnectable, stateBadge } from './channel-actions';

/** Connected / Needs reconnecting / Error / Not connected / No client yet, as a badge. */
export function ChannelStateBadge({ channel }: { channel: ChannelStatus }) {
  const badge = stateBadge(channel.status, isConnectable(channel));
  return <span className={badge.tone === 'plain' ? 'badge' : `badge badge-${badge.tone}`}>{badge.label}</span>;
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
