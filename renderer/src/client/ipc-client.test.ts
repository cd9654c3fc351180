import { describe, expect, it } from 'vitest';
import type { ApiResult, EventName } from '../../../shared/contract';
import { createIpcClient } from './ipc-client';
import { McError } from './types';

/** The preload bridge's shape, backed by plain maps (what electron/preload exposes). */
function bridge(answer: (method: string, input: unknown) => ApiResult<unknown>) {
  const calls: [string, unknown][] = [];
  const listeners = new Map<string, Set<(payload: unknown) => void>>();
  return {
    calls,
    emit: (event: EventName, payload: unknown) => listeners.get(event)?.forEach((listener) => listener(payload)),
    api: {
      invoke: async (method: string, input: unknown) => {
        calls.push([method, input]);
        return answer(method, input);
      },
      on: (event: EventName, listener: (payload: unknown) => void) => {
        const set = listeners.get(event) ?? new Set();
        set.add(listener);
        listeners.set(event, set);
        return () => set.delete(listener);
      },
    },
  };
}

describe('createIpcClient', () => {
  it('sends the method and input through the bridge and validates the answer', async () => {
    const fake = bridge(() => ({ ok: true, value: { ok: true } }));
    const client = createIpcClient(fake.api);
    await expect(client.call('rules:delete', { id: 'r1' })).resolves.toEqual({ ok: true });
    expect(fake.calls).toEqual([['rules:delete', { id: 'r1' }]]);
  });

  it('turns an error answer into McError with the code', async () => {
    const client = createIpcClient(bridge(() => ({ ok: false, error: { code: 'not_found', message: 'no task t9' } })).api);
    const error = await client.call('tasks:get', { id: 't9' }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(McError);
    expect((error as McError).code).toBe('not_found');
  });

  it('delivers valid events, drops malformed ones, and unsubscribes', () => {
    const fake = bridge(() => ({ ok: true, value: null }));
    const client = createIpcClient(fake.api);
    const seen: unknown[] = [];
    const off = client.subscribe('task:changed', (payload) => seen.push(payload));
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      fake.emit('task:changed', { id: 't1', status: 'completed' });
      fake.emit('task:changed', { id: 't1' });
    } finally {
      console.warn = warn;
    }
    off();
    fake.emit('task:changed', { id: 't2', status: 'new' });
    expect(seen).toEqual([{ id: 't1', status: 'completed' }]);
  });
});
