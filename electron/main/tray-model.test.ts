import { describe, expect, it } from 'vitest';
import type { ExecutorStatus } from '../../shared/contract';
import { channelAttentionLabel, relativeTime, trayClickOpensWindow, trayModel, type TrayInput, type TrayMenuItem } from './tray-model';

const now = new Date('2026-11-24T10:00:00.000Z');

function status(overrides: Partial<ExecutorStatus> = {}, counts: Partial<ExecutorStatus['counts']> = {}): ExecutorStatus {
  return {
    state: 'running',
    dryRun: false,
    autoExecution: true,
    paused: false,
    executorId: 'desk-1',
    lastPollAt: '2026-11-24T09:57:00.000Z',
    nextPollAt: '2026-11-24T09:59:00.000Z',
    lastCycle: null,
    counts: { awaitingApproval: 0, queued: 0, inProgress: 0, failed24h: 0, completed24h: 0, outcomeUnknown: 0, ...counts },
    ...overrides,
  };
}

function input(overrides: Partial<TrayInput> = {}): TrayInput {
  return { status: status(), urgentAlerts: 0, locked: {}, openAtLogin: false, loginItemSupported: true, autoUpdate: false, now, ...overrides };
}

const item = (menu: TrayMenuItem[], label: RegExp) => menu.find((m) => m.type !== 'separator' && label.test(m.label)) as Exclude<TrayMenuItem, { type: 'separator' }>;

