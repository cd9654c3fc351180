import { simpleParser } from 'mailparser';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../secrets/types';
import { ChannelError } from '../errors';
import { parsePayload } from '../payload';
import type { ExecutionContext, TaskInput } from '../types';
import { gmailTokenSecret } from './gmail-account';
import { notConnectedMessage } from './gmail-config';
import { createGmailHandler, type GmailHandler } from './gmail-handler';
import type { GmailPayload } from './gmail-payload';
import { messageIdFor } from './mime';
import { FakeGmailServer } from './test-support/fake-gmail-server';

const now = new Date('2026-11-24T10:00:00.000Z');
const draftText = (subject = 'Re: Order 1042') =>
  [`From: support@audico.example`, `To: Thandi <thandi@example.com>`, `Subject: ${subject}`, `Message-ID: <draft-${subject.length}@mail.gmail.com>`, 'Content-Type: text/plain; charset=UTF-8', '', 'Your order ships today.', ''].join('\r\n');

let fake: FakeGmailServer;
let secrets: MemorySecretStore;
let env: Record<string, string>;
let reconnects: string[];

function handlerFor(overrides: Record<string, string | undefined> = {}): GmailHandler {
  return createGmailHandler({ env: { ...env, ...overrides }, secrets, onReconnectNeeded: (message) => reconnects.push(message) });
}

function task(metadata: Record<string, unknown>, id = 'task-1'): TaskInput {
  return { id, title: 'Reply to customer', description: null, assignedAgent: 'Email Agent', priority: 'medium', metadata };
}

function payload(handler: GmailHandler, metadata: Record<string, unknown>, id = 'task-1'): GmailPayload {
  const parsed = parsePayload(handler.payloadSchema, task(metadata, id));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.payload;
}

function context(taskId = 'task-1', attempt = 1): ExecutionContext {
  return { idempotencyKey: `${taskId}:${attempt}`, attempt, taskId, signal: new AbortController().signal, now: () => now, recordProgress: () => {} };
}

async function failure(promise: Promise<unknown>): Promise<ChannelError> {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(ChannelError);
  return error as ChannelError;
}

const composed = { to: 'Thandi <thandi@example.com>', subject: 'Your order', body_text: 'It ships today.', body_html: '<p>It ships <b>today</b>.</p>', email_id: 'log-7' };

beforeEach(async () => {
  fake = await FakeGmailServer.start();
  secrets = new MemorySecretStore();
  reconnects = [];
  env = {
    GMAIL_CLIENT_ID: fake.clientId,
    GMAIL_CLIENT_SECRET: fake.clientSecret,
    GMAIL_REFRESH_TOKEN: fake.issueRefreshToken(),
    GMAIL_API_ROOT_URL: fake.rootUrl,
    GOOGLE_OAUTH_TOKEN_URL: fake.tokenUrl,
  };
});
afterEach(async () => {
  await fake.close();
});

