import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { adsPayloadSchema } from './google-ads/ads-payload';
import { formatIssues, metadataPayload, parsePayload } from './payload';
import type { TaskInput } from './types';

const task = (metadata: Record<string, unknown>): TaskInput => ({ id: 't1', title: 'Lower bids', description: null, assignedAgent: 'Google Ads Agent', priority: 'medium', metadata }) as TaskInput;

describe('parsePayload', () => {
  it('names the bad fields exactly as zod’s own error does', () => {
    for (const metadata of [{ bid_change_percent: 5, campaign: 'Speakers' }, { ad_group_id: '', bid_change_percent: 'lots' }, {}]) {
      const parsed = parsePayload(adsPayloadSchema, task(metadata));
      const reference = adsPayloadSchema.safeParse(task(metadata));
      expect(reference.success).toBe(false);
      expect(parsed).toEqual({ ok: false, error: `Invalid task payload: ${formatIssues(reference.error!)}` });
      expect(parsed.ok === false && parsed.error).toMatch(/^Invalid task payload: metadata\./);
    }
  });

  it('gives the payload zod gives', () => {
    const good = task({ ad_group_id: '123', bid_change_percent: 5 });
    expect(parsePayload(adsPayloadSchema, good)).toEqual({ ok: true, payload: adsPayloadSchema.parse(good) });
  });

  it('behaves as safeParse for schemas that throw or await', () => {
    const throwing = metadataPayload({ n: z.number() }, () => {
      throw new Error('transform broke');
    });
    expect(() => parsePayload(throwing, task({ n: 1 }))).toThrow('transform broke');
    const awaiting = metadataPayload({ n: z.number().refine(async () => true) }, (m) => m.n);
    expect(() => parsePayload(awaiting, task({ n: 1 }))).toThrow(/Promise|async/i);
  });
});
