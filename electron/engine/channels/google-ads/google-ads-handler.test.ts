import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PreviewDetail } from '../../../../shared/preview';
import { ChannelError } from '../errors';
import { parsePayload } from '../payload';
import { adsEnv, adsHandler, adsTask, context, payload } from './test-support/ads-fixture';
import { FakeGoogleAdsServer } from './test-support/fake-google-ads-server';

let fake: FakeGoogleAdsServer;
beforeEach(async () => {
  fake = await FakeGoogleAdsServer.start();
});
afterEach(async () => {
  await fake.close();
});

const detailOf = (preview: { detail: PreviewDetail }) => preview.detail as Extract<PreviewDetail, { kind: 'ads_change' }>;
const failure = async (work: Promise<unknown>): Promise<ChannelError> => {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(ChannelError);
  return error as ChannelError;
};

describe('Google Ads payload', () => {
  const parse = (metadata: Record<string, unknown>) => parsePayload(adsHandler(fake).payloadSchema, adsTask(metadata));

  it('bid_change_percent alone (what the cloud agent writes) fails naming ad_group_id', () => {
    const result = parse({ bid_change_percent: 5 });
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.error).toMatch(/metadata\.ad_group_id: required/);
  });

  it.each([
    [{ action: 'set_budget', new_amount: 300 }, /metadata\.budget_id: required: budget_id, or campaign_id/],
    [{ action: 'pause_campaign' }, /metadata\.campaign_id: required/],
    [{ action: 'enable_campaign', campaign_id: '333', new_bid: 3 }, /metadata\.new_bid: not allowed/],
    [{ action: 'adjust_bid', ad_group_id: '555', bid_change_percent: 5, new_bid: 3 }, /give exactly one of bid_change_percent or new_bid/],
    [{ action: 'adjust_bid', ad_group_id: '555', bid_change_percent: 5, adgroup: '1' }, /Unrecognized key.*adgroup/],
    [{ action: 'adjust_bid', ad_group_id: '555', bid_change_percent: 5, customer_id: '12345' }, /metadata\.customer_id: expected a 10-digit customer id/],
    [{ action: 'raise_bids', ad_group_id: '555' }, /metadata\.action/],
  ])('%j is refused naming the field', (metadata, message) => {
    const result = parse(metadata);
    expect(result.ok).toBe(false);
    expect(!result.ok && result.error).toMatch(message);
  });

  it('customer ids with dashes are accepted and normalized', () => {
    expect(payload({ action: 'pause_campaign', campaign_id: 111, customer_id: '123-456-7890' })).toEqual({ action: 'pause_campaign', customerId: '1234567890', campaignId: '111' });
  });
});

