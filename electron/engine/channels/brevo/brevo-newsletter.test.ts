// Newsletters through Brevo against a local server that speaks Brevo's API and checks every
// request (and its own answers) against Brevo's OpenAPI description.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ChannelError } from '../errors';
import { parsePayload } from '../payload';
import type { MarketingSend } from './brevo-payload';
import { campaignMarker } from './campaign-lookup';
import { FakeBrevoServer } from './test-support/fake-brevo-server';
import { brevoEnv, brevoHandlerFor, marketingTask, recordingContext } from './test-support/brevo-fixture';

let fake: FakeBrevoServer;
beforeEach(async () => {
  fake = await FakeBrevoServer.start();
});
afterEach(async () => {
  expect(fake.violations).toEqual([]);
  await fake.close();
});

const newsletterTask = (metadata: Record<string, unknown> = {}) =>
  marketingTask({ action: 'send_newsletter', subject: 'May deals', html_content: '<h1>May</h1><p>Sonos Era 300 in stock</p>', preview_text: 'Speakers!', list_ids: [7, 9], ...metadata });

function payloadOf(handler: ReturnType<typeof brevoHandlerFor>, task = newsletterTask()): MarketingSend {
  const parsed = parsePayload(handler.payloadSchema, task);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.payload;
}

async function failureOf(promise: Promise<unknown>): Promise<ChannelError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ChannelError);
  return error as ChannelError;
}

describe('Brevo connection', () => {
  it('checks the key with GET /account and says as whom', async () => {
    const handler = brevoHandlerFor(fake);
    const status = await handler.connection.check(new AbortController().signal);
    expect(status).toMatchObject({ state: 'connected', account: 'kenny@audico.example, Audico', source: 'env' });
    expect(fake.requests.map((request) => [request.method, request.path, request.apiKey])).toEqual([['GET', '/v3/account', fake.apiKey]]);
  });

  it('a refused key is an error at the field; nothing is saved', async () => {
    const handler = brevoHandlerFor(fake, { env: { BREVO_API_BASE_URL: fake.apiBaseUrl } });
    const context = { signal: new AbortController().signal, openBrowser: async () => undefined, now: () => new Date() };
    await expect(handler.connection.connect('api-key', { apiKey: 'xkeysib-wrong' }, context)).rejects.toMatchObject({ details: { fields: { apiKey: expect.stringContaining('Key not found') } } });
    expect((await handler.connection.status()).state).toBe('not_connected');
    const started = await handler.connection.connect('api-key', { apiKey: fake.apiKey, listId: '9' }, context);
    expect(started.message).toBe('Brevo connected as kenny@audico.example, Audico');
  });
});

