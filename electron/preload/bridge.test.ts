import { EventEmitter } from 'node:events';
import { pathToFileURL } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { eventNames, methodNames, type EngineApi, type EventName } from '../../shared/contract';
import { bridgeEventNames, eventChannel, invokeChannel } from '../main/ipc/channels';
import { forwardEvents } from '../main/ipc/events';
import { FakeIpcMain } from '../main/ipc/fake-ipc.test-util';
import { registerIpc } from '../main/ipc/register';
import { createBridge, type IpcRendererLike } from './bridge';

const rendererDir = '/app/out/renderer';
const pageUrl = pathToFileURL('/app/out/renderer/index.html').href;

/** ipcRenderer stand-in: invoke goes to the fake ipcMain as if sent from `pageUrl`; `on` is an EventEmitter. */
function wire(ipcMain: FakeIpcMain, url = pageUrl) {
  const emitter = new EventEmitter();
  const ipc: IpcRendererLike = {
    invoke: (channel, ...args) => ipcMain.invokeFrom(url, channel, ...args),
    on: (channel, listener) => emitter.on(channel, listener),
    removeListener: (channel, listener) => emitter.removeListener(channel, listener),
  };
  return { ipc, emitter };
}

describe('preload bridge', () => {
  it('knows exactly the contract events', () => {
    expect([...bridgeEventNames]).toEqual(eventNames);
  });

  it('exposes only invoke and on, frozen', () => {
    const bridge = createBridge(wire(new FakeIpcMain()).ipc);
    expect(Object.keys(bridge).sort()).toEqual(['invoke', 'on']);
    expect(Object.isFrozen(bridge)).toBe(true);
  });

  it('round-trips a contract call through main and returns ApiResult data', async () => {
    const ipcMain = new FakeIpcMain();
    const api = Object.fromEntries(methodNames.map((m) => [m, async () => ({ state: m })])) as unknown as EngineApi;
    registerIpc({ ipcMain, api, isTrustedUrl: (url) => url.startsWith(pathToFileURL(rendererDir).href + '/') });
    const bridge = createBridge(wire(ipcMain).ipc);
    expect(await bridge.invoke('status:get', {})).toEqual({ ok: true, value: { state: 'status:get' } });
    expect(await bridge.invoke('approvals:reject', { id: 'x' })).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const foreign = createBridge(wire(ipcMain, 'https://example.com/').ipc);
    expect(await foreign.invoke('status:get', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
  });

  it('answers unavailable (as data) when main has no handler', async () => {
    const bridge = createBridge(wire(new FakeIpcMain()).ipc);
    expect(await bridge.invoke('status:get', {})).toMatchObject({ ok: false, error: { code: 'unavailable' } });
  });

  it('delivers forwarded engine events to subscribers without the IPC event object, and unsubscribes', () => {
    const { ipc, emitter } = wire(new FakeIpcMain());
    const bridge = createBridge(ipc);
    const engineEvents = new EventEmitter();
    const on = (event: EventName, listener: (payload: unknown) => void) => {
      engineEvents.on(event, listener);
      return () => engineEvents.off(event, listener);
    };
    const sink = { send: (channel: string, ...args: unknown[]) => emitter.emit(channel, { sender: 'ipc-event' }, ...args), isDestroyed: () => false };
    const stop = forwardEvents(on, () => [sink]);
    const seen = vi.fn();
    const off = bridge.on('task:changed', seen);
    expect(bridge.on('not:an-event', seen)()).toBeUndefined();
    engineEvents.emit('task:changed', { id: 't1', status: 'completed' });
    engineEvents.emit('log:appended', { id: 'l1' });
    expect(seen.mock.calls).toEqual([[{ id: 't1', status: 'completed' }]]);
    off();
    expect(emitter.listenerCount(eventChannel)).toBe(0);
    engineEvents.emit('task:changed', { id: 't2', status: 'failed' });
    expect(seen).toHaveBeenCalledTimes(1);
    stop();
    expect(engineEvents.eventNames()).toEqual([]);
  });

  it('skips destroyed windows', () => {
    const engineEvents = new EventEmitter();
    const on = (event: EventName, listener: (payload: unknown) => void) => {
      engineEvents.on(event, listener);
      return () => engineEvents.off(event, listener);
    };
    const live = { send: vi.fn(), isDestroyed: () => false };
    const dead = { send: vi.fn(), isDestroyed: () => true };
    forwardEvents(on, () => [live, dead]);
    engineEvents.emit('status:changed', { state: 'paused' });
    expect(live.send).toHaveBeenCalledWith(eventChannel, 'status:changed', { state: 'paused' });
    expect(dead.send).not.toHaveBeenCalled();
    expect(invokeChannel).not.toBe(eventChannel);
  });
});