describe('Google Ads actions against the REST fake', () => {
  it('adjust_bid on an ad group: reads names and the bid, sends cpcBidMicros with updateMask, exactly the previewed value', async () => {
    const handler = adsHandler(fake);
    const preview = await handler.loadPreview!(adsTask({ action: 'adjust_bid', ad_group_id: '555', bid_change_percent: 10 }));
    const detail = detailOf(preview);
    expect(detail).toMatchObject({ live: true, currency: 'ZAR', campaign: { id: '111', name: 'Home Theatre' }, adGroup: { id: '555', name: 'Denon AVR' }, before: 'R 4.00', after: 'R 4.40', change: '+R 0.40', changePercent: 10 });
    expect(preview.summary).toBe('Set the max CPC bid of ad group "Denon AVR" from R 4.00 to R 4.40 (+R 0.40, +10 %)');
    expect(preview.problems).toEqual([]);
    const ctx = context();
    const outcome = await handler.execute(payload({ action: 'adjust_bid', ad_group_id: '555', bid_change_percent: 10 }), ctx);
    const [mutate] = fake.mutations();
    expect(mutate?.path).toBe('/v23/customers/1234567890/adGroups:mutate');
    expect(mutate?.body).toEqual({ operations: [{ update: { resourceName: 'customers/1234567890/adGroups/555', cpcBidMicros: '4400000' }, updateMask: 'cpcBidMicros' }], partialFailure: false, validateOnly: false });
    expect(fake.account.adGroups.get('555')?.cpcBidMicros).toBe('4400000');
    expect(ctx.progress).toMatchObject({ resourceName: 'customers/1234567890/adGroups/555', before: '4000000', after: '4400000' });
    expect(outcome.externalId).toBe('customers/1234567890/adGroups/555');
  });

  it("adjust_bid on a keyword with new_bid rounds to the currency's billable unit (R 4.999 → R 5.00)", async () => {
    const handler = adsHandler(fake);
    const preview = await handler.loadPreview!(adsTask({ action: 'adjust_bid', ad_group_id: '555', criterion_id: '777', new_bid: 4.999 }));
    expect(detailOf(preview)).toMatchObject({ keyword: { id: '777', text: 'denon avr x3800h', matchType: 'EXACT' }, before: 'R 4.50', after: 'R 5.00', afterMicros: '5000000' });
    await handler.execute(payload({ action: 'adjust_bid', ad_group_id: '555', criterion_id: '777', new_bid: 4.999 }), context());
    expect(fake.account.criteria.get('555~777')?.cpcBidMicros).toBe('5000000');
    // A keyword without its own bid starts from the ad group's bid it inherits; +5 % of R 4.00 = R 4.20.
    const inherited = await handler.loadPreview!(adsTask({ action: 'adjust_bid', ad_group_id: '555', criterion_id: '778', bid_change_percent: 5.123 }));
    expect(detailOf(inherited)).toMatchObject({ before: 'R 4.00', after: 'R 4.20', afterMicros: '4200000' });
  });

  it('set_budget by campaign_id changes that campaign\'s unshared budget', async () => {
    const handler = adsHandler(fake);
    const preview = await handler.loadPreview!(adsTask({ action: 'set_budget', campaign_id: '111', budget_change_percent: 20 }));
    expect(detailOf(preview)).toMatchObject({ budget: { id: '9002', name: 'Home Theatre daily', shared: false }, before: 'R 200.00', after: 'R 240.00', sharedWith: [] });
    expect(preview.warnings).toEqual([]);
    await handler.execute(payload({ action: 'set_budget', campaign_id: '111', budget_change_percent: 20 }), context());
    expect(fake.mutations()[0]?.body.operations).toEqual([{ update: { resourceName: 'customers/1234567890/campaignBudgets/9002', amountMicros: '240000000' }, updateMask: 'amountMicros' }]);
    expect(fake.account.budgets.get('9002')?.amountMicros).toBe('240000000');
  });

  it('set_budget on a shared budget warns which campaigns share it', async () => {
    const preview = await adsHandler(fake).loadPreview!(adsTask({ action: 'set_budget', budget_id: '9001', new_amount: 550 }));
    expect(detailOf(preview)).toMatchObject({ budget: { id: '9001', shared: true }, sharedWith: [{ id: '222', name: 'Speakers Brand' }, { id: '333', name: 'Speakers Generic' }], after: 'R 550.00' });
    expect(preview.warnings).toEqual(['Shared budget "Speakers shared" funds 2 campaigns: Speakers Brand (222), Speakers Generic (333). Changing it changes all of them.']);
  });

  it('pause_campaign and enable_campaign set the status', async () => {
    const handler = adsHandler(fake);
    const pause = await handler.loadPreview!(adsTask({ action: 'pause_campaign', campaign_id: '111' }));
    expect(pause.summary).toBe('Pause campaign "Home Theatre"');
    expect(detailOf(pause)).toMatchObject({ before: 'ENABLED', after: 'PAUSED' });
    await handler.execute(payload({ action: 'pause_campaign', campaign_id: '111' }), context());
    await handler.execute(payload({ action: 'enable_campaign', campaign_id: '333' }), context('task-2'));
    expect(fake.account.campaigns.get('111')?.status).toBe('PAUSED');
    expect(fake.account.campaigns.get('333')?.status).toBe('ENABLED');
    expect(fake.mutations().map((m) => m.body.operations)).toEqual([
      [{ update: { resourceName: 'customers/1234567890/campaigns/111', status: 'PAUSED' }, updateMask: 'status' }],
      [{ update: { resourceName: 'customers/1234567890/campaigns/333', status: 'ENABLED' }, updateMask: 'status' }],
    ]);
  });

  it('a missing ad group fails naming the field, nothing is sent', async () => {
    const error = await failure(adsHandler(fake).execute(payload({ action: 'adjust_bid', ad_group_id: '999', bid_change_percent: 5 }), context()));
    expect(error.errorClass).toBe('permanent');
    expect(error.message).toMatch(/no ad group 999 .*metadata\.ad_group_id/);
    expect(fake.mutations()).toHaveLength(0);
  });
});

