import { QueryObserver } from '@tanstack/react-query';
import { describe, expect, it, vi } from 'vitest';
import { createQueryClient, isPartialSeed, seedQueryCache } from './query-client';

const item = {
  id: 'seed-000001',
  title: 'quote cable task #1',
  status: 'completed',
  assignedAgent: 'Marketing Agent',
  priority: 'urgent',
  createdAt: '2026-10-31T08:49:58.030Z',
  updatedAt: '2026-10-31T08:49:58.030Z',
  executionAttempts: 0,
  executionError: null,
  requiresApproval: false,
  approvedAt: null,
  holdReason: null,
  notBefore: null,
  outcomeUnknown: false,
  dryRunVerdict: null,
  dryRunReason: null,
};
const input = { sort: 'priority', direction: 'asc', offset: 0, limit: 200 };

describe('seedQueryCache', () => {
  it('seeds whole answers as fresh and partial ones as stale, so only the partial one is fetched again on mount', async () => {
    const client = createQueryClient();
    const now = Date.now();
    seedQueryCache(
      client,
      [
        { method: 'sync:status', input: {}, value: null },
        { method: 'tasks:list', input, value: { items: [item], total: 100_000, queryMs: 8 }, partial: true },
      ],
      now,
    );
    expect(client.getQueryData(['tasks:list', input])).toMatchObject({ total: 100_000, items: [{ id: 'seed-000001' }] });
    expect(isPartialSeed(client.getQueryData(['tasks:list', input]))).toBe(true);
    expect(client.getQueryState(['sync:status', {}])?.dataUpdatedAt).toBe(now);
    expect(isPartialSeed(client.getQueryData(['sync:status', {}]))).toBe(false);

    // What a view mounting both does: the partial page is asked for again, the whole answer is not.
    const fetched: string[] = [];
    const whole = { items: [item, { ...item, id: 'seed-000002' }], total: 100_000, queryMs: 9 };
    const list = new QueryObserver(client, { queryKey: ['tasks:list', input], queryFn: () => (fetched.push('tasks:list'), Promise.resolve(whole)) });
    const sync = new QueryObserver(client, { queryKey: ['sync:status', {}], queryFn: () => (fetched.push('sync:status'), Promise.resolve(null)) });
    expect(list.getCurrentResult().isStale).toBe(true);
    expect(sync.getCurrentResult().isStale).toBe(false);
    const unsubscribe = [list.subscribe(() => undefined), sync.subscribe(() => undefined)];
    await vi.waitFor(() => expect(client.getQueryData(['tasks:list', input])).toEqual(whole));
    expect(fetched).toEqual(['tasks:list']);
    // The whole answer is not partial any more.
    expect(isPartialSeed(client.getQueryData(['tasks:list', input]))).toBe(false);
    for (const stop of unsubscribe) stop();
  });
});
