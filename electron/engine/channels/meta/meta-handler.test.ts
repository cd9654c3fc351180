// Facebook and Instagram through real fetch against a local server speaking the Graph API
// (META_GRAPH_BASE_URL): feed, link and photo posts, scheduled posts, Instagram containers with
// status transitions, errors by code, reconcile and undo.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MemorySecretStore } from '../../secrets/types';
import { ChannelError } from '../errors';
import { parsePayload } from '../payload';
import type { SocialPost } from '../social/social-payload';
import type { ExecutionContext, TaskInput } from '../types';
import { createMetaHandler, type MetaHandler } from './meta-handler';
import { expiredTokenError, FakeGraphServer } from './test-support/fake-graph-server';

let fake: FakeGraphServer;
let progress: Record<string, unknown>;
let reconnects: string[];
let media: (name: string) => string;

beforeEach(async () => {
  fake = await FakeGraphServer.start();
  progress = {};
  reconnects = [];
  media = (name) => `${fake.baseUrl}/media/${name}`;
});
afterEach(async () => {
  await fake.close();
});

function handler(env: Record<string, string> = {}): MetaHandler {
  const created = createMetaHandler({ env: { META_PAGE_ID: fake.pageId, META_PAGE_ACCESS_TOKEN: fake.pageToken, META_GRAPH_BASE_URL: fake.baseUrl, ...env }, secrets: new MemorySecretStore(), instagramPace: { pollMs: 20, maxWaitMs: 2_000 }, allowLocalMedia: true });
  created.onReconnectNeeded((message) => reconnects.push(message));
  return created;
}
const task = (metadata: Record<string, unknown>): TaskInput => ({ id: 'task-1', title: 'Post', description: null, assignedAgent: 'Social Media Agent', priority: 'medium', metadata });
function payload(meta: MetaHandler, metadata: Record<string, unknown>): SocialPost {
  const parsed = parsePayload(meta.payloadSchema, task(metadata));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.payload;
}
const context = (): ExecutionContext => ({ idempotencyKey: 'task-1:1', attempt: 1, taskId: 'task-1', signal: new AbortController().signal, now: () => new Date(), recordProgress: (patch) => Object.assign(progress, patch) });
async function failure(promise: Promise<unknown>): Promise<ChannelError> {
  const error = await promise.then(() => null, (caught: unknown) => caught);
  expect(error).toBeInstanceOf(ChannelError);
  return error as ChannelError;
}

describe('Facebook', () => {
  it('text post on the feed; the permalink is the deliverable and goes back to social_posts', async () => {
    const meta = handler();
    const outcome = await meta.execute(payload(meta, { platform: 'facebook', content: 'Weekend sale on Denon', post_id: 'sp-1' }), context());
    const [post] = fake.livePosts();
    expect(post).toMatchObject({ message: 'Weekend sale on Denon', scheduledFor: null });
    expect(outcome).toMatchObject({ externalId: post!.id, externalUrl: `https://www.facebook.com/${post!.id}`, writeBack: [{ table: 'social_posts', id: 'sp-1', set: { status: 'published', post_url: `https://www.facebook.com/${post!.id}` } }] });
  });

  it('several photos: unpublished photos attached to one feed post', async () => {
    const meta = handler();
    await meta.execute(payload(meta, { platform: 'facebook', content: 'New arrivals', media_urls: [media('a.jpg'), media('b.jpg'), media('c.jpg')] }), context());
    expect(fake.livePosts()).toHaveLength(1);
    expect(fake.livePosts()[0]!.photoIds).toHaveLength(3);
    expect([...fake.photos.values()].every((photo) => !photo.published)).toBe(true);
  });

  it('link post and a post Facebook schedules', async () => {
    const meta = handler();
    const at = new Date(Date.now() + 2 * 3600_000);
    await meta.execute(payload(meta, { platform: 'facebook', content: 'Read our guide', link: 'https://audico.co.za/guide', scheduled_for: at.toISOString() }), context());
    expect(fake.posts[0]).toMatchObject({ link: 'https://audico.co.za/guide', scheduledFor: Math.floor(at.getTime() / 1000) });
    expect(meta.notBefore!(payload(meta, { platform: 'facebook', content: 'x', scheduled_for: at.toISOString() }))).toBeNull();
  });

  it('reconcile: a page post with the text since the intent is found; none is not sent; undo deletes it', async () => {
    const meta = handler();
    const started = { fbStartedAt: new Date().toISOString() };
    const input = { task: task({ platform: 'facebook', content: 'Crash me' }), idempotencyKey: 'k', attempt: 1, requestPreview: null, progress: started };
    expect(await meta.reconcile!(input, context())).toMatchObject({ status: 'not_sent' });
    const outcome = await meta.execute(payload(meta, { platform: 'facebook', content: 'Crash me' }), context());
    expect(await meta.reconcile!(input, context())).toMatchObject({ status: 'succeeded', outcome: { externalId: outcome.externalId } });
    const undone = await meta.rollback!({ task: task({}), execution: { idempotencyKey: 'k', externalId: outcome.externalId, externalUrl: outcome.externalUrl, result: outcome.result, progress: {} } }, { signal: new AbortController().signal, now: () => new Date() });
    expect(undone.restored).toEqual([`Facebook post ${outcome.externalId} deleted`]);
    expect(fake.livePosts()).toHaveLength(0);
  });
});