describe('impact caps: refused before approval with the cap name, never clipped', () => {
  const refused = async (metadata: Record<string, unknown>, cap: string, options: Parameters<typeof adsHandler>[1] = {}) => {
    const handler = adsHandler(fake, options);
    const preview = await handler.loadPreview!(adsTask(metadata));
    expect(preview.problems?.map((p) => p.message).join(' ')).toContain(`impact cap ${cap}`);
    expect(detailOf(preview).caps.find((c) => c.name === cap)?.ok).toBe(false);
    const error = await failure(handler.execute(payload(metadata), context()));
    expect(error.errorClass).toBe('permanent');
    expect(error.message).toContain(cap);
    expect(fake.mutations()).toHaveLength(0);
    expect(fake.account.adGroups.get('555')?.cpcBidMicros).toBe('4000000');
    expect(fake.account.budgets.get('9001')?.amountMicros).toBe('500000000');
  };

  it('maxChangePercent: +30 % against the default 25 %', () => refused({ action: 'adjust_bid', ad_group_id: '555', bid_change_percent: 30 }, 'maxChangePercent'));
  it('maxChangePercent: an absolute new_bid counts as its percent (R 4.00 → R 6.00 is +50 %)', () => refused({ action: 'adjust_bid', ad_group_id: '555', new_bid: 6 }, 'maxChangePercent'));
  it('maxDailyChangePercent: +20 % after two earlier +20 % changes today is +72.8 % from R 2.78', () =>
    refused({ action: 'adjust_bid', ad_group_id: '555', bid_change_percent: 20 }, 'maxDailyChangePercent', {
      history: () => [
        { oldMicros: 2_780_000, newMicros: 3_340_000, at: new Date(Date.now() - 3_600_000).toISOString() },
        { oldMicros: 3_340_000, newMicros: 4_000_000, at: new Date(Date.now() - 1_800_000).toISOString() },
      ],
    }));
  it('bidFloor', () => refused({ action: 'adjust_bid', ad_group_id: '555', bid_change_percent: -20 }, 'bidFloor', { caps: { bidFloor: 3.5 } }));
  it('bidCeiling', () => refused({ action: 'adjust_bid', ad_group_id: '555', bid_change_percent: 10 }, 'bidCeiling', { caps: { bidCeiling: 4.2 } }));
  it('budgetFloor', () => refused({ action: 'set_budget', budget_id: '9001', budget_change_percent: -20 }, 'budgetFloor', { caps: { budgetFloor: 450 } }));
  it('budgetCeiling', () => refused({ action: 'set_budget', budget_id: '9001', new_amount: 520 }, 'budgetCeiling', { caps: { budgetCeiling: 510 } }));
  it('maxEntitiesPerTask: a shared budget counts each campaign it funds', () => refused({ action: 'set_budget', budget_id: '9001', new_amount: 520 }, 'maxEntitiesPerTask', { caps: { maxEntitiesPerTask: 1 } }));

  it('a change within every cap lists them all as within', async () => {
    const preview = await adsHandler(fake).loadPreview!(adsTask({ action: 'adjust_bid', ad_group_id: '555', bid_change_percent: -25 }));
    expect(detailOf(preview).caps.map((c) => [c.name, c.ok])).toEqual([
      ['maxChangePercent', true],
      ['maxDailyChangePercent', true],
      ['bidFloor', true],
      ['bidCeiling', true],
      ['maxEntitiesPerTask', true],
    ]);
  });
});

