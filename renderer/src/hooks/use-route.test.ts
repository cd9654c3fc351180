import { describe, expect, it } from 'vitest';
import { parseRoute, routeHref } from './use-route';

describe('hash routes', () => {
  it('parses every view and falls back to Today', () => {
    expect(parseRoute('#/approvals')).toEqual({ view: 'approvals' });
    expect(parseRoute('#/approvals/t%201')).toEqual({ view: 'approvals', focus: 't 1' });
    expect(parseRoute('#/task/a%2Fb')).toEqual({ view: 'task', id: 'a/b' });
    expect(parseRoute('#/task/')).toEqual({ view: 'queues' });
    expect(parseRoute('')).toEqual({ view: 'today' });
    expect(parseRoute('#/nope')).toEqual({ view: 'today' });
  });

  it('calendar weeks and digest days: a date or nothing', () => {
    expect(parseRoute('#/calendar')).toEqual({ view: 'calendar' });
    expect(parseRoute('#/calendar/2026-12-07')).toEqual({ view: 'calendar', week: '2026-12-07' });
    expect(parseRoute('#/calendar/next')).toEqual({ view: 'calendar' });
    expect(parseRoute(routeHref({ view: 'digest', day: '2026-11-29' }))).toEqual({ view: 'digest', day: '2026-11-29' });
    expect(routeHref({ view: 'digest' }, 'hash')).toBe('#/digest');
  });

  it('parses path routes the same way, and writes paths where there is no window (the server render)', () => {
    expect(parseRoute('/queues')).toEqual({ view: 'queues' });
    expect(parseRoute('/task/a%2Fb')).toEqual({ view: 'task', id: 'a/b' });
    expect(parseRoute('/approvals/t%201')).toEqual({ view: 'approvals', focus: 't 1' });
    expect(parseRoute('/')).toEqual({ view: 'today' });
    expect(routeHref({ view: 'queues' })).toBe('/queues');
    expect(routeHref({ view: 'task', id: 'x y/#1' }, 'path')).toBe('/task/x%20y%2F%231');
    expect(parseRoute(routeHref({ view: 'calendar', week: '2026-12-07' }, 'path'))).toEqual({ view: 'calendar', week: '2026-12-07' });
  });

  it('round-trips task ids with special characters', () => {
    const route = { view: 'task', id: 'x y/#1' } as const;
    expect(parseRoute(routeHref(route, 'hash'))).toEqual(route);
    expect(parseRoute(routeHref(route, 'path'))).toEqual(route);
  });
});
