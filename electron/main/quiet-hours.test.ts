import { EventEmitter } from 'node:events';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ApprovalItem, EventName, ExecutorStatus, SettingsView } from '../../shared/contract';
import { defaultQuietHours } from '../../shared/send-schedule';
import { defaultSettings } from '../../shared/settings';
import { makeAlert, makeItem } from './notification-fixtures.test-util';
import type { NotificationSpec } from './notification-model';
import { NotificationWatcher, type WatcherApi } from './notification-watcher';
import { splitForQuietHours } from './quiet-hours';

const jhb = 'Africa/Johannesburg';
const quiet = { ...defaultQuietHours, enabled: true }; // 21:00-07:00 every day
const night = new Date('2026-11-30T20:30:00.000Z'); // 22:30 in Johannesburg

describe('splitForQuietHours', () => {
  it('holds ordinary approvals and alerts at night; urgent ones still interrupt', () => {
    const items = [makeItem({ id: 'calm', priority: 'medium' }), makeItem({ id: 'fire', priority: 'urgent' })];
    const alerts = [makeAlert({ id: 'esc', severity: 'high' }), makeAlert({ id: 'unk', type: 'outcome_unknown', severity: 'urgent' })];
    const split = splitForQuietHours(items, alerts, quiet, night, jhb);
    expect(split.showApprovals.map((item) => item.task.id)).toEqual(['fire']);
    expect(split.holdApprovals.map((item) => item.task.id)).toEqual(['calm']);
    expect(split.showAlerts.map((alert) => alert.id)).toEqual(['unk']);
    expect(split.holdAlerts.map((alert) => alert.id)).toEqual(['esc']);
    expect(split.until?.toISOString()).toBe('2026-12-01T05:00:00.000Z'); // 07:00
  });

  it('holds urgent ones too when allowUrgent is off, and nothing by day or when off', () => {
    const items = [makeItem({ id: 'fire', priority: 'urgent' })];
    expect(splitForQuietHours(items, [], { ...quiet, allowUrgent: false }, night, jhb).showApprovals).toEqual([]);
    expect(splitForQuietHours(items, [], quiet, new Date('2026-11-30T10:00:00.000Z'), jhb).until).toBeNull();
    expect(splitForQuietHours(items, [], defaultQuietHours, night, jhb).until).toBeNull();
  });
});

describe('NotificationWatcher in quiet hours (fake time)', () => {
  beforeEach(() => {
    vi.useFakeTimers();
    vi.setSystemTime(night);
  });
  afterEach(() => vi.useRealTimers());

  it('shows nothing ordinary at 22:30, then one batch at 07:00 with what still waits', async () => {
    const items: ApprovalItem[] = [];
    const events = new EventEmitter();
    const api: WatcherApi = {
      'approvals:list': async () => ({ items, total: items.length }),
      'status:get': async () => ({ state: 'running', paused: false }) as ExecutorStatus,
      'settings:get': async () => ({ settings: { ...defaultSettings, quietHours: quiet }, locked: {} }) as SettingsView,
    };
    const on = (event: EventName, listener: (payload: unknown) => void) => {
      events.on(event, listener);
      return () => events.off(event, listener);
    };
    const shown: NotificationSpec[][] = [];
    const watcher = new NotificationWatcher({ api, on, show: (specs) => shown.push(specs), debounceMs: 1000, now: () => new Date() });
    await watcher.start();

    items.push(makeItem({ id: 'a', title: 'Reply A', priority: 'medium' }), makeItem({ id: 'b', title: 'Reply B', priority: 'low' }));
    events.emit('task:changed', { id: 'a', status: 'new' });
    events.emit('alert:raised', makeAlert({ id: 'esc', severity: 'high' }));
    await vi.advanceTimersByTimeAsync(1000);
    await watcher.idle();
    expect(shown).toEqual([]);

    items.push(makeItem({ id: 'u', title: 'Store down', priority: 'urgent' }));
    events.emit('task:changed', { id: 'u', status: 'new' });
    await vi.advanceTimersByTimeAsync(1000);
    await watcher.idle();
    expect(shown.map((batch) => batch.map((spec) => spec.key))).toEqual([['approval:u']]);

    items.splice(items.findIndex((item) => item.task.id === 'b'), 1); // decided elsewhere during the night
    await vi.advanceTimersByTimeAsync(Date.parse('2026-12-01T05:00:00.000Z') - Date.now() + 2_500);
    await watcher.idle();
    expect(shown).toHaveLength(2);
    expect(shown[1]!.map((spec) => spec.key)).toEqual(['approval:a', 'alert:esc']);
    watcher.stop();
  });
});