describe('trayModel', () => {
  it('running, nothing waiting: green icon and the full menu in order', () => {
    const model = trayModel(input());
    expect(model.icon).toBe('running');
    expect(model.tooltip).toBe('Mission Control: Running');
    expect(model.menu.map((m) => (m.type === 'separator' ? '---' : m.label))).toEqual([
      'No approvals waiting',
      '---',
      'Running',
      'Pause',
      'Dry run',
      'Run now',
      'Open dashboard',
      '---',
      'Last poll: 3 min ago',
      '---',
      'Start at login',
      'Check for updates automatically',
      '---',
      'Quit Mission Control',
    ]);
    expect(item(model.menu, /^Pause$/)).toMatchObject({ action: 'toggle-pause', enabled: true });
    expect(item(model.menu, /^Dry run$/)).toMatchObject({ type: 'checkbox', checked: false, action: 'toggle-dry-run', enabled: true });
    expect(item(model.menu, /^Run now$/)).toMatchObject({ action: 'run-now', enabled: true });
    expect(item(model.menu, /^Quit/)).toMatchObject({ action: 'quit' });
  });

  it('pending approvals: attention icon, count opens the inbox', () => {
    const model = trayModel(input({ status: status({}, { awaitingApproval: 3 }) }));
    expect(model.icon).toBe('running-attention');
    expect(model.menu[0]).toEqual({ type: 'normal', label: '3 approvals waiting…', action: 'open-inbox', enabled: true });
    expect(model.tooltip).toBe('Mission Control: Running · 3 approvals waiting');
    expect(trayModel(input({ status: status({}, { awaitingApproval: 1 }) })).menu[0]).toMatchObject({ label: '1 approval waiting…' });
  });

  it('a channel that needs reconnecting: attention icon, tooltip, and a first menu item opening Settings → Channels', () => {
    const model = trayModel(input({ channelsNeedingAttention: [{ name: 'Gmail', label: 'needs reconnecting' }] }));
    expect(model.icon).toBe('running-attention');
    expect(model.tooltip).toBe('Mission Control: Running · Gmail needs reconnecting');
    expect(model.menu[0]).toEqual({ type: 'normal', label: 'Gmail needs reconnecting…', action: 'open-channels', enabled: true });
    expect(model.menu[1]).toMatchObject({ label: 'No approvals waiting' });
    expect(trayModel(input({ channelsNeedingAttention: [] })).icon).toBe('running');
  });

  it('only configured channels that cannot act need attention (never-connected ones do not)', () => {
    expect(channelAttentionLabel('needs_reconnect')).toBe('needs reconnecting');
    expect(channelAttentionLabel('error')).toBe('connection failing');
    expect(channelAttentionLabel('not_connected')).toBeNull();
    expect(channelAttentionLabel('connected')).toBeNull();
  });

  it('paused: grey icon, Resume, Run now disabled', () => {
    const model = trayModel(input({ status: status({ state: 'paused', paused: true }) }));
    expect(model.icon).toBe('paused');
    expect(item(model.menu, /^Resume$/)).toMatchObject({ action: 'toggle-pause', enabled: true });
    expect(item(model.menu, /^Pause$/)).toBeUndefined();
    expect(item(model.menu, /^Run now$/)).toMatchObject({ enabled: false });
    expect(model.tooltip).toBe('Mission Control: Paused');
  });

  it('dry-run: amber icon and a checked toggle; locked by env: disabled with the variable named', () => {
    const model = trayModel(input({ status: status({ dryRun: true }) }));
    expect(model.icon).toBe('dry-run');
    expect(item(model.menu, /^Dry run/)).toMatchObject({ checked: true, enabled: true });
    expect(model.tooltip).toBe('Mission Control: Running (dry run)');
    const locked = trayModel(input({ status: status({ dryRun: true }), locked: { dryRun: 'AGENT_DRY_RUN' } }));
    expect(item(locked.menu, /^Dry run/)).toMatchObject({ label: 'Dry run (set by AGENT_DRY_RUN)', checked: true, enabled: false });
  });

  it('auto-execution off looks paused; outcome-unknown and urgent alerts need attention', () => {
    const model = trayModel(input({ status: status({ state: 'auto_execution_off', autoExecution: false, dryRun: true }, { outcomeUnknown: 1 }), urgentAlerts: 2 }));
    expect(model.icon).toBe('paused-attention');
    expect(model.tooltip).toBe('Mission Control: Auto-execution off (dry run) · 1 outcome unknown · 2 urgent alerts');
    expect(item(model.menu, /^Pause$/)).toMatchObject({ enabled: true });
    expect(trayModel(input({ status: status({ dryRun: true }), urgentAlerts: 1 })).icon).toBe('dry-run-attention');
  });

  it('before the engine answers: controls disabled, never-polled', () => {
    const model = trayModel(input({ status: null }));
    expect(model.icon).toBe('paused');
    expect(item(model.menu, /^Pause$/)).toMatchObject({ enabled: false });
    expect(item(model.menu, /^Dry run/)).toMatchObject({ enabled: false });
    expect(item(model.menu, /^Last poll/)).toMatchObject({ label: 'Last poll: never' });
    expect(item(model.menu, /Open dashboard/)).toMatchObject({ enabled: true });
  });

  it('engine failure is shown first', () => {
    const model = trayModel(input({ status: null, engineError: 'database is locked' }));
    expect(model.menu[0]).toMatchObject({ label: 'Engine error: database is locked', enabled: false });
    expect(model.tooltip).toContain('engine failed to start');
  });

  it('login item hidden where unsupported; checkboxes reflect prefs', () => {
    const model = trayModel(input({ loginItemSupported: false, autoUpdate: true }));
    expect(item(model.menu, /Start at login/)).toBeUndefined();
    expect(item(model.menu, /updates/)).toMatchObject({ checked: true, action: 'toggle-auto-update' });
    expect(item(trayModel(input({ openAtLogin: true })).menu, /Start at login/)).toMatchObject({ checked: true });
  });
});

describe('relativeTime', () => {
  it('formats', () => {
    expect(relativeTime(null, now)).toBe('never');
    expect(relativeTime('garbage', now)).toBe('unknown');
    expect(relativeTime('2026-11-24T09:59:30.000Z', now)).toBe('just now');
    expect(relativeTime('2026-11-24T10:00:30.000Z', now)).toBe('just now');
    expect(relativeTime('2026-11-24T09:15:00.000Z', now)).toBe('45 min ago');
    expect(relativeTime('2026-11-24T05:00:00.000Z', now)).toBe('5 h ago');
    expect(relativeTime('2026-11-20T10:00:00.000Z', now)).toBe('4 d ago');
  });
});

describe('trayClickOpensWindow', () => {
  it('opens the window on Windows and Linux, shows the menu on macOS', () => {
    expect(trayClickOpensWindow('win32')).toBe(true);
    expect(trayClickOpensWindow('linux')).toBe(true);
    expect(trayClickOpensWindow('darwin')).toBe(false);
  });
});