describe('Gmail handler against a server speaking the Gmail API', () => {
  it('without an account: execute fails permanently with the not-connected message, sending nothing', async () => {
    const handler = handlerFor({ GMAIL_REFRESH_TOKEN: undefined });
    expect(await handler.unavailableReason?.()).toBeNull();
    const error = await failure(handler.execute(payload(handler, composed), context()));
    expect(error.errorClass).toBe('permanent');
    expect(error.message).toBe(notConnectedMessage);
    expect(fake.requests).toHaveLength(0);
  });

  it('sends a draft and records the cloud email_logs fields', async () => {
    const handler = handlerFor();
    const draftId = fake.addDraft(draftText());
    const draftMessageId = fake.mailbox.drafts.get(draftId)?.message.id;
    expect(await handler.unavailableReason?.()).toBeNull();
    const outcome = await handler.execute(payload(handler, { draft_id: draftId, email_id: 'log-1', email_category: 'inquiry' }), context());
    expect(outcome.externalId).toBe(draftMessageId);
    expect(outcome.result).toMatchObject({ gmail_message_id: draftMessageId, sent_via: 'gmail', sent_at: now.toISOString(), draft_id: draftId, email_log_update: { id: 'log-1', status: 'sent' } });
    expect(outcome.writeBack).toEqual([
      { op: 'update', table: 'email_logs', id: 'log-1', set: { status: 'sent' }, mergeMetadata: { gmail_message_id: draftMessageId, sent_via: 'gmail', sent_at: now.toISOString() } },
    ]);
    expect(fake.sent().map((message) => message.id)).toEqual([draftMessageId]);
    expect(fake.mailbox.drafts.has(draftId)).toBe(false);
    expect(fake.count('drafts.send')).toBe(1);
  });

  it('sends a composed reply in its thread with our Message-ID, In-Reply-To and References', async () => {
    const original = fake.mailbox.store(['From: thandi@example.com', 'To: support@audico.example', 'Subject: Order 1042', 'Message-ID: <orig-1@example.com>', '', 'Where is it?', ''].join('\r\n'), ['INBOX'], null);
    const handler = handlerFor();
    const outcome = await handler.execute(payload(handler, { ...composed, subject: 'Re: Order 1042', thread_id: original.threadId, in_reply_to: '<orig-1@example.com>' }), context());
    const [sent] = fake.sent();
    expect(sent?.threadId).toBe(original.threadId);
    expect(outcome).toMatchObject({ externalId: sent?.id, result: { thread_id: original.threadId, message_id_header: messageIdFor('task-1') } });
    const sendRequest = fake.requests.find((request) => request.operation === 'messages.send');
    expect(JSON.parse(sendRequest?.body ?? '{}')).toMatchObject({ threadId: original.threadId });
    const mail = await simpleParser(sent?.rfc822 ?? '');
    expect(mail.messageId).toBe(messageIdFor('task-1'));
    expect(mail.inReplyTo).toBe('<orig-1@example.com>');
    expect(mail.references).toBe('<orig-1@example.com>');
    expect(mail.subject).toBe('Re: Order 1042');
    expect(mail.text?.trim()).toBe('It ships today.');
    expect(mail.html).toBe('<p>It ships <b>today</b>.</p>');
  });

  it('never sends a composed message twice: a later attempt finds it by Message-ID', async () => {
    const handler = handlerFor();
    const first = await handler.execute(payload(handler, composed), context('task-1', 1));
    const second = await handler.execute(payload(handler, composed), context('task-1', 2));
    expect(second.externalId).toBe(first.externalId);
    expect(second.result.already_sent).toBe(true);
    expect(fake.count('messages.send')).toBe(1);
  });

  it('scheduled_for becomes notBefore', () => {
    const handler = handlerFor();
    expect(handler.notBefore?.(payload(handler, { draft_id: 'r1', scheduled_for: '2026-11-24T11:00:00+02:00' }))).toEqual(new Date('2026-11-24T09:00:00.000Z'));
    expect(handler.notBefore?.(payload(handler, { draft_id: 'r1' }))).toBeNull();
    expect(handler.limitKeys(payload(handler, { draft_id: 'r1' }))).toEqual(['email_send']);
  });

  it('refreshes an expired access token and keeps the new one in the secret store', async () => {
    const handler = handlerFor();
    await handler.execute(payload(handler, composed, 'task-a'), context('task-a'));
    expect(fake.count('token')).toBe(1);
    // The env token's state (access token) is stored; expire it server-side: a 401 refreshes once.
    fake.expireAccessTokens();
    await handler.execute(payload(handler, composed, 'task-b'), context('task-b'));
    expect(fake.count('token')).toBe(2);
    const stored = JSON.parse((await secrets.get(gmailTokenSecret)) ?? '{}') as { accessToken: string };
    const lastAuth = fake.requests.filter((request) => request.operation === 'messages.send').at(-1)?.authorization;
    expect(lastAuth).toBe(`Bearer ${stored.accessToken}`);
    expect(fake.sent()).toHaveLength(2);
  });

  it('invalid_grant: reconnect needed, an alert hook, tasks held, nothing sent', async () => {
    fake.revokeRefreshToken(env.GMAIL_REFRESH_TOKEN as string);
    const handler = handlerFor();
    const error = await failure(handler.execute(payload(handler, composed), context()));
    expect(error.errorClass).toBe('retryable');
    expect(error.retryAfterMs).toBe(3_600_000);
    expect(error.message).toMatch(/^Gmail needs to be reconnected: Google rejected the saved authorization \(invalid_grant: Token has been expired or revoked\.\)/);
    expect(reconnects).toEqual([error.message]);
    expect(await handler.unavailableReason?.()).toBe(error.message);
    expect((await handler.status()).reconnectNeeded).toBe(true);
    expect(fake.count('messages.send')).toBe(0);
    // A new GMAIL_REFRESH_TOKEN clears the state.
    expect(await handlerFor({ GMAIL_REFRESH_TOKEN: fake.issueRefreshToken() }).unavailableReason?.()).toBeNull();
  });

  it('429 with Retry-After: retryable after the provider delay, sent once by the client', async () => {
    fake.injectFault('messages.send', { kind: 'status', status: 429, headers: { 'retry-after': '120' }, body: { error: { code: 429, message: 'User-rate limit exceeded', errors: [{ reason: 'rateLimitExceeded' }] } } });
    const handler = handlerFor();
    const error = await failure(handler.execute(payload(handler, composed), context()));
    expect(error).toMatchObject({ errorClass: 'retryable', retryAfterMs: 120_000 });
    expect(fake.count('messages.send')).toBe(1);
    expect(fake.sent()).toHaveLength(0);
  });

  it('400: permanent with Gmail’s message', async () => {
    fake.injectFault('messages.send', { kind: 'status', status: 400, body: { error: { code: 400, message: 'Invalid To header', errors: [{ reason: 'invalidArgument' }] } } });
    const handler = handlerFor();
    const error = await failure(handler.execute(payload(handler, composed), context()));
    expect(error).toMatchObject({ errorClass: 'permanent', message: 'Gmail rejected the request (400): Invalid To header' });
  });

  it('a token without the scope to search Sent fails permanently before sending, saying what to do', async () => {
    const scopeError = { code: 403, message: 'Request had insufficient authentication scopes.', errors: [{ reason: 'insufficientPermissions' }] };
    // Twice: google-auth-library refreshes the token once on a 403 and retries.
    fake.injectFault('messages.list', { kind: 'status', status: 403, body: { error: scopeError } });
    fake.injectFault('messages.list', { kind: 'status', status: 403, body: { error: scopeError } });
    const handler = handlerFor();
    const error = await failure(handler.execute(payload(handler, composed), context()));
    expect(error.errorClass).toBe('permanent');
    expect(error.message).toContain('needs gmail.modify');
    expect(fake.count('messages.send')).toBe(0);
  });

  it('500 after Gmail accepted a composed message: found by Message-ID, not sent twice', async () => {
    fake.injectFault('messages.send', { kind: 'accept-then-status', status: 500 });
    const handler = handlerFor();
    const outcome = await handler.execute(payload(handler, composed), context());
    expect(fake.count('messages.send')).toBe(1);
    expect(fake.sent()).toHaveLength(1);
    expect(outcome.externalId).toBe(fake.sent()[0]?.id);
    expect(String(outcome.result.evidence)).toContain('answered 500');
  });

  it('500 after Gmail sent a draft: the draft is gone and its sent message is recorded', async () => {
    fake.injectFault('drafts.send', { kind: 'accept-then-status', status: 502 });
    const draftId = fake.addDraft(draftText());
    const handler = handlerFor();
    const outcome = await handler.execute(payload(handler, { draft_id: draftId }), context());
    expect(fake.count('drafts.send')).toBe(1);
    expect(outcome.externalId).toBe(fake.sent()[0]?.id);
  });

  it('503 on a draft that is still in Drafts: retryable, nothing was sent', async () => {
    fake.injectFault('drafts.send', { kind: 'status', status: 503 });
    const draftId = fake.addDraft(draftText());
    const handler = handlerFor();
    const error = await failure(handler.execute(payload(handler, { draft_id: draftId }), context()));
    expect(error.errorClass).toBe('retryable');
    expect(error.message).toContain('is still in Drafts');
    expect(fake.count('drafts.send')).toBe(1);
  });

  it('connection dropped after Gmail took the message: reconciled to the sent message', async () => {
    fake.injectFault('messages.send', { kind: 'accept-then-destroy' });
    const handler = handlerFor();
    const outcome = await handler.execute(payload(handler, composed), context());
    expect(outcome.externalId).toBe(fake.sent()[0]?.id);
    expect(fake.count('messages.send')).toBe(1);
  });

  it('connection dropped before Gmail took it: unknown outcome, then reconcile says not sent, and the retry sends once', async () => {
    fake.injectFault('messages.send', { kind: 'destroy-before-accept' });
    const handler = handlerFor();
    const error = await failure(handler.execute(payload(handler, composed), context()));
    expect(error.errorClass).toBe('unknown_outcome');
    expect(fake.sent()).toHaveLength(0);
    const verdict = await handler.reconcile?.({ task: task(composed), idempotencyKey: 'task-1:1', attempt: 1, requestPreview: null, progress: {} }, context());
    expect(verdict).toMatchObject({ status: 'not_sent' });
    await handler.execute(payload(handler, composed), context('task-1', 2));
    expect(fake.sent()).toHaveLength(1);
  });

  it('connection refused: retryable, nothing sent', async () => {
    const handler = handlerFor({ GMAIL_API_ROOT_URL: 'http://127.0.0.1:9/' });
    const error = await failure(handler.execute(payload(handler, composed), context()));
    expect(error.errorClass).toBe('retryable');
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('reconcile after a crash mid drafts.send: the draft is gone, the sent message is found', async () => {
    fake.injectFault('drafts.send', { kind: 'accept-then-hang' });
    const draftId = fake.addDraft(draftText());
    const crashed = handlerFor();
    const abort = new AbortController();
    const accepted = new Promise((resolve) => fake.once('accepted', resolve));
    const pending = crashed.execute(payload(crashed, { draft_id: draftId }), { ...context(), signal: abort.signal }).catch((error: unknown) => error);
    await accepted;
    abort.abort();
    await pending;
    const restarted = handlerFor();
    const verdict = await restarted.reconcile?.({ task: task({ draft_id: draftId }), idempotencyKey: 'task-1:1', attempt: 1, requestPreview: null, progress: {} }, context());
    expect(verdict).toMatchObject({ status: 'succeeded', outcome: { externalId: fake.sent()[0]?.id } });
    // A draft still in Drafts was not sent; a draft we never sent is for a person.
    const other = fake.addDraft(draftText('Other'));
    expect(await restarted.reconcile?.({ task: task({ draft_id: other }, 'task-2'), idempotencyKey: 'task-2:1', attempt: 1, requestPreview: null, progress: {} }, context('task-2'))).toMatchObject({ status: 'not_sent' });
    fake.mailbox.drafts.delete(other);
    expect(await restarted.reconcile?.({ task: task({ draft_id: other }, 'task-2'), idempotencyKey: 'task-2:1', attempt: 1, requestPreview: null, progress: {} }, context('task-2'))).toMatchObject({ status: 'unknown' });
  });

  it('loadPreview shows exactly what a draft will send; preview() names the draft', async () => {
    const handler = handlerFor();
    const draftId = fake.addDraft(draftText('Re: Zoë’s order'));
    const preview = await handler.loadPreview(task({ draft_id: draftId, scheduled_for: '2026-11-24T12:00:00Z' }));
    expect(preview.detail).toMatchObject({ kind: 'email', to: ['Thandi <thandi@example.com>'], subject: 'Re: Zoë’s order', text: 'Your order ships today.\n', draftId, scheduledFor: '2026-11-24T12:00:00.000Z' });
    expect(handler.preview(payload(handler, { draft_id: draftId })).summary).toBe(`Send Gmail draft ${draftId}`);
  });
});
