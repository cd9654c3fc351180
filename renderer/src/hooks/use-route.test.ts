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

  it('round-trips task ids with special characters', () => {
    const route = { view: 'task', id: 'x y/#1' } as const;
    expect(parseRoute(routeHref(route))).toEqual(route);
  });
});