describe('dry run asks Google (validateOnly)', () => {
  it('sends the same mutate with validateOnly: true; nothing changes; Google\'s verdict is recorded', async () => {
    const handler = adsHandler(fake);
    const result = await handler.dryRun!(payload({ action: 'adjust_bid', ad_group_id: '555', bid_change_percent: 10 }), { taskId: 't', signal: new AbortController().signal, now: () => new Date() });
    expect(result.wouldFail).toBeNull();
    expect(result.verdict).toMatch(/Google validated this exact change \(validateOnly: true\)/);
    expect(fake.mutations()[0]?.body).toMatchObject({ validateOnly: true, operations: [{ update: { cpcBidMicros: '4400000' }, updateMask: 'cpcBidMicros' }] });
    expect(fake.account.adGroups.get('555')?.cpcBidMicros).toBe('4000000');
  });

  it("Google's refusal is the dry run's answer", async () => {
    fake.account.campaigns.get('333')!.status = 'REMOVED';
    const handler = adsHandler(fake);
    const result = await handler.dryRun!(payload({ action: 'enable_campaign', campaign_id: '333' }), { taskId: 't', signal: new AbortController().signal, now: () => new Date() });
    expect(result.wouldFail).toMatch(/campaign is removed/);
  });

  it('without a connection it says nothing was checked with Google', async () => {
    const handler = adsHandler(fake, { env: { GOOGLE_ADS_API_BASE_URL: fake.baseUrl } });
    const result = await handler.dryRun!(payload({ action: 'pause_campaign', campaign_id: '111' }), { taskId: 't', signal: new AbortController().signal, now: () => new Date() });
    expect(result).toMatchObject({ wouldFail: null, verdict: 'Not checked with Google: no Google Ads account connected, so nothing was validated' });
    expect(fake.requests).toHaveLength(0);
  });
});

