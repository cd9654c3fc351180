/**
 * Instagram's container flow: check the 24-hour publishing quota (content_publishing_limit),
 * create the container (image, carousel of 2-10 children, or reel), record its id on the intent
 * BEFORE media_publish (reconcile reads it after a crash), poll its status_code at the provider's
 * pace until FINISHED (ERROR and EXPIRED end with a clear message), then media_publish.
 */
import { permanent, retryable } from '../errors';
import type { SocialPost } from '../social/social-payload';
import type { ExecutionContext, ExecutionOutcome } from '../types';
import { socialWriteBack } from './facebook-publish';
import type { GraphClient } from './graph-client';
import type { MetaPage } from './meta-connection';

export interface InstagramPace {
  /** Between status reads. Default 10 s (Meta: at most once a minute for up to 5 minutes per container is plenty). */
  pollMs: number;
  /** Give up after this long. Default 5 minutes. */
  maxWaitMs: number;
}

export const defaultInstagramPace: InstagramPace = { pollMs: 10_000, maxWaitMs: 5 * 60_000 };

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), reject(new Error('stopped'))), { once: true });
  });

const isVideo = (post: SocialPost, url: string) => post.mediaType !== 'image' || /\.(mp4|mov)(\?|$)/i.test(url);

async function createContainer(graph: GraphClient, page: MetaPage, igUserId: string, post: SocialPost, signal: AbortSignal): Promise<string> {
  const token = page.pageToken;
  const create = (params: Record<string, string | boolean | undefined>, what: string) => graph.call<{ id: string }>({ method: 'POST', path: `${igUserId}/media`, token, params, kind: 'read', what, signal }).then((answer) => answer.id);
  if (post.mediaType === 'reel' || post.mediaType === 'video') return create({ media_type: 'REELS', video_url: post.mediaUrls[0], caption: post.text }, 'creating the Instagram reel container');
  if (post.mediaUrls.length === 1) return create({ image_url: post.mediaUrls[0], caption: post.text, alt_text: post.mediaAlt[0] || undefined }, 'creating the Instagram image container');
  const children: string[] = [];
  for (const [index, url] of post.mediaUrls.entries()) {
    const media = isVideo(post, url) ? { media_type: 'VIDEO', video_url: url } : { image_url: url, alt_text: post.mediaAlt[index] || undefined };
    children.push(await create({ ...media, is_carousel_item: true }, `creating carousel item ${index + 1} of ${post.mediaUrls.length}`));
  }
  return create({ media_type: 'CAROUSEL', children: children.join(','), caption: post.text }, 'creating the Instagram carousel container');
}

/** Reads the container's status_code until FINISHED; ERROR and EXPIRED are permanent. */
export async function waitUntilFinished(graph: GraphClient, page: MetaPage, containerId: string, pace: InstagramPace, signal: AbortSignal): Promise<void> {
  const started = Date.now();
  for (;;) {
    const read = await graph.call<{ status_code?: string; status?: string }>({ path: containerId, token: page.pageToken, params: { fields: 'status_code,status' }, kind: 'read', what: 'reading the Instagram container status', signal });
    if (read.status_code === 'FINISHED' || read.status_code === 'PUBLISHED') return;
    if (read.status_code === 'ERROR') throw permanent(`Instagram could not process the media (container ${containerId}: ${read.status ?? 'ERROR'}); check the image or video and its URL`);
    if (read.status_code === 'EXPIRED') throw permanent(`The Instagram container ${containerId} expired (not published within 24 hours); a new one is made on the next try`);
    if (Date.now() - started + pace.pollMs > pace.maxWaitMs) throw retryable(`Instagram is still processing the media after ${Math.round(pace.maxWaitMs / 1000)} s (container ${containerId}: ${read.status_code ?? 'unknown'})`);
    await sleep(pace.pollMs, signal);
  }
}

export async function instagramPermalink(graph: GraphClient, page: MetaPage, mediaId: string, signal: AbortSignal): Promise<string> {
  try {
    const read = await graph.call<{ permalink?: string }>({ path: mediaId, token: page.pageToken, params: { fields: 'permalink' }, kind: 'read', what: 'reading the post link', signal });
    return read.permalink ?? `https://www.instagram.com/${page.igUsername ?? ''}`;
  } catch {
    return `https://www.instagram.com/${page.igUsername ?? ''}`;
  }
}

/** media_publish for a FINISHED container and the outcome (shared with reconcile). */
export async function publishContainer(graph: GraphClient, page: MetaPage, igUserId: string, containerId: string, post: SocialPost, context: ExecutionContext, extra: Record<string, unknown> = {}): Promise<ExecutionOutcome> {
  const published = await graph.call<{ id: string }>({ method: 'POST', path: `${igUserId}/media_publish`, token: page.pageToken, params: { creation_id: containerId }, kind: 'create', what: 'publishing the Instagram post', signal: context.signal });
  const url = await instagramPermalink(graph, page, published.id, context.signal);
  return { externalId: published.id, externalUrl: url, result: { platform: 'instagram', mediaId: published.id, containerId, ...extra }, writeBack: socialWriteBack(post, published.id, url, context.now(), { ig_container_id: containerId }) };
}

export async function publishToInstagram(graph: GraphClient, page: MetaPage, post: SocialPost, context: ExecutionContext, pace: InstagramPace): Promise<ExecutionOutcome> {
  const igUserId = page.igUserId;
  if (!igUserId) throw permanent(`The Facebook page ${page.pageName ?? page.pageId} has no Instagram business account connected (set META_IG_USER_ID or link one to the page)`);
  const limit = await graph.call<{ data: { quota_usage?: number; config?: { quota_total?: number } }[] }>({ path: `${igUserId}/content_publishing_limit`, token: page.pageToken, params: { fields: 'quota_usage,config' }, kind: 'read', what: 'reading the Instagram publishing quota', signal: context.signal });
  const usage = limit.data[0];
  if (usage?.config?.quota_total !== undefined && (usage.quota_usage ?? 0) >= usage.config.quota_total) {
    throw retryable(`Instagram's publishing limit is reached (${usage.quota_usage} of ${usage.config.quota_total} posts in 24 hours); tried again in an hour`, { retryAfterMs: 60 * 60_000, countsAsAttempt: false });
  }
  const containerId = await createContainer(graph, page, igUserId, post, context.signal);
  context.recordProgress({ igContainerId: containerId, igUserId, igStartedAt: context.now().toISOString() });
  await waitUntilFinished(graph, page, containerId, pace, context.signal);
  return publishContainer(graph, page, igUserId, containerId, post, context);
}
