// The X channel through the real twitter-api-v2 client against a local server speaking X API v2
// (X_API_BASE_URL): publish, media with alt text, threads, errors by class, token rotation,
// reconcile and undo.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../secrets/types';
import { secretKeyFor } from '../connection/credential-connection';
import { ChannelError } from '../errors';
import { parsePayload } from '../payload';
import type { SocialPost } from '../social/social-payload';
import type { ExecutionContext, TaskInput } from '../types';
import { createXHandler, type XHandler } from './x-handler';
import { FakeXServer } from './test-support/fake-x-server';

let fake: FakeXServer;
let secrets: MemorySecretStore;
let env: Record<string, string>;
let reconnects: string[];
let progress: Record<string, unknown>;

beforeEach(async () => {
  fake = await FakeXServer.start();
  secrets = new MemorySecretStore();
  env = { X_CLIENT_ID: fake.clientId, X_REFRESH_TOKEN: fake.issueRefreshToken(), X_API_BASE_URL: fake.baseUrl };
  reconnects = [];
  progress = {};
});
afterEach(async () => {
  await fake.close();
});

function handler(overrides: Record<string, string> = {}, store = secrets): XHandler {
  const created = createXHandler({ env: { ...env, ...overrides }, secrets: store });
  created.onReconnectNeeded((message) => reconnects.push(message));
  return created;
}

const task = (metadata: Record<string, unknown>, content?: TaskInput['content']): TaskInput => ({ id: 'task-1', title: 'Post', description: null, assignedAgent: 'Social Media Agent', priority: 'medium', metadata, ...(content ? { content } : {}) });

function payload(x: XHandler, metadata: Record<string, unknown>, content?: TaskInput['content']): SocialPost {
  const parsed = parsePayload(x.payloadSchema, task(metadata, content));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.payload;
}

const context = (): ExecutionContext => ({ idempotencyKey: 'task-1:1', attempt: 1, taskId: 'task-1', signal: new AbortController().signal, now: () => new Date(), recordProgress: (patch) => Object.assign(progress, patch) });

async function failure(promise: Promise<unknown>): Promise<ChannelError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ChannelError);
  return error as ChannelError;
}

describe('X: publishing', () => {
  it('publishes a post from the referenced social_posts row and writes the URL back', async () => {
    const x = handler();
    const post = payload(x, { post_id: 'sp-7' }, { social_posts: { id: 'sp-7', content: 'Denon AVR-X3800H back in stock & shipping today', platform: 'x', media_urls: [] } });
    const outcome = await x.execute(post, context());
    expect(fake.live()).toHaveLength(1);
    const id = fake.live()[0]!.id;
    expect(fake.live()[0]!.text).toBe('Denon AVR-X3800H back in stock & shipping today');
    expect(outcome).toMatchObject({ externalId: id, externalUrl: `https://x.com/AudicoSA/status/${id}` });
    expect(outcome.writeBack).toEqual([
      { op: 'update', table: 'social_posts', id: 'sp-7', set: { status: 'published', published_at: expect.any(String), post_url: `https://x.com/AudicoSA/status/${id}`, content: expect.any(String) }, mergeMetadata: expect.objectContaining({ platform_post_id: id }) },
    ]);
    expect(progress).toMatchObject({ xPosted: [{ id }] });
  });

  it('uploads media through the v2 upload with alt text and attaches it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'x-media-'));
    const file = join(dir, 'era300.png');
    writeFileSync(file, Buffer.alloc(2_500_000, 7));
    const x = handler();
    await x.execute(payload(x, { platform: 'x', content: 'Sonos Era 300', media_urls: [pathToFileURL(file).href], media_alt_text: ['A white Sonos Era 300 speaker'] }), context());
    const [tweet] = fake.live();
    expect(tweet!.mediaIds).toHaveLength(1);
    const media = fake.media.get(tweet!.mediaIds[0]!)!;
    expect(media).toMatchObject({ type: 'image/png', totalBytes: 2_500_000, received: 2_500_000, alt: 'A white Sonos Era 300 speaker', finalized: true });
    expect(fake.count('media.append')).toBe(3); // 1 MB chunks
  });

  it('posts a thread, each part replying to the one before (the first to reply_to)', async () => {
    const x = handler();
    const outcome = await x.execute(payload(x, { platform: 'x', content: 'Three reasons to pick the Era 300 🧵', thread: ['Spatial audio.', 'Line-in.'], reply_to: '1799' }), context());
    const [first, second, third] = fake.live();
    expect([first!.replyTo, second!.replyTo, third!.replyTo]).toEqual(['1799', first!.id, second!.id]);
    expect(outcome.result).toMatchObject({ postIds: [first!.id, second!.id, third!.id] });
  });

  it('works with OAuth 1.0a user keys', async () => {
    const x = handler({ X_CLIENT_ID: '', X_REFRESH_TOKEN: '', X_API_KEY: 'fake-api-key', X_API_SECRET: 's', X_ACCESS_TOKEN: 't', X_ACCESS_SECRET: 'u' });
    await x.execute(payload(x, { platform: 'x', content: 'Signed with OAuth 1.0a' }), context());
    expect(fake.live()).toHaveLength(1);
    expect((await x.connection!.check(new AbortController().signal)).account).toBe('@AudicoSA');
  });
});