describe('errors', () => {
  it('quota (RESOURCE_EXHAUSTED) is retryable after Google\'s retry delay; the next try succeeds', async () => {
    const handler = adsHandler(fake);
    fake.injectFault('mutate', { kind: 'quota', retryDelay: '7s' });
    const error = await failure(handler.execute(payload({ action: 'pause_campaign', campaign_id: '111' }), context()));
    expect(error).toMatchObject({ errorClass: 'retryable', retryAfterMs: 7000 });
    expect(error.message).toMatch(/quotaError\.RESOURCE_EXHAUSTED/);
    await handler.execute(payload({ action: 'pause_campaign', campaign_id: '111' }), context());
    expect(fake.account.campaigns.get('111')?.status).toBe('PAUSED');
  });

  it.each([
    [{ kind: 'transient' } as const, 'internalError.TRANSIENT_ERROR'],
    [{ kind: 'concurrent' } as const, 'databaseError.CONCURRENT_MODIFICATION'],
  ])('%j retries', async (fault, code) => {
    fake.injectFault('mutate', fault);
    const error = await failure(adsHandler(fake).execute(payload({ action: 'pause_campaign', campaign_id: '111' }), context()));
    expect(error.errorClass).toBe('retryable');
    expect(error.message).toContain(code);
  });

  it('UNSUPPORTED_VERSION tells Kenny to set a newer GOOGLE_ADS_API_VERSION', async () => {
    const handler = adsHandler(fake, { env: adsEnv(fake, { GOOGLE_ADS_API_VERSION: 'v15' }) });
    const error = await failure(handler.execute(payload({ action: 'pause_campaign', campaign_id: '111' }), context()));
    expect(error.errorClass).toBe('permanent');
    expect(error.message).toMatch(/^Google Ads no longer supports API version v15 \(UNSUPPORTED_VERSION\): set GOOGLE_ADS_API_VERSION to a newer version/);
  });

  it("an argument error is permanent with Google's message and field path", async () => {
    const { connection } = adsHandler(fake);
    const handler = adsHandler(fake);
    const { client } = await handler.planFor(payload({ action: 'pause_campaign', campaign_id: '111' }), null, new AbortController().signal);
    const error = await failure(client.mutate('1234567890', 'adGroups', [{ update: { resourceName: 'customers/1234567890/adGroups/555', cpcBidMicros: '4005000' }, updateMask: 'cpcBidMicros' }], {}, new AbortController().signal));
    expect(error.errorClass).toBe('permanent');
    expect(error.message).toBe("Google Ads refused the change: The amount is not a multiple of the currency's billable unit. (biddingError.BID_TOO_MANY_FRACTIONAL_DIGITS at operations[0].update.cpc_bid_micros)");
    expect(connection).toBeDefined();
  });

  it('partial failure reports each operation', async () => {
    const handler = adsHandler(fake);
    const { client } = await handler.planFor(payload({ action: 'pause_campaign', campaign_id: '111' }), null, new AbortController().signal);
    const result = await client.mutate(
      '1234567890',
      'campaigns',
      [
        { update: { resourceName: 'customers/1234567890/campaigns/111', status: 'PAUSED' }, updateMask: 'status' },
        { update: { resourceName: 'customers/1234567890/campaigns/404', status: 'PAUSED' }, updateMask: 'status' },
      ],
      { partialFailure: true },
      new AbortController().signal,
    );
    expect(result.results).toEqual([{ resourceName: 'customers/1234567890/campaigns/111' }, null]);
    expect(result.failures).toEqual([{ code: 'mutateError.RESOURCE_NOT_FOUND', message: 'The requested resource was not found.', field: 'operations[1].update.resource_name', operationIndex: 1, retryDelayMs: null }]);
    expect(fake.account.campaigns.get('111')?.status).toBe('PAUSED');
  });

  it('invalid_grant marks the connection needs_reconnect and the task waits (retryable)', async () => {
    const handler = adsHandler(fake);
    fake.revokeRefreshTokens();
    const error = await failure(handler.execute(payload({ action: 'pause_campaign', campaign_id: '111' }), context()));
    expect(error.errorClass).toBe('retryable');
    expect(error.message).toMatch(/Google Ads needs reconnecting: Google refused the saved authorization \(invalid_grant/);
    expect((await handler.connection!.status()).state).toBe('needs_reconnect');
    expect(await handler.connection!.unavailableReason()).toMatch(/needs reconnecting/);
  });
});

describe('connection', () => {
  it('check reads the customer (name, currency, time zone) with GAQL', async () => {
    const handler = adsHandler(fake);
    const status = await handler.connection!.check(new AbortController().signal);
    expect(status).toMatchObject({ state: 'connected', account: 'Audico (123-456-7890, ZAR, Africa/Johannesburg)', source: 'env', method: 'refresh_token' });
    expect(fake.requests.find((r) => r.operation === 'search')?.body.query).toBe('SELECT customer.id, customer.descriptive_name, customer.currency_code, customer.time_zone FROM customer LIMIT 1');
  });

  it('sends login-customer-id and developer-token when configured', async () => {
    const handler = adsHandler(fake, { env: adsEnv(fake, { GOOGLE_ADS_LOGIN_CUSTOMER_ID: '999-888-7777', GOOGLE_ADS_DEVELOPER_TOKEN: 'dev-token' }) });
    await handler.connection!.check(new AbortController().signal);
    const search = fake.requests.find((r) => r.operation === 'search');
    expect(search?.headers['login-customer-id']).toBe('9998887777');
    expect(search?.headers['developer-token']).toBe('dev-token');
  });

  it('connects through the browser sign-in (adwords scope, PKCE, loopback) and checks the customer', async () => {
    const handler = adsHandler(fake, { env: { GOOGLE_ADS_API_BASE_URL: fake.baseUrl, GOOGLE_OAUTH_TOKEN_URL: fake.tokenUrl, GOOGLE_OAUTH_AUTH_URL: `${fake.baseUrl}/auth` } });
    let consent: URL | null = null;
    const start = await handler.connection!.connect('oauth', { clientId: fake.clientId, clientSecret: fake.clientSecret, customerId: '123-456-7890' }, {
      signal: new AbortController().signal,
      now: () => new Date(),
      openBrowser: async (url) => {
        consent = new URL(url);
      },
    });
    expect(consent!.searchParams.get('scope')).toBe('https://www.googleapis.com/auth/adwords');
    expect(consent!.searchParams.get('code_challenge_method')).toBe('S256');
    expect(consent!.searchParams.get('access_type')).toBe('offline');
    // Google redirects the browser back to the loopback listener with the code and our state.
    const redirect = new URL(consent!.searchParams.get('redirect_uri')!);
    redirect.searchParams.set('code', 'fake-code');
    redirect.searchParams.set('state', consent!.searchParams.get('state')!);
    expect((await fetch(redirect)).status).toBe(200);
    const status = await start.done;
    expect(status).toMatchObject({ state: 'connected', account: 'Audico (123-456-7890, ZAR, Africa/Johannesburg)', source: 'app', method: 'oauth' });
    const exchange = fake.requests.find((r) => r.operation === 'token' && r.body.grant_type === 'authorization_code');
    expect(exchange?.body.code_verifier).toMatch(/^[\w-]{43,}$/);
  });

  it('refuses a customer id that is not 10 digits, naming the field', async () => {
    const handler = adsHandler(fake);
    await expect(handler.connection!.connect('refresh_token', { clientId: 'a', clientSecret: 'b', refreshToken: 'c', customerId: '12345' }, { signal: new AbortController().signal, now: () => new Date(), openBrowser: async () => {} })).rejects.toMatchObject({
      details: { fields: { customerId: 'A customer id has 10 digits (dashes allowed): 123-456-7890' } },
    });
  });
});
