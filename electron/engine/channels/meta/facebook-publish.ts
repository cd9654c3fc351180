/**
 * Facebook Page posts: text and link posts on /{page-id}/feed, one photo on /{page-id}/photos,
 * several photos as unpublished photos attached to one feed post, and posts Facebook schedules
 * itself (published=false + scheduled_publish_time, which must be 10 minutes to 30 days ahead;
 * a time already closer than that publishes now). The post's permalink is the deliverable.
 */
import type { SocialPost } from '../social/social-payload';
import type { ContentWriteBack, ExecutionContext, ExecutionOutcome } from '../types';
import type { GraphClient } from './graph-client';
import type { MetaPage } from './meta-connection';

const minScheduleMs = 10 * 60_000;

/** As the cloud wrote social_posts after a publish; the text that went out too (Kenny's edit, if any). */
export function socialWriteBack(post: SocialPost, id: string, url: string, now: Date, extra: Record<string, unknown> = {}): ContentWriteBack[] {
  if (!post.postId) return [];
  return [{ op: 'update', table: 'social_posts', id: post.postId, set: { status: post.scheduledFor && post.scheduledFor > now ? 'scheduled' : 'published', published_at: now.toISOString(), post_url: url, content: post.text }, mergeMetadata: { platform_post_id: id, published_via: 'mission-control-desktop', ...extra } }];
}

export async function facebookPermalink(graph: GraphClient, page: MetaPage, id: string, signal: AbortSignal): Promise<string> {
  try {
    const read = await graph.call<{ permalink_url?: string }>({ path: id, token: page.pageToken, params: { fields: 'permalink_url' }, kind: 'read', what: 'reading the post link', signal });
    return read.permalink_url ?? `https://www.facebook.com/${id}`;
  } catch {
    return `https://www.facebook.com/${id}`;
  }
}

export function facebookOutcome(post: SocialPost, id: string, url: string, now: Date, extra: Record<string, unknown> = {}): ExecutionOutcome {
  return { externalId: id, externalUrl: url, result: { platform: 'facebook', postId: id, ...extra }, writeBack: socialWriteBack(post, id, url, now) };
}

export async function publishToFacebook(graph: GraphClient, page: MetaPage, post: SocialPost, context: ExecutionContext): Promise<ExecutionOutcome> {
  const now = context.now();
  const scheduled = post.scheduledFor && post.scheduledFor.getTime() - now.getTime() >= minScheduleMs ? Math.floor(post.scheduledFor.getTime() / 1000) : null;
  const schedule = scheduled ? { published: false, scheduled_publish_time: scheduled } : {};
  const token = page.pageToken;
  const signal = context.signal;
  context.recordProgress({ fbStartedAt: now.toISOString(), fbScheduled: scheduled !== null });
  let id: string;
  if (post.mediaUrls.length === 1 && !scheduled) {
    const photo = await graph.call<{ id: string; post_id?: string }>({ method: 'POST', path: `${page.pageId}/photos`, token, params: { url: post.mediaUrls[0], caption: post.text, alt_text_custom: post.mediaAlt[0] || undefined }, kind: 'create', what: 'publishing the Facebook photo', signal });
    id = photo.post_id ?? photo.id;
  } else if (post.mediaUrls.length > 0) {
    const attached: { media_fbid: string }[] = [];
    for (const [index, url] of post.mediaUrls.entries()) {
      // Unpublished photos are invisible until attached: uploading again after a crash is harmless.
      const photo = await graph.call<{ id: string }>({ method: 'POST', path: `${page.pageId}/photos`, token, params: { url, published: false, temporary: scheduled ? true : undefined, alt_text_custom: post.mediaAlt[index] || undefined }, kind: 'read', what: `uploading photo ${index + 1} of ${post.mediaUrls.length}`, signal });
      attached.push({ media_fbid: photo.id });
    }
    const feed = await graph.call<{ id: string }>({ method: 'POST', path: `${page.pageId}/feed`, token, params: { message: post.text, attached_media: attached, ...schedule }, kind: 'create', what: 'publishing the Facebook post', signal });
    id = feed.id;
  } else {
    const feed = await graph.call<{ id: string }>({ method: 'POST', path: `${page.pageId}/feed`, token, params: { message: post.text, link: post.link ?? undefined, ...schedule }, kind: 'create', what: 'publishing the Facebook post', signal });
    id = feed.id;
  }
  context.recordProgress({ fbPostId: id });
  const url = await facebookPermalink(graph, page, id, signal);
  return facebookOutcome(post, id, url, now, { scheduledFor: scheduled ? new Date(scheduled * 1000).toISOString() : null, page: page.pageName });
}
