import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../engine/index';
import { menuTemplate } from './tray-menu';
import { gatherTrayInput } from './tray-refresh';
import { trayModel, type TrayAction } from './tray-model';

let engine: Engine;
beforeEach(() => {
  engine = createEngine({ dbPath: join(mkdtempSync(join(tmpdir(), 'mc-tray-')), 'mission-control.db'), env: { AGENT_DRY_RUN: '1' } });
});
afterEach(async () => {
  await engine.close();
});

const options = (now = new Date()) => ({
  api: engine.api,
  on: () => () => undefined,
  render: () => undefined,
  prefs: () => ({ openAtLogin: false, loginItemSupported: true, autoUpdate: false }),
  engineError: () => null,
  now: () => now,
});

describe('tray from the real engine', () => {
  it('shows the waiting approvals, the env-locked dry run, and maps clicks to actions', async () => {
    await engine.api['tasks:create']({ title: 'Needs Kenny', assignedAgent: 'Email Agent', requiresApproval: true });
    await engine.api['tasks:create']({ title: 'Needs Kenny too', assignedAgent: 'Email Agent', requiresApproval: true });
    engine.start();
    const input = await gatherTrayInput(options());
    expect(input.status?.counts.awaitingApproval).toBe(2);
    expect(input.locked).toMatchObject({ dryRun: 'AGENT_DRY_RUN' });
    const model = trayModel(input);
    expect(model.icon).toMatch(/-attention$/);
    const clicked: TrayAction[] = [];
    const template = menuTemplate(model, (action) => clicked.push(action));
    expect(template[0]).toMatchObject({ type: 'normal', label: '2 approvals waiting…', id: 'open-inbox', enabled: true });
    expect(template.find((t) => t.id === 'toggle-dry-run')).toMatchObject({ type: 'checkbox', checked: true, enabled: false, label: 'Dry run (set by AGENT_DRY_RUN)' });
    expect(template.filter((t) => t.type === 'separator').length).toBeGreaterThan(2);
    expect(template.find((t) => t.label?.startsWith('Last poll'))).toMatchObject({ enabled: false });
    expect(template.find((t) => t.label?.startsWith('Last poll'))?.click).toBeUndefined();
    for (const item of template) item.click?.({} as never, undefined, {} as never);
    expect(clicked).toEqual(['open-inbox', 'toggle-pause', 'toggle-dry-run', 'run-now', 'open-dashboard', 'toggle-login-item', 'toggle-auto-update', 'quit']);
  });

  it('a failing engine gives a null status (controls disabled) instead of throwing', async () => {
    const broken = { ...options(), api: { ...engine.api, 'status:get': () => Promise.reject(new Error('database is locked')) } };
    const errors: unknown[] = [];
    const input = await gatherTrayInput({ ...broken, onError: (e) => errors.push(e) });
    expect(input.status).toBeNull();
    expect(errors).toHaveLength(1);
    expect(trayModel(input).menu.find((m) => m.type !== 'separator' && m.label === 'Pause')).toMatchObject({ enabled: false });
  });
});
