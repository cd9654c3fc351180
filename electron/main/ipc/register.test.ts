import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { methodNames, type EngineApi } from '../../../shared/contract';
import { EngineError } from '../../engine/errors';
import { invokeChannel } from './channels';
import { FakeIpcMain } from './fake-ipc.test-util';
import { handleInvoke, registerIpc, servedMethods } from './register';
import { isAppUrl } from './sender-check';

const rendererDir = join(mkdtempSync(join(tmpdir(), 'mc-ipc-')), 'out', 'renderer');
const appUrl = `${pathToFileURL(join(rendererDir, 'index.html')).href}#/approvals`;
const trusted = (url: string) => isAppUrl(url, { rendererDir });

/** An API whose every method records its (validated) input and echoes it. */
function recordingApi() {
  const calls: Array<{ method: string; input: unknown }> = [];
  const api = Object.fromEntries(
    methodNames.map((name) => [name, vi.fn(async (input: unknown) => { calls.push({ method: name, input }); return { echoed: name }; })]),
  ) as unknown as EngineApi;
  return { api, calls };
}

/** A valid input for each method (defaults fill the rest). */
const validInputs: Record<string, unknown> = {
  'tasks:get': { id: 't1' },
  'tasks:create': { title: 'Send the newsletter' },
  'tasks:requeue': { id: 't1' },
  'tasks:cancel': { id: 't1' },
  'approvals:approve': { id: 't1' },
  'approvals:reject': { id: 't1', reason: 'tone is off' },
  'approvals:preview': { id: 't1' },
  'approvals:save': { id: 't1', edits: { title: 'Better title' } },
  'approvals:bulk': { ids: ['t1', 't2'], decision: 'approve' },
  'rules:upsert': undefined,
  'rules:delete': { id: 'r1' },
  'alerts:acknowledge': { id: 'a1' },
  'channels:connect': { id: 'gmail' },
  'channels:check': { id: 'gmail' },
  'channels:disconnect': { id: 'gmail' },
  'tasks:rollback': { id: 't1' },
  'newsletters:send-test': { taskId: 't1' },
  'tasks:resolveFailed': { ids: ['t1'], action: 'retry' },
  'tasks:reschedule': { id: 't1', at: '2026-12-01T08:00:00+02:00' },
  'calendar:list': { from: '2026-11-29T22:00:00.000Z' },
  'previews:media': { taskId: 't1', index: 0 },
  'tasks:markDone': { id: 't1', note: 'called the supplier' },
  'suggestions:accept': { id: 'trust-1' },
  'suggestions:dismiss': { id: 'trust-1' },
  'approvals:undo': { id: 't1' },
  'approvals:snooze': { id: 't1', until: '2026-12-01T09:00:00.000Z' },
  'approvals:decided': { since: '2026-11-30T00:00:00.000Z' },
};

describe('registerIpc', () => {
  it('registers one invoke handler that serves every contract method', async () => {
    const ipcMain = new FakeIpcMain();
    const { api, calls } = recordingApi();
    registerIpc({ ipcMain, api, isTrustedUrl: trusted });
    expect([...ipcMain.handlers.keys()]).toEqual([invokeChannel]);
    expect(servedMethods(api)).toEqual(methodNames);
    for (const method of methodNames) {
      if (method === 'rules:upsert') continue; // input depends on the rule schema; covered below via invalid input
      const result = await ipcMain.invokeFrom(appUrl, invokeChannel, method, validInputs[method] ?? {});
      expect(result, method).toEqual({ ok: true, value: { echoed: method } });
    }
    expect(calls.map((c) => c.method)).toEqual(methodNames.filter((m) => m !== 'rules:upsert'));
    // Defaults from the zod schema reach the engine, not the raw input.
    expect(calls.find((c) => c.method === 'tasks:list')?.input).toMatchObject({ sort: 'priority', limit: 100, offset: 0 });
  });

  it('refuses to start with an API that lacks a contract method', () => {
    const { api } = recordingApi();
    const partial = { ...api } as Partial<EngineApi>;
    delete partial['stats:get'];
    expect(() => registerIpc({ ipcMain: new FakeIpcMain(), api: partial as EngineApi, isTrustedUrl: trusted })).toThrow(/stats:get/);
  });

  it('rejects foreign frames before parsing anything', async () => {
    const ipcMain = new FakeIpcMain();
    const { api, calls } = recordingApi();
    registerIpc({ ipcMain, api, isTrustedUrl: trusted });
    const foreign = [
      'https://evil.example/index.html',
      pathToFileURL(join(rendererDir, '..', 'other', 'index.html')).href,
      'file:///etc/passwd',
      'about:blank',
      'devtools://devtools/bundled/inspector.html',
      '',
      null,
    ];
    for (const url of foreign) {
      const result = await ipcMain.invokeFrom(url, invokeChannel, 'executor:pause', {});
      expect(result, String(url)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    expect(calls).toHaveLength(0);
  });

  it('answers invalid input as data with invalid_input and never calls the engine', async () => {
    const ipcMain = new FakeIpcMain();
    const { api, calls } = recordingApi();
    registerIpc({ ipcMain, api, isTrustedUrl: trusted });
    const cases: Array<[string, unknown]> = [
      ['approvals:reject', { id: 't1' }],
      ['approvals:reject', { id: 't1', reason: '   ' }],
      ['tasks:list', { limit: 10_000 }],
      ['tasks:create', { title: '' }],
      ['executor:pause', { by: 'Kenny', extra: true }],
      ['rules:upsert', { nonsense: 1 }],
      ['tasks:get', 'not an object'],
    ];
    for (const [method, input] of cases) {
      const result = await ipcMain.invokeFrom(appUrl, invokeChannel, method, input);
      expect(result, method).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    const reject = (await ipcMain.invokeFrom(appUrl, invokeChannel, 'approvals:reject', { id: 't1' })) as { error: { message: string } };
    expect(reject.error.message).toMatch(/^reason:/);
    expect(await ipcMain.invokeFrom(appUrl, invokeChannel, 'fs:readFile', {})).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringContaining('Unknown method') } });
    expect(await ipcMain.invokeFrom(appUrl, invokeChannel, '__proto__', {})).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(calls).toHaveLength(0);
  });

  it("keeps the engine's error codes and hides unexpected errors' details", async () => {
    const { api } = recordingApi();
    const logger = { warn: vi.fn(), error: vi.fn() };
    api['approvals:approve'] = async () => { throw new EngineError('conflict', 'Task t1 is not awaiting a decision'); };
    api['tasks:get'] = async () => { throw new Error('SQLITE_CORRUPT: database disk image is malformed at /home/kenny/...'); };
    const event = { senderFrame: { url: appUrl } };
    expect(await handleInvoke(api, trusted, event, 'approvals:approve', { id: 't1' }, logger)).toEqual({ ok: false, error: { code: 'conflict', message: 'Task t1 is not awaiting a decision' } });
    const internal = await handleInvoke(api, trusted, event, 'tasks:get', { id: 't1' }, logger);
    expect(internal).toEqual({ ok: false, error: { code: 'internal', message: 'Internal error; see the app log' } });
    expect(logger.error).toHaveBeenCalledOnce();
  });

  it('unregisters cleanly', async () => {
    const ipcMain = new FakeIpcMain();
    const off = registerIpc({ ipcMain, ...recordingApi(), isTrustedUrl: trusted });
    off();
    await expect(ipcMain.invokeFrom(appUrl, invokeChannel, 'status:get', {})).rejects.toThrow(/No handler/);
  });
});
