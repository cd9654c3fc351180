/**
 * What the tray shows, decided from the executor status alone (pure, unit-tested): the icon
 * variant, the tooltip and the menu as plain descriptors. tray.ts turns the descriptors into an
 * Electron Menu and maps each `action` to an engine call, so the menu's logic never needs Electron.
 */
import type { ExecutorStatus } from '../../shared/contract';

/** The icon's base look: green running, amber dry-run, grey paused (also auto-execution off / stopped). */
export type TrayBase = 'running' | 'dry-run' | 'paused';
/** Base plus an attention dot when something waits for Kenny (approvals, outcome unknown, urgent alerts). */
export type TrayIconName = TrayBase | `${TrayBase}-attention`;
export const trayIconNames: TrayIconName[] = ['running', 'dry-run', 'paused', 'running-attention', 'dry-run-attention', 'paused-attention'];

export type TrayAction =
  | 'open-inbox'
  | 'open-channels'
  | 'toggle-pause'
  | 'toggle-dry-run'
  | 'run-now'
  | 'open-dashboard'
  | 'toggle-login-item'
  | 'toggle-auto-update'
  | 'quit';

export type TrayMenuItem =
  | { type: 'separator' }
  | { type: 'normal'; label: string; action?: TrayAction; enabled: boolean }
  | { type: 'checkbox'; label: string; action: TrayAction; checked: boolean; enabled: boolean };

export interface TrayInput {
  /** null until the engine answered once (starting up) or when it failed to start. */
  status: ExecutorStatus | null;
  /** Unacknowledged urgent alerts (alerts:list). */
  urgentAlerts: number;
  /** Channels that are configured but cannot act (needs reconnecting, failing check): name and one line why. Default: none. */
  channelsNeedingAttention?: { name: string; label: string }[];
  /** Settings forced by environment variables (settings:get `locked`), e.g. { dryRun: 'AGENT_DRY_RUN' }. */
  locked: Record<string, string>;
  openAtLogin: boolean;
  /** Whether the platform supports login items (Linux: not through Electron). */
  loginItemSupported: boolean;
  autoUpdate: boolean;
  /** Set when the engine could not start: shown instead of the controls. */
  engineError?: string | null;
  now: Date;
}

export interface TrayModel {
  icon: TrayIconName;
  tooltip: string;
  menu: TrayMenuItem[];
}

/** "just now", "4 min ago", "3 h ago", "2 d ago". */
export function relativeTime(iso: string | null, now: Date): string {
  if (!iso) return 'never';
  const then = Date.parse(iso);
  if (Number.isNaN(then)) return 'unknown';
  const seconds = Math.max(0, Math.round((now.getTime() - then) / 1000));
  if (seconds < 60) return 'just now';
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours} h ago`;
  return `${Math.floor(hours / 24)} d ago`;
}

export function attentionCount(status: ExecutorStatus | null, urgentAlerts: number, channels = 0): number {
  if (!status) return urgentAlerts + channels;
  return status.counts.awaitingApproval + status.counts.outcomeUnknown + urgentAlerts + channels;
}

export function trayBase(status: ExecutorStatus | null): TrayBase {
  if (!status || status.paused || status.state !== 'running') return 'paused';
  return status.dryRun ? 'dry-run' : 'running';
}

export function stateLabel(status: ExecutorStatus | null): string {
  if (!status) return 'Starting…';
  const mode = status.dryRun ? ' (dry run)' : '';
  switch (status.state) {
    case 'running':
      return status.paused ? `Paused${mode}` : `Running${mode}`;
    case 'paused':
      return `Paused${mode}`;
    case 'auto_execution_off':
      return `Auto-execution off${mode}`;
    case 'stopped':
      return 'Stopped';
  }
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

export function trayModel(input: TrayInput): TrayModel {
  const { status, now } = input;
  const base = trayBase(status);
  const channels = input.channelsNeedingAttention ?? [];
  const attention = attentionCount(status, input.urgentAlerts, channels.length);
  const icon: TrayIconName = attention > 0 ? `${base}-attention` : base;
  const waiting = status?.counts.awaitingApproval ?? 0;
  const paused = status ? status.paused || status.state === 'paused' : false;
  const ready = status !== null && !input.engineError;

  const tooltipParts = [`Mission Control: ${input.engineError ? 'engine failed to start' : stateLabel(status)}`];
  if (waiting > 0) tooltipParts.push(`${plural(waiting, 'approval', 'approvals')} waiting`);
  if (status && status.counts.outcomeUnknown > 0) tooltipParts.push(`${status.counts.outcomeUnknown} outcome unknown`);
  if (input.urgentAlerts > 0) tooltipParts.push(plural(input.urgentAlerts, 'urgent alert', 'urgent alerts'));
  for (const channel of channels) tooltipParts.push(`${channel.name} ${channel.label}`);

  const menu: TrayMenuItem[] = [];
  if (input.engineError) menu.push({ type: 'normal', label: `Engine error: ${input.engineError.slice(0, 80)}`, enabled: false });
  for (const channel of channels) menu.push({ type: 'normal', label: `${channel.name} ${channel.label}…`, action: 'open-channels', enabled: true });
  menu.push(
    { type: 'normal', label: waiting > 0 ? `${plural(waiting, 'approval', 'approvals')} waiting…` : 'No approvals waiting', action: 'open-inbox', enabled: true },
    { type: 'separator' },
    { type: 'normal', label: stateLabel(status), enabled: false },
    { type: 'normal', label: paused ? 'Resume' : 'Pause', action: 'toggle-pause', enabled: ready },
    {
      type: 'checkbox',
      label: input.locked.dryRun ? `Dry run (set by ${input.locked.dryRun})` : 'Dry run',
      action: 'toggle-dry-run',
      checked: status?.dryRun ?? true,
      enabled: ready && !input.locked.dryRun,
    },
    { type: 'normal', label: 'Run now', action: 'run-now', enabled: ready && !paused },
    { type: 'normal', label: 'Open dashboard', action: 'open-dashboard', enabled: true },
    { type: 'separator' },
    { type: 'normal', label: `Last poll: ${relativeTime(status?.lastPollAt ?? null, now)}`, enabled: false },
    { type: 'separator' },
  );
  if (input.loginItemSupported) menu.push({ type: 'checkbox', label: 'Start at login', action: 'toggle-login-item', checked: input.openAtLogin, enabled: true });
  menu.push(
    { type: 'checkbox', label: 'Check for updates automatically', action: 'toggle-auto-update', checked: input.autoUpdate, enabled: true },
    { type: 'separator' },
    { type: 'normal', label: 'Quit Mission Control', action: 'quit', enabled: true },
  );
  return { icon, tooltip: tooltipParts.join(' · '), menu };
}

/** Left click: Windows and Linux open the dashboard; macOS shows the menu (menu-bar convention). */
/** The tray's words for a channel's state, or null when it needs nothing (connected, or never configured). */
export function channelAttentionLabel(state: 'connected' | 'not_connected' | 'needs_reconnect' | 'error'): string | null {
  if (state === 'needs_reconnect') return 'needs reconnecting';
  if (state === 'error') return 'connection failing';
  return null;
}

export function trayClickOpensWindow(platform: NodeJS.Platform): boolean {
  return platform !== 'darwin';
}
