// Influencer outreach: a personal e-mail from Kenny's Gmail (the Gmail channel's fake server and
// its never-twice protocol), or a Brevo transactional e-mail when only Brevo is connected.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../secrets/types';
import { GmailAccount } from '../gmail/gmail-account';
import { gmailConfigFromEnv } from '../gmail/gmail-config';
import { FakeGmailServer } from '../gmail/test-support/fake-gmail-server';
import { parsePayload } from '../payload';
import type { MarketingSend } from './brevo-payload';
import { FakeBrevoServer } from './test-support/fake-brevo-server';
import { brevoEnv, brevoHandlerFor, marketingTask, recordingContext } from './test-support/brevo-fixture';

let brevo: FakeBrevoServer;
let gmail: FakeGmailServer;
beforeEach(async () => {
  [brevo, gmail] = await Promise.all([FakeBrevoServer.start(), FakeGmailServer.start({ emailAddress: 'kenny@audico.example' })]);
});
afterEach(async () => {
  expect(brevo.violations).toEqual([]);
  await Promise.all([brevo.close(), gmail.close()]);
});

const template = '<p>Hi {{first_name}},</p><p>We love {{handle}} on {{platform}} ({{follower_count}} followers) & your {{ niche }} reviews.</p>';
const row003 = { id: 'inf-3', name: 'Thandi Nkosi', platform: 'instagram', handle: '@thandi.sound', follower_count: 48000, niche: 'hi-fi <audio>', status: 'identified', outreach_date: null, notes: null, metadata: { email: 'thandi@creators.example' } };
const row008 = { id: 'inf-8', status: 'identified', data: { name: 'Sipho Dube', email: 'sipho@creators.example', platform: 'youtube', follower_count: 120000, niche: 'home cinema', preferred_contact: 'email' }, metadata: {} };
const template008 = '<p>Hi {{first_name}}, {{follower_count}} {{platform}} viewers love {{niche}}.</p>';
const outreachTask = (metadata: Record<string, unknown>, row: Record<string, unknown> | null = row003) =>
  marketingTask({ action: 'influencer_outreach', influencer_id: row?.id ?? 'inf-x', message_template: row === row008 ? template008 : template, subject: 'Audico x {{name}}', ...metadata }, { id: 'task-out-1', title: 'Reach out', content: { influencer_opportunities: row } });

function gmailAccount(): GmailAccount {
  const env = { GMAIL_CLIENT_ID: gmail.clientId, GMAIL_CLIENT_SECRET: gmail.clientSecret, GMAIL_REFRESH_TOKEN: gmail.issueRefreshToken(), GMAIL_API_ROOT_URL: gmail.rootUrl, GOOGLE_OAUTH_TOKEN_URL: gmail.tokenUrl };
  return new GmailAccount(gmailConfigFromEnv(env), new MemorySecretStore());
}

const parse = (handler: ReturnType<typeof brevoHandlerFor>, task: ReturnType<typeof outreachTask>) => parsePayload(handler.payloadSchema, task);
const payload = (handler: ReturnType<typeof brevoHandlerFor>, task: ReturnType<typeof outreachTask>): MarketingSend => {
  const parsed = parse(handler, task);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.payload;
};

