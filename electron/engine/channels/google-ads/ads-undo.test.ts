import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adsHandler, adsTask, context, payload } from './test-support/ads-fixture';
import { FakeGoogleAdsServer } from './test-support/fake-google-ads-server';

let fake: FakeGoogleAdsServer;
beforeEach(async () => {
  fake = await FakeGoogleAdsServer.start();
});
afterEach(async () => {
  await fake.close();
});

const undoContext = { signal: new AbortController().signal, now: () => new Date() };

async function executed(metadata: Record<string, unknown>) {
  const handler = adsHandler(fake);
  const ctx = context();
  const outcome = await handler.execute(payload(metadata), ctx);
  const input = { task: adsTask(metadata), execution: { idempotencyKey: ctx.idempotencyKey, externalId: outcome.externalId, externalUrl: null, result: outcome.result, progress: ctx.progress } };
  return { handler, input, ctx };
}

describe('Google Ads rollback', () => {
  it('sets the previous bid back while the bid is still the one the task set', async () => {
    const { handler, input } = await executed({ action: 'adjust_bid', ad_group_id: '555', bid_change_percent: -20 });
    expect(fake.account.adGroups.get('555')?.cpcBidMicros).toBe('3200000');
    const result = await handler.rollback!(input, undoContext);
    expect(result).toEqual({
      message: 'Set customers/1234567890/adGroups/555 cpcBidMicros back from R 3.20 to R 4.00. Money already spent cannot be undone.',
      restored: ['customers/1234567890/adGroups/555 cpcBidMicros'],
      leftAlone: [],
    });
    expect(fake.account.adGroups.get('555')?.cpcBidMicros).toBe('4000000');
    expect(fake.mutations().at(-1)?.body.operations).toEqual([{ update: { resourceName: 'customers/1234567890/adGroups/555', cpcBidMicros: '4000000' }, updateMask: 'cpcBidMicros' }]);
  });

  it('sets a paused campaign back to enabled', async () => {
    const { handler, input } = await executed({ action: 'pause_campaign', campaign_id: '111' });
    await handler.rollback!(input, undoContext);
    expect(fake.account.campaigns.get('111')?.status).toBe('ENABLED');
  });

  it('refuses after someone else changed the value, naming who (change_event), and changes nothing', async () => {
    const { handler, input } = await executed({ action: 'set_budget', budget_id: '9002', new_amount: 220 });
    fake.account.changeByPerson('customers/1234567890/campaignBudgets/9002', 'amountMicros', '260000000', 'kenny@audico.co.za');
    const mutationsBefore = fake.mutations().length;
    const result = await handler.rollback!(input, undoContext);
    expect(result.restored).toEqual([]);
    expect(result.leftAlone).toHaveLength(1);
    expect(result.leftAlone[0]?.why).toMatch(/^changed since by kenny@audico\.co\.za \(GOOGLE_ADS_WEB_CLIENT\) at .*: now R 260\.00, this task set R 220\.00\. Left alone\.$/);
    expect(result.message).toMatch(/^Not rolled back: /);
    expect(fake.mutations()).toHaveLength(mutationsBefore);
    expect(fake.account.budgets.get('9002')?.amountMicros).toBe('260000000');
  });
});

describe('Google Ads reconcile: the value at Google decides', () => {
  it('value == new → succeeded; == old → not sent; anything else → unknown', async () => {
    const { handler, ctx } = await executed({ action: 'adjust_bid', ad_group_id: '555', bid_change_percent: 10 });
    const input = { task: adsTask({}), idempotencyKey: ctx.idempotencyKey, attempt: 1, requestPreview: null, progress: ctx.progress };
    expect(await handler.reconcile!(input, context())).toMatchObject({ status: 'succeeded', outcome: { externalId: 'customers/1234567890/adGroups/555' } });
    fake.account.adGroups.get('555')!.cpcBidMicros = '4000000';
    expect(await handler.reconcile!(input, context())).toMatchObject({ status: 'not_sent' });
    fake.account.adGroups.get('555')!.cpcBidMicros = '4100000';
    expect(await handler.reconcile!(input, context())).toMatchObject({ status: 'unknown', evidence: expect.stringContaining('4100000') });
    expect(await handler.reconcile!({ ...input, progress: {} }, context())).toMatchObject({ status: 'not_sent' });
  });
});
