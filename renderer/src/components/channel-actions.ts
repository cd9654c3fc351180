/**
 * Decisions behind the Channels section, kept pure for tests: which channels the app can connect,
 * what `channels:connect` is sent, who opens the consent page, and when Disconnect is offered.
 */
import type { ChannelStatus, MethodInput } from '../../../shared/contract';
import type { TransportKind } from '../client/types';

/** Channels with a sign-in the app can run today; every other channel says "Not available yet". */
export const connectableChannels: ReadonlySet<string> = new Set(['gmail']);

export type ConnectRequest = { ok: true; input: MethodInput<'channels:connect'> } | { ok: false; error: string };

/**
 * The `channels:connect` input: the OAuth client goes along only when both fields are filled
 * (the engine stores it, encrypted in the desktop app); one without the other is refused here.
 */
export function connectRequest(id: string, clientId: string, clientSecret: string): ConnectRequest {
  const idText = clientId.trim();
  const secretText = clientSecret.trim();
  if (!idText && !secretText) return { ok: true, input: { id } };
  if (!idText || !secretText) return { ok: false, error: 'Enter both the OAuth client id and its secret, or leave both empty.' };
  return { ok: true, input: { id, clientId: idText, clientSecret: secretText } };
}

type Opener = (url: string, target: string, features: string) => unknown;

/**
 * Opens Google's consent page when the page itself must: over HTTP (a browser tab) the engine
 * cannot reach Kenny's browser, so the page opens a new tab (noopener: the consent page gets no
 * handle on the dashboard). In the desktop app the engine already opened the system browser.
 * Returns whether the page tried to open it. Only http(s) URLs are opened.
 */
export function openConsentPage(authUrl: string, transport: TransportKind, open: Opener): boolean {
  if (transport === 'ipc') return false;
  let protocol: string;
  try {
    protocol = new URL(authUrl).protocol;
  } catch {
    return false;
  }
  if (protocol !== 'https:' && protocol !== 'http:') return false;
  open(authUrl, '_blank', 'noopener,noreferrer');
  return true;
}

/** Disconnect is offered while tokens are stored: connected, or waiting to be reconnected. */
export function canDisconnect(channel: Pick<ChannelStatus, 'connected' | 'detail'>): boolean {
  return channel.connected || /reconnect/i.test(channel.detail);
}

/**
 * Log event types that change what channels:list answers (the sign-in finished, failed, or was
 * undone). Other log lines leave channels alone, so a busy log does not refetch them.
 */
export const channelEventTypes: ReadonlySet<string> = new Set(['channel_connected', 'channel_connect_failed', 'channel_disconnected']);
