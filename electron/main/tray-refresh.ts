/**
 * Gathers what the tray shows from the engine API (status, locked settings, urgent alerts) and
 * renders it when something changes, at most every `minIntervalMs`, plus once a minute so
 * "Last poll: 3 min ago" stays true.
 */
import type { EngineApi, EventName } from '../../shared/contract';
import { channelAttentionLabel, trayModel, type TrayInput, type TrayModel } from './tray-model';

export interface TrayRefreshOptions {
  api: Pick<EngineApi, 'status:get' | 'settings:get' | 'alerts:list' | 'channels:list'>;
  on: (event: EventName, listener: (payload: unknown) => void) => () => void;
  render: (model: TrayModel, input: TrayInput) => void;
  prefs: () => Pick<TrayInput, 'openAtLogin' | 'loginItemSupported' | 'autoUpdate'>;
  engineError: () => string | null;
  minIntervalMs?: number;
  now?: () => Date;
  onError?: (error: unknown) => void;
}

/** Builds the tray input from the engine; a failing engine yields a null status (controls disabled). */
export async function gatherTrayInput(options: TrayRefreshOptions): Promise<TrayInput> {
  const now = options.now?.() ?? new Date();
  const base = { ...options.prefs(), engineError: options.engineError(), now };
  try {
    const [status, settings, alerts, channels] = await Promise.all([
      options.api['status:get']({}),
      options.api['settings:get']({}),
      options.api['alerts:list']({ unacknowledgedOnly: true, limit: 1000 }),
      options.api['channels:list']({}),
    ]);
    const channelsNeedingAttention = channels.items.flatMap((channel) => {
      const label = channelAttentionLabel(channel.status.state);
      return label ? [{ name: channel.name, label }] : [];
    });
    return { ...base, status, locked: settings.locked, urgentAlerts: alerts.items.filter((a) => a.severity === 'urgent').length, channelsNeedingAttention };
  } catch (error) {
    options.onError?.(error);
    return { ...base, status: null, locked: {}, urgentAlerts: 0 };
  }
}

export function startTrayRefresh(options: TrayRefreshOptions): { refresh: () => Promise<TrayModel>; stop: () => void } {
  const minIntervalMs = options.minIntervalMs ?? 250;
  let pending: ReturnType<typeof setTimeout> | null = null;
  const refresh = async () => {
    const input = await gatherTrayInput(options);
    const model = trayModel(input);
    options.render(model, input);
    return model;
  };
  const schedule = () => {
    pending ??= setTimeout(() => {
      pending = null;
      refresh().catch((error: unknown) => options.onError?.(error));
    }, minIntervalMs);
  };
  const offs = (['status:changed', 'task:changed', 'alert:raised'] as const).map((event) => options.on(event, schedule));
  // A channel connected, checked or disconnected: its attention item may come or go.
  offs.push(options.on('log:appended', (entry) => void (String((entry as { eventType?: unknown }).eventType ?? '').startsWith('channel_') && schedule())));
  const ticker = setInterval(schedule, 60_000);
  return {
    refresh,
    stop() {
      offs.forEach((off) => off());
      clearInterval(ticker);
      if (pending) clearTimeout(pending);
    },
  };
}
