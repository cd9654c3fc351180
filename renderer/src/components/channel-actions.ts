/**
 * Decisions behind Settings → Channels, kept pure for tests: which buttons a channel offers, what
 * its badge says, which form fields are locked by environment variables, what `channels:connect`
 * is sent, where the engine's field errors go, and who opens the consent page.
 */
import type { ConnectionField, ConnectionMethod, ConnectionStatus } from '../../../shared/channel-connection';
import type { ChannelStatus, MethodInput } from '../../../shared/contract';
import type { TransportKind } from '../client/types';

/** A channel the app can connect: it declares how (its client exists). Others say "Not available yet". */
export const isConnectable = (channel: Pick<ChannelStatus, 'descriptor'>): boolean => channel.descriptor !== null;

/** Disconnect is offered while the app holds credentials (connected, failing, or waiting to be reconnected). */
export function canDisconnect(channel: Pick<ChannelStatus, 'status'>): boolean {
  return channel.status.source === 'app' && channel.status.state !== 'not_connected';
}

/** Check now needs something to check. */
export const canCheck = (channel: Pick<ChannelStatus, 'status' | 'descriptor'>): boolean => channel.descriptor !== null && channel.status.state !== 'not_connected';

/** The badge: what a person reads first. */
export function stateBadge(status: Pick<ConnectionStatus, 'state'>, connectable: boolean): { label: string; tone: 'completed' | 'failed' | 'awaiting' | 'plain' } {
  switch (status.state) {
    case 'connected':
      return { label: 'Connected', tone: 'completed' };
    case 'needs_reconnect':
      return { label: 'Needs reconnecting', tone: 'failed' };
    case 'error':
      return { label: 'Error', tone: 'failed' };
    case 'not_connected':
      return { label: connectable ? 'Not connected' : 'No client yet', tone: 'plain' };
  }
}

/** Fields of a method that environment variables supply: shown locked, never sent. */
export function lockedFields(method: ConnectionMethod, envSet: readonly string[]): Map<string, string> {
  const locked = new Map<string, string>();
  for (const field of method.fields) if (field.env && envSet.includes(field.env)) locked.set(field.key, field.env);
  return locked;
}

/** The method a person starts with: the one in use, else the first the environment does not already fill. */
export function initialMethod(channel: Pick<ChannelStatus, 'descriptor' | 'status'>): string {
  const methods = channel.descriptor?.methods ?? [];
  return methods.find((method) => method.id === channel.status.method)?.id ?? methods[0]?.id ?? '';
}

/** Whether Connect can go straight to the engine (nothing required is left empty) or must open the form first. */
export function needsInput(method: ConnectionMethod, values: Record<string, string>, envSet: readonly string[]): boolean {
  const locked = lockedFields(method, envSet);
  return method.fields.some((field: ConnectionField) => field.required && !locked.has(field.key) && !(values[field.key] ?? '').trim());
}

/** The `channels:connect` input: the filled, unlocked fields of the chosen method, trimmed. */
export function connectInput(id: string, method: ConnectionMethod, values: Record<string, string>, envSet: readonly string[]): MethodInput<'channels:connect'> {
  const locked = lockedFields(method, envSet);
  const sent: Record<string, string> = {};
  for (const field of method.fields) {
    const value = (values[field.key] ?? '').trim();
    if (value && !locked.has(field.key)) sent[field.key] = value;
  }
  return { id, method: method.id, values: sent };
}

/** The engine's field errors (invalid_input details {fields: {key: message}}), or none. */
export function fieldErrorsOf(error: unknown): Record<string, string> {
  const details = (error as { details?: unknown } | null)?.details;
  const fields = (details as { fields?: unknown } | null | undefined)?.fields;
  if (!fields || typeof fields !== 'object') return {};
  return Object.fromEntries(Object.entries(fields as Record<string, unknown>).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

type Opener = (url: string, target: string, features: string) => unknown;

/**
 * Opens the consent page when the page itself must: over HTTP (a browser tab) the engine cannot
 * reach Kenny's browser, so the page opens a new tab (noopener: the consent page gets no handle on
 * the dashboard). In the desktop app the engine already opened the system browser. Returns whether
 * the page tried to open it. Only http(s) URLs are opened.
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

/**
 * Log event types that change what channels:list answers (a sign-in finished, failed, a check, a
 * disconnect). Other log lines leave channels alone, so a busy log does not refetch them.
 */
export const channelEventTypes: ReadonlySet<string> = new Set(['channel_connected', 'channel_connect_failed', 'channel_disconnected', 'channel_checked']);