describe('influencer outreach', () => {
  it('fills the placeholders from the 003 row (address from its metadata), HTML-escaped', () => {
    const handler = brevoHandlerFor(brevo);
    expect(payload(handler, outreachTask({}))).toMatchObject({
      kind: 'influencer_outreach',
      to: { email: 'thandi@creators.example', name: 'Thandi Nkosi' },
      subject: 'Audico x Thandi Nkosi',
      // The template's own markup stays; the influencer's values are escaped.
      html: '<p>Hi Thandi,</p><p>We love @thandi.sound on instagram (48000 followers) & your hi-fi &lt;audio&gt; reviews.</p>',
      influencerShape: '003',
    });
  });

  it('reads the 008 shape (data.email); the task\'s to and name win', () => {
    const handler = brevoHandlerFor(brevo);
    expect(payload(handler, outreachTask({}, row008))).toMatchObject({ to: { email: 'sipho@creators.example', name: 'Sipho Dube' }, influencerShape: '008', subject: 'Audico x Sipho Dube', html: '<p>Hi Sipho, 120000 youtube viewers love home cinema.</p>' });
    expect(parse(handler, outreachTask({ message_template: template }, row008))).toMatchObject({ ok: false, error: expect.stringContaining('placeholders left unfilled: {{handle}}') });
    expect(payload(handler, outreachTask({ to: 'desk@creators.example', name: 'Sipho D.' }, row008))).toMatchObject({ to: { email: 'desk@creators.example', name: 'Sipho D.' } });
  });

  it('unfilled placeholders and a missing address fail before approval, naming them and where it looked', () => {
    const handler = brevoHandlerFor(brevo);
    expect(parse(handler, outreachTask({ message_template: '<p>Code {{discount_code}} for {{name}} and {{ tier }}</p>' }))).toEqual({
      ok: false,
      error: 'Invalid task payload: metadata.message_template: placeholders left unfilled: {{discount_code}}, {{tier}} (the influencer has: email, first_name, follower_count, handle, name, niche, platform, status)',
    });
    const noEmail = { ...row003, metadata: {} };
    expect(parse(handler, outreachTask({}, noEmail))).toEqual({
      ok: false,
      error: 'Invalid task payload: metadata.to: no e-mail address for this influencer: looked in task metadata.to, influencer_opportunities inf-3 metadata.email (the table has no e-mail column), … metadata.contact_email',
    });
    expect(parse(handler, outreachTask({}, null))).toEqual({ ok: false, error: 'Invalid task payload: metadata.influencer_id: influencer_opportunities row inf-x does not exist' });
  });

  it('goes from Kenny\'s Gmail through the Gmail channel\'s send; write-back: contacted + outreach_tracking', async () => {
    const handler = brevoHandlerFor(brevo, { gmail: gmailAccount() });
    const task = outreachTask({});
    const preview = await handler.loadPreview(task);
    expect(preview).toMatchObject({ summary: 'E-mail Thandi Nkosi <thandi@creators.example>: "Audico x Thandi Nkosi" (via Gmail)', detail: { kind: 'email', to: ['thandi@creators.example'] } });
    const send = payload(handler, task);
    expect(await handler.unavailableReason!(send)).toBeNull();
    const outcome = await handler.execute(send, recordingContext(null, 'task-out-1'));
    const sent = gmail.sent();
    expect(sent).toHaveLength(1);
    expect(sent[0]!.rfc822).toContain('To: Thandi Nkosi <thandi@creators.example>');
    expect(sent[0]!.rfc822).toContain('Hi Thandi,');
    expect(outcome.result).toMatchObject({ sent_via: 'gmail_api', gmail_message_id: sent[0]!.id });
    expect(outcome.writeBack).toEqual([
      { op: 'update', table: 'influencer_opportunities', id: 'inf-3', set: { status: 'contacted', outreach_date: '2026-11-29T08:00:00.000Z' } },
      { op: 'insert', table: 'outreach_tracking', row: { influencer_id: 'inf-3', channel: 'email', message_sent: send.kind === 'influencer_outreach' ? send.html : '', status: 'sent', sent_at: '2026-11-29T08:00:00.000Z', metadata: { subject: 'Audico x Thandi Nkosi', to: 'thandi@creators.example' } } },
    ]);
    // A second attempt finds the message in Sent by its Message-ID: never sent twice.
    await handler.execute(send, recordingContext(null, 'task-out-1', 2));
    expect(gmail.sent()).toHaveLength(1);
    expect(await handler.reconcile!({ task, idempotencyKey: 'task-out-1:1', attempt: 1, requestPreview: null, progress: {} }, recordingContext(null, 'task-out-1'))).toMatchObject({ status: 'succeeded' });
    expect(brevo.requests).toEqual([]);
  });

  it('without Gmail, through Brevo transactional e-mail with headers.idempotencyKey', async () => {
    const handler = brevoHandlerFor(brevo);
    const send = payload(handler, outreachTask({}, row008));
    const outcome = await handler.execute(send, recordingContext(brevo, 'task-out-1'));
    await handler.execute(send, recordingContext(brevo, 'task-out-1', 2));
    expect(brevo.count('smtp.send')).toBe(2);
    expect(brevo.transactional).toHaveLength(1);
    expect(brevo.transactional[0]!.body).toMatchObject({ to: [{ email: 'sipho@creators.example', name: 'Sipho Dube' }], sender: { email: 'news@audico.example', name: 'Audico' }, subject: 'Audico x Sipho Dube' });
    expect(brevo.transactional[0]!.key).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(outcome.result).toMatchObject({ sent_via: 'brevo_smtp' });
    expect(outcome.writeBack?.[0]).toEqual({ op: 'update', table: 'influencer_opportunities', id: 'inf-8', set: { status: 'contacted' }, mergeMetadata: { outreach_date: '2026-11-29T08:00:00.000Z' } });
  });

  it('neither Gmail nor Brevo connected: the task waits with the reason', async () => {
    const handler = brevoHandlerFor(brevo, { env: { BREVO_API_BASE_URL: brevo.apiBaseUrl } });
    const send = payload(handler, outreachTask({}));
    expect(await handler.unavailableReason!(send)).toBe('Influencer outreach waits for a mail account: Gmail: the Gmail channel is not registered; Brevo: No Brevo account connected: connect Brevo in Settings → Channels');
    expect(brevoEnv(brevo).BREVO_API_KEY).toBe(brevo.apiKey);
  });
});
