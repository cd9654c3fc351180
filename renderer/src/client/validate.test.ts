import { describe, expect, it } from 'vitest';
import { McError } from './types';
import { parseEvent, unwrapResult } from './validate';

const status = {
  state: 'paused',
  dryRun: true,
  autoExecution: false,
  paused: true,
  executorId: 'e1',
  lastPollAt: null,
  nextPollAt: null,
  lastCycle: null,
  counts: { awaitingApproval: 2, queued: 1, inProgress: 0, failed24h: 0, completed24h: 3, outcomeUnknown: 0 },
};

describe('unwrapResult', () => {
  it('returns a value that matches the contract', () => {
    expect(unwrapResult('status:get', { ok: true, value: status }).counts.awaitingApproval).toBe(2);
  });

  it('throws the server error as McError with its code', () => {
    const call = () => unwrapResult('approvals:approve', { ok: false, error: { code: 'conflict', message: 'not awaiting a decision' } });
    expect(call).toThrow(McError);
    expect(call).toThrow('not awaiting a decision');
    try {
      call();
    } catch (error) {
      expect((error as McError).code).toBe('conflict');
    }
  });

  it('refuses a value that drifted from the contract, naming the field', () => {
    const drifted = { ...status, counts: { ...status.counts, queued: 'one' } };
    expect(() => unwrapResult('status:get', { ok: true, value: drifted })).toThrow(/counts\.queued/);
  });

  it('refuses something that is not an ApiResult', () => {
    expect(() => unwrapResult('status:get', '<html>')).toThrow(/not an ApiResult/);
  });
});

describe('parseEvent', () => {
  it('passes a valid task:changed event and drops a malformed one', () => {
    expect(parseEvent('task:changed', { id: 't1', status: 'completed' })).toEqual({ id: 't1', status: 'completed' });
    const warn = console.warn;
    console.warn = () => undefined;
    try {
      expect(parseEvent('task:changed', { id: 't1', status: 'done' })).toBeNull();
    } finally {
      console.warn = warn;
    }
  });
});
