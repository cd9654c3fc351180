import { describe, expect, it } from 'vitest';
import { parseRoute } from '../hooks/use-route';
import { firstCallsFor } from './first-calls';

const noStorage = { getItem: () => null };
const methods = (hash: string, storage: { getItem(key: string): string | null } = noStorage) => firstCallsFor(hash, storage).calls.map((call) => `${call.method} ${JSON.stringify(call.input)}`);

describe('firstCallsFor', () => {
  it('starts the shell calls on every route and the default queue page on Queues', () => {
    expect(methods('#/queues')).toEqual(['status:get {}', 'sync:status {}', 'tasks:list {"sort":"priority","direction":"asc","offset":0,"limit":200}']);
  });

  it('predicts the queue only when no filters nor scroll position are stored for it', () => {
    expect(methods('#/queues', { getItem: (key) => (key === 'mc-queue-view' ? '{"filters":{},"sort":{}}' : null) })).toEqual(['status:get {}', 'sync:status {}']);
    expect(firstCallsFor('/queues', { getItem: (key) => (key === 'mc-queue-scroll' ? '720' : null) }).complete).toBe(false);
    expect(firstCallsFor('/queues', noStorage)).toMatchObject({ complete: true, storageKeys: ['mc-queue-view', 'mc-queue-scroll'] });
  });

  it('reads paths as it reads hashes, and says which routes it knows every first call of', () => {
    expect(methods('/queues')).toEqual(methods('#/queues'));
    expect(methods('/task/a%2Fb')).toEqual(methods('#/task/a%2Fb'));
    for (const path of ['/', '/today', '/approvals', '/logs', '/settings', '/task/x', '/queues']) expect(firstCallsFor(path, noStorage), path).toMatchObject({ complete: true });
    for (const path of ['/calendar', '/digest/2026-11-29', '/task/%E0%A4%A']) expect(firstCallsFor(path, noStorage).complete, path).toBe(false);
  });

  it('names the view chunk of the route use-route.ts shows', () => {
    const cases: [string, string][] = [
      ['', 'today-view'],
      ['#/nowhere', 'today-view'],
      ['#/approvals/seed-1', 'approvals-view'],
      ['#/task', 'queues-view'],
      ['#/task/a%2Fb', 'task-detail-view'],
      ['#/logs', 'logs-view'],
      ['#/settings', 'settings-view'],
      ['#/calendar/2026-12-07', 'calendar-view'],
      ['#/digest', 'digest-view'],
      ['#/constructor', 'today-view'],
    ];
    for (const [hash, view] of cases) {
      expect(firstCallsFor(hash, noStorage).view, hash).toBe(view);
      expect(view.startsWith(parseRoute(hash).view === 'task' ? 'task-detail' : parseRoute(hash).view), hash).toBe(true);
    }
  });

  it('asks for the task the detail route names, decoded as the view decodes it', () => {
    expect(methods('#/task/a%2Fb')).toContain('tasks:get {"id":"a/b"}');
    expect(methods('#/task/%E0%A4%A')).toEqual(['status:get {}', 'sync:status {}']);
  });

  it('starts only read calls', () => {
    const hashes = ['#/today', '#/approvals', '#/queues', '#/task/x', '#/logs', '#/settings', '#/calendar', '#/digest'];
    for (const hash of hashes) {
      // limits:usage reads the daily limits' windows (monitoring-api.ts), like the others.
      for (const call of firstCallsFor(hash, noStorage).calls) expect(call.method, hash).toMatch(/:(get|list|status|usage)$/);
    }
  });
});