describe('Instagram', () => {
  it('image: checks the quota, records the container before media_publish, polls until FINISHED', async () => {
    const meta = handler();
    const outcome = await meta.execute(payload(meta, { platform: 'instagram', content: 'Era 300 #sonos', media_urls: [media('era.jpg')], media_alt_text: ['A white speaker'] }), context());
    expect(fake.count('publishing_limit')).toBe(1);
    const [container] = fake.containers.values();
    expect(container!.params).toMatchObject({ image_url: media('era.jpg'), caption: 'Era 300 #sonos', alt_text: 'A white speaker' });
    expect(progress).toMatchObject({ igContainerId: container!.id, igUserId: fake.igUserId });
    expect(container!.reads).toBe(2);
    expect(outcome).toMatchObject({ externalId: fake.igMedia[0]!.id, externalUrl: `https://www.instagram.com/p/${fake.igMedia[0]!.id}/` });
  });

  it('carousel and reel containers', async () => {
    const meta = handler();
    await meta.execute(payload(meta, { platform: 'instagram', content: 'Three looks', media_urls: [media('1.jpg'), media('2.jpg'), media('3.jpg')] }), context());
    const parent = [...fake.containers.values()].find((container) => container.params.media_type === 'CAROUSEL')!;
    expect(parent.params.children!.split(',')).toHaveLength(3);
    await meta.execute(payload(meta, { platform: 'instagram', content: 'Reel', media_type: 'reel', media_urls: [media('r.mp4')] }), context());
    expect([...fake.containers.values()].some((container) => container.params.media_type === 'REELS' && container.params.video_url === media('r.mp4'))).toBe(true);
    expect(fake.igMedia).toHaveLength(2);
  });

  it('container ERROR and EXPIRED end with a clear permanent error; nothing is published', async () => {
    const meta = handler();
    fake.containerScript = ['IN_PROGRESS', 'ERROR'];
    const error = await failure(meta.execute(payload(meta, { platform: 'instagram', content: 'Bad video', media_type: 'reel', media_urls: [media('bad.mp4')] }), context()));
    expect(error).toMatchObject({ errorClass: 'permanent', message: expect.stringMatching(/Instagram could not process the media .*2207026 Unsupported video format/) });
    fake.containerScript = ['EXPIRED'];
    expect((await failure(meta.execute(payload(meta, { platform: 'instagram', content: 'Late', media_urls: [media('a.jpg')] }), context()))).message).toMatch(/expired/);
    expect(fake.count('media_publish')).toBe(0);
  });

  it('publishing quota reached: waits without spending an attempt', async () => {
    fake.quota.usage = 50;
    const meta = handler();
    const error = await failure(meta.execute(payload(meta, { platform: 'instagram', content: 'One too many', media_urls: [media('a.jpg')] }), context()));
    expect(error).toMatchObject({ errorClass: 'retryable', countsAsAttempt: false, message: expect.stringMatching(/50 of 50 posts in 24 hours/) });
    expect(fake.count('media.create')).toBe(0);
  });

  it('reconcile from the recorded container: FINISHED publishes now, PUBLISHED succeeded, EXPIRED not sent; undo says it cannot', async () => {
    const meta = handler();
    const post = { platform: 'instagram', content: 'Recovered', media_urls: [media('a.jpg')] };
    fake.containerScript = ['FINISHED'];
    const created = await fetch(`${fake.baseUrl}/v23.0/${fake.igUserId}/media`, { method: 'POST', headers: { authorization: `Bearer ${fake.pageToken}` }, body: new URLSearchParams({ image_url: media('a.jpg'), caption: 'Recovered' }) }).then((r) => r.json() as Promise<{ id: string }>);
    await fetch(`${fake.baseUrl}/v23.0/${created.id}?fields=status_code`, { headers: { authorization: `Bearer ${fake.pageToken}` } });
    const input = { task: task(post), idempotencyKey: 'k', attempt: 1, requestPreview: null, progress: { igContainerId: created.id, igUserId: fake.igUserId, igStartedAt: new Date().toISOString() } };
    const first = await meta.reconcile!(input, context());
    expect(first).toMatchObject({ status: 'succeeded', evidence: expect.stringMatching(/FINISHED but not published: published it now/) });
    expect(await meta.reconcile!(input, context())).toMatchObject({ status: 'succeeded', evidence: expect.stringMatching(/is PUBLISHED as/) });
    expect(fake.igMedia).toHaveLength(1);
    fake.containerScript = ['EXPIRED'];
    const expired = await fetch(`${fake.baseUrl}/v23.0/${fake.igUserId}/media`, { method: 'POST', headers: { authorization: `Bearer ${fake.pageToken}` }, body: new URLSearchParams({ image_url: media('a.jpg') }) }).then((r) => r.json() as Promise<{ id: string }>);
    expect(await meta.reconcile!({ ...input, progress: { ...input.progress, igContainerId: expired.id } }, context())).toMatchObject({ status: 'not_sent' });
    const outcome = (first as { outcome: { externalId: string; externalUrl: string; result: unknown } }).outcome;
    const undo = await meta.rollback!({ task: task(post), execution: { idempotencyKey: 'k', ...outcome, progress: {} } }, { signal: new AbortController().signal, now: () => new Date() });
    expect(undo.message).toMatch(/can't be undone through the API/);
  });
});

describe('Meta: connection and errors', () => {
  it('expired token (190): needs reconnecting, the task waits (not an attempt), one alert', async () => {
    const meta = handler();
    fake.expireTokens();
    const error = await failure(meta.execute(payload(meta, { platform: 'facebook', content: 'x' }), context()));
    expect(error).toMatchObject({ errorClass: 'retryable', countsAsAttempt: false });
    expect(error.message).toMatch(/needs reconnecting: Meta refused the access token .*Session has expired.*code 190\/463/);
    expect(await meta.unavailableReason!()).toMatch(/needs reconnecting/);
    expect(reconnects).toHaveLength(1);
  });

  it('throttling (code 4, 32, 613) waits for usage to recover; 506 duplicate is permanent', async () => {
    const meta = handler();
    fake.injectFault('feed', { kind: 'status', status: 400, body: { error: { message: '(#32) Page request limit reached', type: 'OAuthException', code: 32, fbtrace_id: 'x' } }, headers: { 'x-business-use-case-usage': JSON.stringify({ [fake.pageId]: [{ type: 'pages', call_count: 100, estimated_time_to_regain_access: 7 }] }) } });
    const throttled = await failure(meta.execute(payload(meta, { platform: 'facebook', content: 'dup' }), context()));
    expect(throttled).toMatchObject({ errorClass: 'retryable', countsAsAttempt: false, retryAfterMs: 7 * 60_000 });
    await meta.execute(payload(meta, { platform: 'facebook', content: 'dup' }), context());
    const duplicate = await failure(meta.execute(payload(meta, { platform: 'facebook', content: 'dup' }), context()));
    expect(duplicate).toMatchObject({ errorClass: 'permanent', message: expect.stringMatching(/duplicate post .*Duplicate status message, code 506/) });
  });

  it('a long-lived user token finds the page and its Instagram account through /me/accounts', async () => {
    const meta = createMetaHandler({ env: { META_USER_ACCESS_TOKEN: fake.userToken, META_GRAPH_BASE_URL: fake.baseUrl }, secrets: new MemorySecretStore(), allowLocalMedia: true });
    const status = await meta.connection!.check(new AbortController().signal);
    expect(status).toMatchObject({ state: 'connected', account: `Audico (Facebook page ${fake.pageId}) and @audico.sa on Instagram` });
    expect(await meta.account.page()).toMatchObject({ pageId: fake.pageId, pageToken: fake.pageToken, igUserId: fake.igUserId });
  });

  it('validates before approval: caption, hashtags, mentions, carousel size, local files', async () => {
    const meta = handler();
    const issues = (metadata: Record<string, unknown>) => {
      const parsed = parsePayload(meta.payloadSchema, task(metadata));
      return parsed.ok ? '' : parsed.error;
    };
    expect(issues({ platform: 'instagram', content: 'a'.repeat(2201), media_urls: ['https://cdn.example/a.jpg'] })).toMatch(/2201 characters, over Instagram's limit of 2200/);
    expect(issues({ platform: 'instagram', content: Array.from({ length: 31 }, (_, i) => `#t${i}`).join(' '), media_urls: ['https://cdn.example/a.jpg'] })).toMatch(/31 hashtags/);
    expect(issues({ platform: 'instagram', content: Array.from({ length: 21 }, (_, i) => `@u${i}`).join(' '), media_urls: ['https://cdn.example/a.jpg'] })).toMatch(/21 @mentions/);
    expect(issues({ platform: 'instagram', content: 'hi' })).toMatch(/needs an image or a video/);
    const strict = createMetaHandler({ env: {}, secrets: new MemorySecretStore() });
    // A local file: the post is previewed with the problem that blocks approval, said plainly.
    expect(issues({ platform: 'instagram', content: 'hi', media_urls: ['file:///home/kenny/era.jpg'] })).toBe('');
    expect(strict.preview(payload(strict, { platform: 'instagram', content: 'hi', media_urls: ['file:///home/kenny/era.jpg'] })).problems).toEqual([
      { field: 'metadata.media_urls.0', message: 'file:///home/kenny/era.jpg is a file on this computer: Meta fetches media itself and needs a public http(s) URL (upload it to the shop or a CDN first)' },
    ]);
    // and it never goes out: publishing refuses it before calling Meta.
    await expect(strict.execute(payload(strict, { platform: 'instagram', content: 'hi', media_urls: ['file:///home/kenny/era.jpg'] }), context())).rejects.toMatchObject({ errorClass: 'permanent', message: expect.stringContaining('is a file on this computer') });
    expect(strict.preview(payload(strict, { platform: 'facebook', content: 'hi', media_urls: ['http://localhost:8080/a.jpg'] })).problems).toEqual([{ field: 'metadata.media_urls.0', message: expect.stringMatching(/on this computer's network/) }]);
  });
});

describe('Meta: the token error envelope', () => {
  it('is the one the Graph API sends', () => {
    expect(expiredTokenError.error).toMatchObject({ type: 'OAuthException', code: 190 });
  });
});
