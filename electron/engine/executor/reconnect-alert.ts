/**
 * One alert per channel whose credentials the provider refused (revoked, expired), however many
 * tasks are held for it: raised when the first task is held, the channel's check finds it, or the
 * channel reports it mid-call. Tasks stay held (no attempt spent) until it is reconnected.
 */
import type { Db } from '../db/open-db';
import { hasReconnectAlert, type NewAlert } from '../store/alerts';

export function reconnectAlert(channel: { id: string; name: string }, detail: string): NewAlert {
  return {
    type: 'system_error',
    severity: 'high',
    title: `${channel.name} needs to be reconnected`,
    message: `${detail.replace(/\.$/, '')}. Tasks for ${channel.name} are held until then.`,
    metadata: { channel: channel.id, kind: 'channel_reconnect', detail },
  };
}

/** Raises the channel's reconnect alert unless one already stands. Returns whether it raised one. */
export function raiseReconnectAlertOnce(db: Db, raise: (alert: NewAlert) => void, channel: { id: string; name: string }, detail: string): boolean {
  if (hasReconnectAlert(db, channel.id, detail)) return false;
  raise(reconnectAlert(channel, detail));
  return true;
}