describe('X: errors by class', () => {
  it('429: retryable at x-rate-limit-reset, not counted as an attempt; then succeeds', async () => {
    const reset = Math.floor(Date.now() / 1000) + 120;
    fake.injectFault('tweet', { kind: 'status', status: 429, headers: { 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) }, body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 } });
    const x = handler();
    const post = payload(x, { platform: 'x', content: 'Weekend sale' });
    const error = await failure(x.execute(post, context()));
    expect(error.errorClass).toBe('retryable');
    expect(error.countsAsAttempt).toBe(false);
    expect(error.retryAfterMs).toBeGreaterThan(110_000);
    expect(error.message).toMatch(/X rate limit reached .*Too Many Requests/);
    await x.execute(post, context());
    expect(fake.live()).toHaveLength(1);
  });

  it('403 duplicate content: permanent, naming X\'s reason', async () => {
    const x = handler();
    const post = payload(x, { platform: 'x', content: 'Same text' });
    await x.execute(post, context());
    const error = await failure(x.execute(post, context()));
    expect(error.errorClass).toBe('permanent');
    expect(error.message).toMatch(/duplicate content .*You are not allowed to create a Tweet with duplicate content/);
  });

  it('402 credits depleted: permanent, naming the problem type', async () => {
    fake.injectFault('tweet', { kind: 'status', status: 402, body: { title: 'Payment Required', detail: 'Your enrolled account does not have any credits to fulfill this request.', type: 'https://api.twitter.com/2/problems/credits-depleted', status: 402 } });
    const x = handler();
    const error = await failure(x.execute(payload(x, { platform: 'x', content: 'hi' }), context()));
    expect(error.errorClass).toBe('permanent');
    expect(error.message).toBe("X refused publishing the post: the account's API credits are depleted (credits-depleted: Your enrolled account does not have any credits to fulfill this request.)");
  });

  it('503 after X accepted: unknown outcome, and reconcile finds the post', async () => {
    fake.injectFault('tweet', { kind: 'accept-then-status', status: 503 });
    const x = handler();
    const post = payload(x, { platform: 'x', content: 'Check https://audico.co.za/sonos & more' });
    const error = await failure(x.execute(post, context()));
    expect(error.errorClass).toBe('unknown_outcome');
    const verdict = await x.reconcile!({ task: task({ platform: 'x', content: 'Check https://audico.co.za/sonos & more' }), idempotencyKey: 'task-1:1', attempt: 1, requestPreview: null, progress }, context());
    expect(verdict).toMatchObject({ status: 'succeeded', outcome: { externalId: fake.live()[0]!.id } });
  });
});

