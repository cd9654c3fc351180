import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApprovalItem, EventName, ExecutorStatus, SettingsView } from '../../shared/contract';
import { defaultSettings } from '../../shared/settings';
import { makeAlert, makeItem } from './notification-fixtures.test-util';
import type { NotificationSpec } from './notification-model';
import { NotificationWatcher, type WatcherApi } from './notification-watcher';

/** A tiny engine stand-in: a mutable approvals list, status and settings, plus an event emitter. */
function fakeEngine() {
  const state = { items: [] as ApprovalItem[], paused: false, notificationsEnabled: true };
  const events = new EventEmitter();
  const api: WatcherApi = {
    'approvals:list': async () => ({ items: state.items, total: state.items.length }),
    'status:get': async () => ({ state: state.paused ? 'paused' : 'running', paused: state.paused } as ExecutorStatus),
    'settings:get': async () => ({ settings: { ...defaultSettings, notificationsEnabled: state.notificationsEnabled }, locked: {} } as SettingsView),
  };
  const on = (event: EventName, listener: (payload: unknown) => void) => {
    events.on(event, listener);
    return () => events.off(event, listener);
  };
  return { state, events, api, on };
}

describe('NotificationWatcher', () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  async function setup(initial: ApprovalItem[] = []) {
    const engine = fakeEngine();
    engine.state.items = initial;
    const shown: NotificationSpec[][] = [];
    const watcher = new NotificationWatcher({ api: engine.api, on: engine.on, show: (specs) => shown.push(specs), debounceMs: 1000 });
    await watcher.start();
    const settle = async () => {
      await vi.advanceTimersByTimeAsync(1000);
      await watcher.idle();
    };
    return { engine, shown, watcher, settle };
  }

  it('does not notify the backlog present at start-up, then notifies each new approval once', async () => {
    const { engine, shown, settle } = await setup([makeItem({ id: 'old' })]);
    engine.state.items = [makeItem({ id: 'old' }), makeItem({ id: 'new-1' })];
    engine.events.emit('task:changed', { id: 'new-1', status: 'new' });
    await vi.advanceTimersByTimeAsync(999);
    expect(shown).toEqual([]);
    await settle();
    expect(shown.map((batch) => batch.map((s) => s.key))).toEqual([['approval:new-1']]);
    engine.events.emit('status:changed', {});
    await settle();
    expect(shown).toHaveLength(1);
  });

  it('gathers a burst of events into one batch', async () => {
    const { engine, shown, settle } = await setup();
    for (let i = 0; i < 20; i++) {
      engine.state.items = [...engine.state.items, makeItem({ id: `t${i}`, title: `Task ${i}` })];
      engine.events.emit('task:changed', { id: `t${i}`, status: 'new' });
      await vi.advanceTimersByTimeAsync(10);
    }
    await settle();
    expect(shown).toHaveLength(1);
    expect(shown[0]).toHaveLength(1);
    expect(shown[0]![0]).toMatchObject({ kind: 'approvals-batch', title: '20 tasks need your approval' });
  });

  it('a task decided and re-queued for approval notifies again', async () => {
    const { engine, shown, settle } = await setup();
    engine.state.items = [makeItem({ id: 'x' })];
    engine.events.emit('task:changed', {});
    await settle();
    engine.state.items = [];
    engine.events.emit('task:changed', {});
    await settle();
    engine.state.items = [makeItem({ id: 'x' })];
    engine.events.emit('task:changed', {});
    await settle();
    expect(shown.flat().map((s) => s.key)).toEqual(['approval:x', 'approval:x']);
  });

  it('is quiet while paused and when notifications are off, without replaying later', async () => {
    const { engine, shown, settle } = await setup();
    engine.state.paused = true;
    engine.state.items = [makeItem({ id: 'p' })];
    engine.events.emit('task:changed', {});
    engine.events.emit('alert:raised', makeAlert({ id: 'urgent-1', severity: 'urgent' }));
    await settle();
    engine.state.paused = false;
    engine.state.notificationsEnabled = false;
    engine.state.items = [makeItem({ id: 'p' }), makeItem({ id: 'q' })];
    engine.events.emit('task:changed', {});
    await settle();
    engine.state.notificationsEnabled = true;
    engine.events.emit('status:changed', {});
    await settle();
    expect(shown).toEqual([]);
    engine.state.items = [...engine.state.items, makeItem({ id: 'r' })];
    engine.events.emit('task:changed', {});
    await settle();
    expect(shown.flat().map((s) => s.key)).toEqual(['approval:r']);
  });

  it('notifies escalations once each and ignores alerts not worth it', async () => {
    const { engine, shown, settle } = await setup();
    engine.events.emit('alert:raised', makeAlert({ id: 'e1' }));
    engine.events.emit('alert:raised', makeAlert({ id: 'e1' }));
    engine.events.emit('alert:raised', makeAlert({ id: 'low', type: 'rate_limit', severity: 'low' }));
    await settle();
    expect(shown.flat().map((s) => s.key)).toEqual(['alert:e1']);
  });

  it('stops listening', async () => {
    const { engine, shown, watcher, settle } = await setup();
    watcher.stop();
    engine.state.items = [makeItem({ id: 'z' })];
    engine.events.emit('task:changed', {});
    await settle();
    expect(shown).toEqual([]);
    expect(engine.events.eventNames()).toEqual([]);
  });
});
