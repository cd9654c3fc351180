/**
 * A handler's connection as everything else sees it: the status the API lists, and what the
 * executor does with a task for it. Handlers with a `connection` answer from it; handlers without
 * one (no client yet) are "not connected: no client yet"; an older `status()` still works.
 * Never throws: a status that cannot be read (a locked keyring) becomes state 'error'.
 */
import type { ConnectionStatus } from '../../../../shared/channel-connection';
import { parsePayload } from '../payload';
import type { AnyChannelHandler, TaskInput } from '../types';

/** The sentence every "not connected" task and row shows. */
export const connectInSettings = (name: string) => `Connect ${name} in Settings → Channels`;

export async function channelStatus(handler: AnyChannelHandler): Promise<ConnectionStatus> {
  const empty = { account: null, source: null, method: null, lastCheck: null } as const;
  try {
    if (handler.connection) return await handler.connection.status();
    if (handler.status) {
      const legacy = await handler.status();
      return { ...empty, state: legacy.connected ? 'connected' : 'not_connected', detail: legacy.detail };
    }
    return { ...empty, state: 'not_connected', detail: `Not connected: no client for ${handler.name} yet` };
  } catch (error) {
    return { ...empty, state: 'error', detail: `Could not read the ${handler.name} connection: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * What the executor does with a live task for this channel:
 * - run: the channel can act;
 * - hold: the channel is configured but cannot act now (needs reconnecting): no attempt is spent;
 * - refuse: nothing is connected: the attempt fails with `reason`, never a fake success.
 * Handlers without a connection keep their own behaviour (their execute says "not connected").
 */
export type ChannelGate = { kind: 'run' } | { kind: 'hold'; reason: string; reconnect: boolean } | { kind: 'refuse'; reason: string };

export async function channelGate(handler: AnyChannelHandler, payload?: unknown): Promise<ChannelGate> {
  try {
    const own = await handler.unavailableReason?.(payload);
    if (own) {
      const status = handler.connection ? await handler.connection.status() : null;
      return { kind: 'hold', reason: own, reconnect: status?.state === 'needs_reconnect' };
    }
    if (!handler.connection || handler.decidesAvailability) return { kind: 'run' };
    const status = await handler.connection.status();
    if (status.state === 'needs_reconnect') return { kind: 'hold', reason: status.detail, reconnect: true };
    if (status.state === 'not_connected') {
      return { kind: 'refuse', reason: (await handler.connection.unavailableReason()) ?? `No ${handler.name} account connected: connect ${handler.name} in Settings → Channels` };
    }
    return { kind: 'run' };
  } catch (error) {
    return { kind: 'hold', reason: `Could not read the ${handler.name} connection: ${error instanceof Error ? error.message : String(error)}`, reconnect: false };
  }
}

/** Why a task for this channel cannot run now (Today, the task page, the approvals inbox); null when it can. */
export async function channelProblem(handler: AnyChannelHandler | null, task?: TaskInput): Promise<{ state: ConnectionStatus['state']; reason: string } | null> {
  if (!handler) return null;
  const parsed = task ? parsePayload(handler.payloadSchema, task) : null;
  const gate = await channelGate(handler, parsed?.ok ? parsed.payload : undefined);
  if (gate.kind === 'run') return null;
  if (gate.kind === 'refuse') return { state: 'not_connected', reason: gate.reason };
  return { state: gate.reconnect ? 'needs_reconnect' : 'error', reason: gate.reason };
}
