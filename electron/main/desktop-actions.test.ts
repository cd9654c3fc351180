/** The shell's actions against the real engine on a temporary SQLite file. */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createEngine, type Engine } from '../engine/index';
import { createDesktopActions, handleDeepLink, runTrayAction, type ShellHooks } from './desktop-actions';
import { invokeChannel } from './ipc/channels';
import { FakeIpcMain } from './ipc/fake-ipc.test-util';
import { registerIpc } from './ipc/register';
import { isAppUrl } from './ipc/sender-check';
import type { NotificationSpec } from './notification-model';
import { NotificationWatcher } from './notification-watcher';

let engine: Engine;

beforeEach(() => {
  const dir = mkdtempSync(join(tmpdir(), 'mc-shell-'));
  engine = createEngine({ dbPath: join(dir, 'mission-control.db'), env: {} });
});
afterEach(async () => {
  await engine.close();
});

function hooks(): ShellHooks & { routes: string[]; reports: Array<{ ok: boolean; message: string }> } {
  const routes: string[] = [];
  const reports: Array<{ ok: boolean; message: string }> = [];
  return { routes, reports, openRoute: (r) => routes.push(r), quit: vi.fn(), toggleLoginItem: vi.fn(), toggleAutoUpdate: vi.fn(), report: (o) => reports.push(o) };
}

async function waitingTask(title = 'Reply to Jo') {
  const task = await engine.api['tasks:create']({ title, assignedAgent: 'Email Agent', requiresApproval: true, metadata: { to: 'jo@example.com' } });
  const { items } = await engine.api['approvals:list']({ limit: 200 });
  expect(items.map((i) => i.task.id)).toContain(task.id);
  return task;
}

describe('tray actions', () => {
  it('Pause/Resume toggles the engine and is logged like the dashboard does', async () => {
    const h = hooks();
    const actions = createDesktopActions(engine.api);
    await runTrayAction('toggle-pause', await engine.api['status:get']({}), actions, h);
    expect((await engine.api['status:get']({})).paused).toBe(true);
    await runTrayAction('toggle-pause', await engine.api['status:get']({}), actions, h);
    expect((await engine.api['status:get']({})).paused).toBe(false);
    expect(h.reports).toEqual([{ ok: true, message: 'Execution paused' }, { ok: true, message: 'Execution resumed' }]);
    const logs = await engine.api['logs:list']({ limit: 50 });
    expect(logs.items.map((l) => l.eventType)).toEqual(expect.arrayContaining(['executor_paused', 'executor_resumed']));
  });

  it('Dry run toggles the setting; Open items route the window; Quit quits', async () => {
    const h = hooks();
    const actions = createDesktopActions(engine.api);
    const before = (await engine.api['status:get']({})).dryRun;
    await runTrayAction('toggle-dry-run', await engine.api['status:get']({}), actions, h);
    expect((await engine.api['settings:get']({})).settings.dryRun).toBe(!before);
    await runTrayAction('open-inbox', null, actions, h);
    await runTrayAction('open-dashboard', null, actions, h);
    await runTrayAction('quit', null, actions, h);
    expect(h.routes).toEqual(['#/approvals', '#/']);
    expect(h.quit).toHaveBeenCalledOnce();
  });

  it('Run now runs a cycle', async () => {
    const h = hooks();
    await runTrayAction('run-now', null, createDesktopActions(engine.api), h);
    expect(h.reports[0]).toMatchObject({ ok: true, message: expect.stringMatching(/^Ran: \d+ executed/) });
  });
});

describe('notification decisions', () => {
  it('Approve and Reject call the approvals API and land in the decision trail', async () => {
    const actions = createDesktopActions(engine.api);
    const a = await waitingTask('Approve me');
    const b = await waitingTask('Reject me');
    expect(await actions.decide(a.id, 'approve')).toEqual({ ok: true, message: 'Approved "Approve me"' });
    expect(await actions.decide(b.id, 'reject')).toEqual({ ok: true, message: 'Rejected "Reject me"' });
    const detailA = await engine.api['tasks:get']({ id: a.id });
    expect(detailA.task.approvedBy).toBe('Kenny');
    expect(detailA.decisions.map((d) => d.kind)).toContain('approved');
    const detailB = await engine.api['tasks:get']({ id: b.id });
    expect(detailB.task).toMatchObject({ status: 'rejected', rejectionReason: 'Rejected from the desktop notification' });
    const again = await actions.decide(a.id, 'approve');
    expect(again.ok).toBe(false);
    expect(again.message).toMatch(/^Could not approve: Cannot approve "Approve me"/);
  });

  it("deep links decide only with this run's nonce; otherwise they just open the task", async () => {
    const actions = createDesktopActions(engine.api);
    const task = await waitingTask();
    const h = hooks();
    await handleDeepLink({ kind: 'approve', taskId: task.id, nonce: 'forged' }, 'real-nonce', actions, h);
    await handleDeepLink({ kind: 'approve', taskId: task.id, nonce: '' }, 'real-nonce', actions, h);
    expect((await engine.api['tasks:get']({ id: task.id })).task.approvedAt).toBeNull();
    expect(h.routes).toEqual([`#/approvals/${task.id}`, `#/approvals/${task.id}`]);
    await handleDeepLink({ kind: 'approve', taskId: task.id, nonce: 'real-nonce' }, 'real-nonce', actions, h);
    expect((await engine.api['tasks:get']({ id: task.id })).task.approvedBy).toBe('Kenny');
    expect(h.reports).toEqual([{ ok: true, message: 'Approved "Reply to Jo"' }]);
    await handleDeepLink({ kind: 'open', route: '#/logs' }, 'real-nonce', actions, h);
    expect(h.routes.at(-1)).toBe('#/logs');
  });
});

describe('with the real engine', () => {
  it('the watcher notifies a task that starts waiting for approval, from engine events', async () => {
    const shown = new Promise<NotificationSpec[]>((resolve) => {
      const watcher = new NotificationWatcher({ api: engine.api, on: (e, l) => engine.on(e, l), show: resolve, debounceMs: 5 });
      void watcher.start().then(() => waitingTask('Post the Black Friday teaser'));
    });
    const specs = await shown;
    expect(specs).toHaveLength(1);
    expect(specs[0]).toMatchObject({ kind: 'approval', title: 'Approve? Post the Black Friday teaser', actions: ['approve', 'reject'] });
  });

  it('IPC serves the engine: a call from our page creates and lists tasks; a foreign frame is refused', async () => {
    const fakeIpc = new FakeIpcMain();
    const rendererDir = '/app/out/renderer';
    registerIpc({ ipcMain: fakeIpc, api: engine.api, isTrustedUrl: (url) => isAppUrl(url, { rendererDir }) });
    const page = pathToFileURL(join(rendererDir, 'index.html')).href;
    const created = (await fakeIpc.invokeFrom(page, invokeChannel, 'tasks:create', { title: 'From the window' })) as { ok: boolean; value: { id: string } };
    expect(created.ok).toBe(true);
    const listed = (await fakeIpc.invokeFrom(page, invokeChannel, 'tasks:list', { search: 'window' })) as { ok: boolean; value: { items: Array<{ id: string }> } };
    expect(listed.value.items.map((t) => t.id)).toEqual([created.value.id]);
    expect(await fakeIpc.invokeFrom(page, invokeChannel, 'tasks:get', { id: 'nope' })).toMatchObject({ ok: false, error: { code: 'not_found' } });
    expect(await fakeIpc.invokeFrom('https://evil.example/', invokeChannel, 'tasks:create', { title: 'x' })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect((await engine.api['tasks:list']({})).total).toBe(1);
  });
});
