import { describe, expect, it } from 'vitest';
import { embedAnswers, embeddedQueueRows } from './embed';
import type { SsrAnswer } from './payload';

const page = (rows: number, total = 100_000): SsrAnswer => ({
  method: 'tasks:list',
  input: { sort: 'priority', direction: 'asc', offset: 0, limit: 200 },
  value: { items: Array.from({ length: rows }, (_, i) => ({ id: `t${i}` })), total, queryMs: 8.5 },
});

describe('embedAnswers', () => {
  it('cuts a long queue page to the first screen, keeps its total, input and timing, and marks it partial', () => {
    const [status, list] = embedAnswers([{ method: 'status:get', input: {}, value: { paused: false } }, page(200)]);
    expect(status).toEqual({ method: 'status:get', input: {}, value: { paused: false } });
    expect(list!.partial).toBe(true);
    expect(list!.input).toEqual({ sort: 'priority', direction: 'asc', offset: 0, limit: 200 });
    const value = list!.value as { items: { id: string }[]; total: number; queryMs: number };
    expect(value.items.map((item) => item.id)).toEqual(Array.from({ length: embeddedQueueRows }, (_, i) => `t${i}`));
    expect(value.total).toBe(100_000);
    expect(value.queryMs).toBe(8.5);
  });

  it('carries a page that fits whole, and leaves the answers it was given untouched', () => {
    const short = page(embeddedQueueRows, embeddedQueueRows);
    expect(embedAnswers([short])[0]).toBe(short);
    const long = page(200);
    embedAnswers([long]);
    expect((long.value as { items: unknown[] }).items).toHaveLength(200);
    expect(long).not.toHaveProperty('partial');
  });

  it('leaves other lists and malformed values whole', () => {
    const approvals: SsrAnswer = { method: 'approvals:list', input: { limit: 200 }, value: { items: Array.from({ length: 200 }, () => ({})) } };
    const odd: SsrAnswer = { method: 'tasks:list', input: {}, value: null };
    expect(embedAnswers([approvals, odd])).toEqual([approvals, odd]);
  });
});
