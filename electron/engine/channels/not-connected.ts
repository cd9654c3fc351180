/**
 * Channels whose client is not built or not configured yet fail with a clear, permanent error
 * outside dry-run: never a fake success.
 */
import { permanent } from './errors';

export function notConnectedError(channelName: string, what: string): Error {
  return permanent(`No ${channelName} account connected: ${what} cannot run until one is connected in Settings → Channels.`);
}