describe('X: tokens', () => {
  it('rotates the single-use refresh token, saved before use; a reused one is refused → needs reconnecting + alert', async () => {
    const x = handler();
    await x.execute(payload(x, { platform: 'x', content: 'first' }), context());
    const stored = JSON.parse((await secrets.get(secretKeyFor('x')))!) as { tokens: { refreshToken: string } };
    expect(stored.tokens.refreshToken).not.toBe(env.X_REFRESH_TOKEN);
    // Expired access token: the rotated refresh token works, once.
    fake.expireAccessTokens();
    await x.execute(payload(x, { platform: 'x', content: 'second' }), context());
    expect(fake.count('token')).toBe(2);
    // Another machine with only the original (already used) refresh token is refused.
    const other = handler({}, new MemorySecretStore());
    const error = await failure(other.execute(payload(other, { platform: 'x', content: 'third' }), context()));
    expect(error).toMatchObject({ errorClass: 'retryable', countsAsAttempt: false });
    expect(error.message).toMatch(/X needs reconnecting: X refused the refresh token \(invalid_request: Value passed for the token was invalid\.\)/);
    expect(await other.unavailableReason!()).toMatch(/needs reconnecting/);
    expect(reconnects).toHaveLength(1);
  });

  it('refreshes once for parallel callers (single flight)', async () => {
    const x = handler();
    await Promise.all([x.account.client(), x.account.client(), x.account.client()]);
    expect(fake.count('token')).toBe(1);
  });
});

describe('X: reconcile and undo', () => {
  it('not on the timeline since the intent: not sent; recorded ids: succeeded', async () => {
    const x = handler();
    const input = { task: task({ platform: 'x', content: 'Never posted' }), idempotencyKey: 'k', attempt: 1, requestPreview: null, progress: { xStartedAt: new Date().toISOString() } };
    expect(await x.reconcile!(input, context())).toMatchObject({ status: 'not_sent' });
    expect(await x.reconcile!({ ...input, progress: { xPosted: [{ id: '42', text: 'Never posted' }] } }, context())).toMatchObject({ status: 'succeeded', outcome: { externalId: '42' } });
    expect(await x.reconcile!({ ...input, progress: {} }, context())).toMatchObject({ status: 'not_sent' });
  });

  it('undo deletes every post of the thread', async () => {
    const x = handler();
    const outcome = await x.execute(payload(x, { platform: 'x', content: 'one', thread: ['two'] }), context());
    const undone = await x.rollback!({ task: task({}), execution: { idempotencyKey: 'k', externalId: outcome.externalId, externalUrl: outcome.externalUrl, result: outcome.result, progress: {} } }, { signal: new AbortController().signal, now: () => new Date() });
    expect(undone.restored).toHaveLength(2);
    expect(fake.live()).toHaveLength(0);
    expect(x.rollbackWindowMs).toBe(24 * 3600 * 1000);
  });
});

describe('X: weighted length and rules before approval', () => {
  it('counts as X does (URL 23, emoji 2, CJK 2) and blocks more than 4 images', () => {
    const x = handler();
    const preview = x.preview(payload(x, { platform: 'x', content: 'Sale https://audico.co.za/a/very/long/path/to/the/product 😀 日本' }));
    expect(preview.detail).toMatchObject({ kind: 'social_post', characterCount: 5 + 23 + 1 + 2 + 1 + 4, countKind: 'weighted', characterLimit: 280 });
    const parsed = parsePayload(x.payloadSchema, task({ platform: 'x', content: 'hi', media_urls: ['https://a.example/1.png', 'https://a.example/2.png', 'https://a.example/3.png', 'https://a.example/4.png', 'https://a.example/5.png'] }));
    expect(parsed).toMatchObject({ ok: false, error: expect.stringMatching(/metadata\.media_urls: X takes at most 4 images per post \(5 given\)/) });
    const long = parsePayload(x.payloadSchema, task({ platform: 'x', content: '日'.repeat(141) }));
    expect(long).toMatchObject({ ok: false, error: expect.stringMatching(/counts 282 on X/) });
  });
});