describe('Brevo newsletter', () => {
  it('end to end: preview with live list counts, draft + progress before sendNow, statistics afterwards', async () => {
    const handler = brevoHandlerFor(fake);
    const task = newsletterTask({ draft_id: 'd-1' });
    task.content = { newsletter_drafts: { id: 'd-1', title: 'May', subject_line: 'ignored: metadata wins', content: 'x', html_content: null, preview_text: null, status: 'review', metadata: {} } };
    const preview = await handler.loadPreview(task);
    expect(preview.detail).toMatchObject({
      kind: 'newsletter',
      subject: 'May deals',
      html: '<h1>May</h1><p>Sonos Era 300 in stock</p>',
      previewText: 'Speakers!',
      sender: { email: 'news@audico.example', name: 'Audico' },
      lists: [
        { id: 7, name: 'Newsletter subscribers', totalSubscribers: 1776, uniqueSubscribers: 1789, totalBlacklisted: 13 },
        { id: 9, name: 'VIP customers', totalSubscribers: 120, uniqueSubscribers: 118, totalBlacklisted: 2 },
      ],
      recipientCount: 1907,
      campaign: null,
      canSendTest: true,
    });
    expect(preview.summary).toBe('Send newsletter "May deals" to Newsletter subscribers (1,789 subscribers), VIP customers (118 subscribers)');

    const context = recordingContext(fake);
    const outcome = await handler.execute(payloadOf(handler, task), context);
    const [campaign] = fake.sentCampaigns();
    expect(fake.campaigns.size).toBe(1);
    expect(campaign).toMatchObject({ subject: 'May deals', htmlContent: '<h1>May</h1><p>Sonos Era 300 in stock</p>', previewText: 'Speakers!', listIds: [7, 9], status: 'queued', tag: campaignMarker('task-nl-1'), sender: { email: 'news@audico.example', name: 'Audico' } });
    expect(campaign!.scheduledAt).toBeUndefined();
    expect(context.progress).toEqual({ campaignId: campaign!.id, marker: campaignMarker('task-nl-1') });
    expect(context.sendNowCountsAtProgress).toEqual([0]);
    expect(fake.count('campaigns.sendNow')).toBe(1);
    expect(outcome).toMatchObject({ externalId: String(campaign!.id), result: { brevo_campaign_id: campaign!.id, status: 'queued', recipient_count: 1907 } });
    expect(outcome.writeBack).toEqual([
      { op: 'update', table: 'newsletter_drafts', id: 'd-1', set: { status: 'sent', sent_at: '2026-11-29T08:00:00.000Z', recipient_count: 1907 }, mergeMetadata: { brevo_campaign_id: campaign!.id } },
    ]);

    fake.deliver(campaign!.id, { sent: 1890, delivered: 1870, uniqueViews: 748, uniqueClicks: 187, unsubscriptions: 3 });
    const after = await handler.loadPreview(task);
    expect(after.detail).toMatchObject({ campaign: { campaignId: campaign!.id, status: 'sent', sent: 1890, delivered: 1870, opens: 748, clicks: 187, unsubscribes: 3, openRate: 40, clickRate: 10 }, canSendTest: false });
    const followUp = await handler.followUp(task);
    expect(followUp?.writeBack).toEqual([
      { op: 'update', table: 'newsletter_drafts', id: 'd-1', set: { status: 'sent', recipient_count: 1890, open_rate: 40, click_rate: 10 }, mergeMetadata: { brevo_campaign_id: campaign!.id, delivered: 1870, opens: 748, clicks: 187, unsubscribes: 3 } },
    ]);
  });

  it('reads the content from a newsletter_drafts row of either shape', async () => {
    const handler = brevoHandlerFor(fake);
    const shape003 = payloadOf(handler, marketingTask({ task_type: 'send_newsletter', draft_id: 'd-3' }, { content: { newsletter_drafts: { id: 'd-3', title: 'T', subject_line: 'Winter sale', preview_text: 'Cosy', content: 'Hello\n\nSee you', html_content: null, status: 'draft', metadata: {} } } }));
    expect(shape003).toMatchObject({ subject: 'Winter sale', html: '<p>Hello</p>\n<p>See you</p>', previewText: 'Cosy', draftShape: '003', listIds: [] });
    const shape008 = payloadOf(handler, marketingTask({ action: 'send_newsletter', draft_id: 'd-8' }, { content: { newsletter_drafts: { id: 'd-8', status: 'draft', data: { subject_line: 'Spring', content: '<p>New in</p>', preview_text: 'Fresh' }, metadata: {} } } }));
    expect(shape008).toMatchObject({ subject: 'Spring', html: '<p>New in</p>', previewText: 'Fresh', draftShape: '008' });
    const outcome = await handler.execute(shape008, recordingContext(fake));
    const id = fake.sentCampaigns()[0]!.id;
    expect(fake.sentCampaigns()[0]!.listIds).toEqual([7]);
    expect(outcome.writeBack).toEqual([{ op: 'update', table: 'newsletter_drafts', id: 'd-8', set: { status: 'sent' }, mergeMetadata: { brevo_campaign_id: id, recipients_count: 1789 } }]);
    const missing = parsePayload(handler.payloadSchema, marketingTask({ action: 'send_newsletter', draft_id: 'gone' }, { content: { newsletter_drafts: null } }));
    expect(missing).toEqual({ ok: false, error: 'Invalid task payload: metadata.draft_id: newsletter_drafts row gone does not exist' });
  });

  it('"Send me a test" goes to Kenny through sendTest; the send then reuses that draft', async () => {
    const handler = brevoHandlerFor(fake, { env: brevoEnv(fake, { ALERT_EMAIL: 'kenny@audico.example' }) });
    const task = newsletterTask();
    expect(await handler.sendTest(task)).toEqual({ campaignId: 100, email: 'kenny@audico.example' });
    expect(await handler.sendTest(task, 'other@audico.example')).toEqual({ campaignId: 100, email: 'other@audico.example' });
    expect(fake.tests).toEqual([{ campaignId: 100, emailTo: ['kenny@audico.example'] }, { campaignId: 100, emailTo: ['other@audico.example'] }]);
    expect(fake.sentCampaigns()).toEqual([]);
    await handler.execute(payloadOf(handler, task), recordingContext(fake));
    expect(fake.campaigns.size).toBe(1);
    expect(fake.campaigns.get(100)?.status).toBe('queued');
  });

  it('402 not enough credits: permanent, with Brevo\'s message; nothing sent', async () => {
    fake.credits = 10;
    const handler = brevoHandlerFor(fake);
    const error = await failureOf(handler.execute(payloadOf(handler), recordingContext(fake)));
    expect(error.errorClass).toBe('permanent');
    expect(error.message).toContain("not enough credits (402 not_enough_credits: You don't have enough credit to send your campaign. Please update your plan)");
    expect(fake.sentCampaigns()).toEqual([]);
  });

  it('400 campaign_processing on a campaign that is not ours to resend: permanent with Brevo\'s message', async () => {
    fake.injectFault('campaigns.sendNow', { kind: 'status', status: 400, code: 'campaign_processing', message: 'Campaign is under validation' });
    const handler = brevoHandlerFor(fake);
    const error = await failureOf(handler.execute(payloadOf(handler), recordingContext(fake)));
    expect(error).toMatchObject({ errorClass: 'permanent', message: expect.stringContaining('400 campaign_processing: Campaign is under validation') });
  });

  it('429 waits for x-sib-ratelimit-reset, then the next attempt sends the same campaign once', async () => {
    fake.injectFault('campaigns.sendNow', { kind: 'status', status: 429, code: 'too_many_requests', message: 'The expected rate limit is exceeded.', headers: { 'x-sib-ratelimit-reset': '42', 'x-sib-ratelimit-remaining': '0' } });
    const handler = brevoHandlerFor(fake);
    const error = await failureOf(handler.execute(payloadOf(handler), recordingContext(fake, 'task-nl-1', 1)));
    expect(error).toMatchObject({ errorClass: 'retryable', retryAfterMs: 42_000 });
    expect(error.message).toContain('The expected rate limit is exceeded.');
    const outcome = await handler.execute(payloadOf(handler), recordingContext(fake, 'task-nl-1', 2));
    expect(fake.campaigns.size).toBe(1);
    expect(fake.count('campaigns.create')).toBe(1);
    expect(fake.count('campaigns.update')).toBe(1);
    expect(fake.sentCampaigns()).toHaveLength(1);
    expect(outcome.externalId).toBe('100');
  });

  it('a 500 on sendNow after Brevo accepted it: the campaign is read, success, sent once', async () => {
    fake.injectFault('campaigns.sendNow', { kind: 'accept-then-status', status: 500 });
    const handler = brevoHandlerFor(fake);
    const outcome = await handler.execute(payloadOf(handler), recordingContext(fake));
    expect(outcome.result).toMatchObject({ status: 'queued', evidence: expect.stringContaining('is queued') });
    expect(fake.count('campaigns.sendNow')).toBe(1);
    expect(fake.sentCampaigns()).toHaveLength(1);
  });

  it('a 500 on sendNow that Brevo did not act on: still a draft, retryable, never a second campaign', async () => {
    fake.injectFault('campaigns.sendNow', { kind: 'status', status: 500, code: 'internal_error', message: 'Internal error' });
    const handler = brevoHandlerFor(fake);
    const error = await failureOf(handler.execute(payloadOf(handler), recordingContext(fake, 'task-nl-1', 1)));
    expect(error).toMatchObject({ errorClass: 'retryable', message: expect.stringContaining('still a draft, so nothing was sent') });
    await handler.execute(payloadOf(handler), recordingContext(fake, 'task-nl-1', 2));
    expect(fake.campaigns.size).toBe(1);
    expect(fake.count('campaigns.sendNow')).toBe(2);
    expect(fake.sentCampaigns()).toHaveLength(1);
  });

  it('reconcile: recorded campaign queued → succeeded; created but not recorded → found by marker; draft → not sent', async () => {
    const handler = brevoHandlerFor(fake);
    const task = newsletterTask();
    const input = (progress: Record<string, unknown>) => ({ task, idempotencyKey: 'task-nl-1:1', attempt: 1, requestPreview: null, progress });
    expect(await handler.reconcile!(input({}), recordingContext(fake))).toMatchObject({ status: 'not_sent', evidence: expect.stringContaining('never created') });
    fake.injectFault('campaigns.sendNow', { kind: 'status', status: 503, code: 'unavailable', message: 'down' });
    await failureOf(handler.execute(payloadOf(handler, task), recordingContext(fake)));
    expect(await handler.reconcile!(input({}), recordingContext(fake))).toMatchObject({ status: 'not_sent', evidence: expect.stringContaining('still a draft') });
    await handler.execute(payloadOf(handler, task), recordingContext(fake, 'task-nl-1', 2));
    expect(await handler.reconcile!(input({ campaignId: 100 }), recordingContext(fake))).toMatchObject({ status: 'succeeded', outcome: { externalId: '100' } });
    expect(await handler.reconcile!(input({}), recordingContext(fake))).toMatchObject({ status: 'succeeded', evidence: expect.stringContaining('is queued') });
    expect(fake.campaigns.size).toBe(1);
  });

  it('a scheduled newsletter is created with scheduledAt and not sent now', async () => {
    const handler = brevoHandlerFor(fake);
    const outcome = await handler.execute(payloadOf(handler, newsletterTask({ scheduled_for: '2026-12-01T06:00:00Z' })), recordingContext(fake));
    expect(fake.campaigns.get(100)).toMatchObject({ scheduledAt: '2026-12-01T06:00:00.000Z', status: 'queued' });
    expect(fake.count('campaigns.sendNow')).toBe(0);
    expect(outcome.result).toMatchObject({ scheduled_at: '2026-12-01T06:00:00.000Z' });
  });

  it('a key Brevo refuses mid-task: permanent, and the channel needs reconnecting (tasks held)', async () => {
    fake.injectFault('campaigns.list', { kind: 'status', status: 401, code: 'unauthorized', message: 'Key not found' });
    const handler = brevoHandlerFor(fake);
    const error = await failureOf(handler.execute(payloadOf(handler), recordingContext(fake)));
    expect(error).toMatchObject({ errorClass: 'permanent', message: expect.stringContaining('401: Key not found') });
    expect(await handler.connection.status()).toMatchObject({ state: 'needs_reconnect' });
    expect(await handler.unavailableReason!(payloadOf(handler))).toContain('Brevo needs reconnecting: Brevo refused the API key (Key not found)');
  });

  it('not connected: fails saying so; bad list ids fail naming the field', async () => {
    const handler = brevoHandlerFor(fake, { env: {} });
    const error = await failureOf(handler.execute(payloadOf(handler), recordingContext(null)));
    expect(error).toMatchObject({ errorClass: 'permanent', message: expect.stringContaining('No Brevo account connected') });
    expect(parsePayload(handler.payloadSchema, newsletterTask({ list_ids: 'seven' }))).toEqual({ ok: false, error: 'Invalid task payload: metadata.list_ids: "seven" is not a Brevo list id (a positive whole number)' });
    expect(fake.requests).toEqual([]);
  });
});
