/**
 * Settings → Channels and `mission-control channels`: list every channel with its declaration and
 * connection status, connect with one of its methods (form: checked with the provider before it
 * is saved; OAuth: the consent URL at once, the sign-in completes in the background), check
 * (one cheap read) and disconnect. Channels without a client yet list as not connected and refuse
 * to connect, saying so.
 */
import type { ChannelStatus, MethodInput, MethodOutput } from '../../../shared/contract';
import type { ConnectionStatus } from '../../../shared/channel-connection';
import { channelStatus } from '../channels/connection/channel-state';
import type { ChannelConnection } from '../channels/connection/types';
import type { AnyChannelHandler } from '../channels/types';
import { invalidInput, notFound } from '../errors';
import { raiseReconnectAlertOnce } from '../executor/reconnect-alert';
import type { ApiDeps } from './api-deps';

async function describeChannel(deps: ApiDeps, handler: AnyChannelHandler, known?: ConnectionStatus): Promise<ChannelStatus> {
  const status = known ?? (await channelStatus(handler));
  const descriptor = handler.connection?.descriptor ?? null;
  const variables = new Set(descriptor?.methods.flatMap((method) => method.fields.map((field) => field.env)).filter((name): name is string => !!name));
  const envSet = [...variables].filter((name) => !!deps.env[name]?.trim());
  return { id: handler.id, name: handler.name, agents: descriptor?.agents ?? [handler.agent], descriptor, status, envSet, connected: status.state === 'connected', detail: status.detail };
}

function channelFor(deps: ApiDeps, id: string): { handler: AnyChannelHandler; connection: ChannelConnection } {
  const handler = deps.registry.byId(id);
  if (!handler) throw notFound(`Channel ${id}`);
  if (!handler.connection) throw invalidInput(`${handler.name} cannot be connected from the app yet: no client for it exists.`);
  return { handler, connection: handler.connection };
}

/** A channel found needing reconnecting (by a check or a sign-in): one alert, tasks stay held. */
function noticeReconnect(deps: ApiDeps, handler: AnyChannelHandler, status: ConnectionStatus): void {
  if (status.state === 'needs_reconnect') raiseReconnectAlertOnce(deps.db, (alert) => deps.activity.alert(alert), handler, status.detail);
}

export async function listChannels(deps: ApiDeps): Promise<MethodOutput<'channels:list'>> {
  return { items: await Promise.all(deps.registry.handlers.map((handler) => describeChannel(deps, handler))) };
}

export async function connectChannel(deps: ApiDeps, input: MethodInput<'channels:connect'>): Promise<MethodOutput<'channels:connect'>> {
  const { handler, connection } = channelFor(deps, input.id);
  const methodId = input.method ?? connection.descriptor.methods[0]!.id;
  // The older Gmail form: {clientId, clientSecret} beside the id.
  const values: Record<string, string> = { ...(input.values ?? {}) };
  if (input.clientId !== undefined) values.clientId = input.clientId;
  if (input.clientSecret !== undefined) values.clientSecret = input.clientSecret;
  const start = await connection.connect(methodId, values, {
    signal: deps.signal,
    now: deps.now,
    openBrowser: async (url) => {
      try {
        await deps.openExternal?.(url);
      } catch (error) {
        console.error(`[mission-control] could not open the ${handler.name} sign-in page:`, error);
      }
    },
  });
  void start.done.then(
    (status) => {
      if (deps.signal.aborted) return;
      const who = status.account ? ` as ${status.account}` : '';
      deps.activity.log({ level: 'info', eventType: 'channel_connected', message: `${handler.name} connected${who}`, context: { channel: handler.id, method: methodId } });
      noticeReconnect(deps, handler, status);
      deps.activity.emitNow('status:changed', deps.status());
      deps.wake();
    },
    (error: unknown) => {
      // Closing the engine cancels the sign-in; the database is closing too, so nothing to log.
      if (deps.signal.aborted) return;
      const message = error instanceof Error ? error.message : String(error);
      deps.activity.log({ level: 'warning', eventType: 'channel_connect_failed', message: `${handler.name} was not connected: ${message}`, context: { channel: handler.id, method: methodId } });
    },
  );
  return { authUrl: start.authUrl, message: start.message, status: await connection.status() };
}

export async function checkChannel(deps: ApiDeps, input: MethodInput<'channels:check'>): Promise<MethodOutput<'channels:check'>> {
  const { handler, connection } = channelFor(deps, input.id);
  const status = await connection.check(deps.signal);
  deps.activity.log({
    level: status.state === 'connected' ? 'info' : 'warning',
    eventType: 'channel_checked',
    message: `${handler.name} check: ${status.lastCheck?.message ?? status.detail}`,
    context: { channel: handler.id, state: status.state },
  });
  noticeReconnect(deps, handler, status);
  if (status.state === 'connected') deps.wake();
  return describeChannel(deps, handler, status);
}

export async function disconnectChannel(deps: ApiDeps, input: MethodInput<'channels:disconnect'>): Promise<MethodOutput<'channels:disconnect'>> {
  const { handler, connection } = channelFor(deps, input.id);
  await connection.disconnect();
  const status = await connection.status();
  const left = status.source === 'env' ? ' Environment variables still supply it.' : '';
  deps.activity.log({ level: 'info', eventType: 'channel_disconnected', message: `${handler.name} disconnected (credentials removed from this computer).${left}`, context: { channel: handler.id } });
  return { ok: true, status };
}
