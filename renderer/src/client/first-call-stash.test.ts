import { afterEach, describe, expect, it, vi } from 'vitest';
import { firstCallMaxAgeMs, stashedResult, takeFirstCall, type FirstCallResponse, type FirstCallStash } from './first-call-stash';
import { createHttpClient } from './http-client';
import { McError } from './types';

const ok = (value: unknown): FirstCallResponse => ({ status: 200, body: { ok: true, value } });
const status = { counts: { awaitingApproval: 3 } };

function stash(...entries: [string, string, FirstCallResponse | null][]): FirstCallStash {
  return { startedAt: 1_000, entries: entries.map(([method, body, response]) => ({ method, body, response: Promise.resolve(response), used: false })) };
}

describe('takeFirstCall', () => {
  it('hands a stashed answer out once, for the same method and body only', async () => {
    const s = stash(['tasks:list', '{"limit":200}', ok('page')]);
    expect(takeFirstCall(s, 'tasks:list', '{"limit":100}', 1_100)).toBeNull();
    expect(takeFirstCall(s, 'tasks:get', '{"limit":200}', 1_100)).toBeNull();
    // Same keys in another order is another body: the client always sends the view's own JSON.
    expect(takeFirstCall(stash(['x', '{"a":1,"b":2}', ok(1)]), 'x', '{"b":2,"a":1}', 1_100)).toBeNull();
    await expect(takeFirstCall(s, 'tasks:list', '{"limit":200}', 1_100)).resolves.toEqual(ok('page'));
    expect(takeFirstCall(s, 'tasks:list', '{"limit":200}', 1_100)).toBeNull();
  });

  it('hands out two identical stashed calls one each', () => {
    const s = stash(['status:get', '{}', ok(1)], ['status:get', '{}', ok(2)]);
    expect(takeFirstCall(s, 'status:get', '{}', 1_001)).not.toBeNull();
    expect(takeFirstCall(s, 'status:get', '{}', 1_001)).not.toBeNull();
    expect(takeFirstCall(s, 'status:get', '{}', 1_001)).toBeNull();
  });

  it('ignores a stash older than the limit and no stash at all', () => {
    const s = stash(['status:get', '{}', ok(status)]);
    expect(takeFirstCall(s, 'status:get', '{}', 1_000 + firstCallMaxAgeMs + 1)).toBeNull();
    expect(s.entries[0]!.used).toBe(false);
    expect(takeFirstCall(undefined, 'status:get', '{}', 0)).toBeNull();
  });
});

describe('stashedResult', () => {
  it('returns the body of a 200 and nothing for errors, which the caller then fetches', async () => {
    expect(await stashedResult(stash(['a', '{}', ok(1)]), 'a', '{}', 1_000)).toEqual({ ok: true, value: 1 });
    expect(await stashedResult(stash(['a', '{}', { status: 401, body: null }]), 'a', '{}', 1_000)).toBeUndefined();
    expect(await stashedResult(stash(['a', '{}', { status: 503, body: null }]), 'a', '{}', 1_000)).toBeUndefined();
    expect(await stashedResult(stash(['a', '{}', null]), 'a', '{}', 1_000)).toBeUndefined();
  });
});

describe('HTTP client with a stash', () => {
  afterEach(() => vi.unstubAllGlobals());

  function fakeFetch(value: unknown) {
    const calls: string[] = [];
    vi.stubGlobal('fetch', async (url: string, init: RequestInit) => {
      calls.push(`${url} ${String(init.body)}`);
      return new Response(JSON.stringify({ ok: true, value }), { status: 200, headers: { 'content-type': 'application/json' } });
    });
    return calls;
  }
  const validStatus = { counts: { awaitingApproval: 1 } };

  it('uses the stashed answer for the first identical call and fetches afterwards', async () => {
    const calls = fakeFetch(validStatus);
    const s: FirstCallStash = { startedAt: performance.now(), entries: [{ method: 'sync:status', body: '{}', response: Promise.resolve(ok('not a sync status')), used: false }] };
    const client = createHttpClient('', () => s);
    // The stashed answer is validated like any other: a malformed one is an error, not data.
    await expect(client.call('sync:status', {})).rejects.toBeInstanceOf(McError);
    expect(calls).toEqual([]);
    await client.call('sync:status', {}).catch(() => undefined);
    expect(calls).toEqual(['/api/rpc/sync:status {}']);
  });

  it('falls through to a normal call when the stashed request failed', async () => {
    const calls = fakeFetch(validStatus);
    const s: FirstCallStash = { startedAt: performance.now(), entries: [{ method: 'settings:get', body: '{}', response: Promise.resolve({ status: 500, body: null }), used: false }] };
    const client = createHttpClient('', () => s);
    await client.call('settings:get', {}).catch(() => undefined);
    expect(calls).toEqual(['/api/rpc/settings:get {}']);
    expect(s.entries[0]!.used).toBe(true);
  });

  it('never uses the page stash against another server', async () => {
    const calls = fakeFetch(validStatus);
    vi.stubGlobal('window', { __mcFirstCalls: stash(['settings:get', '{}', ok(1)]) });
    await createHttpClient('http://elsewhere:1').call('settings:get', {}).catch(() => undefined);
    expect(calls).toEqual(['http://elsewhere:1/api/rpc/settings:get {}']);
  });
});
