/**
 * Publishing on X: media first (uploads post nothing), then POST /2/tweets for each part of the
 * thread, each a reply to the one before (the first to `reply_to` when given). Each created post
 * id is recorded on the intent as it is created, so a crash mid-thread is reconciled from the
 * record, never re-posted. The post URL is the outcome's link and goes back to social_posts.
 */
import type { TwitterApi } from 'twitter-api-v2';
import { unknownOutcome } from '../errors';
import type { SocialPost } from '../social/social-payload';
import type { ContentWriteBack, ExecutionContext, ExecutionOutcome } from '../types';
import type { XAccount } from './x-connection';
import { classifyXError, isXAuthRefusal } from './x-errors';
import { uploadAll } from './x-media';

export interface PostedPart {
  id: string;
  text: string;
}

export const xPostUrl = (username: string | null, id: string) => `https://x.com/${username ?? 'i/web'}/status/${id}`;

/** The outcome of a published post or thread (the first post is the deliverable). */
export function xOutcome(post: SocialPost, posted: PostedPart[], username: string | null, now: Date, extra: Record<string, unknown> = {}): ExecutionOutcome {
  const first = posted[0]!;
  const url = xPostUrl(username, first.id);
  const writeBack: ContentWriteBack[] = post.postId
    ? [{ op: 'update', table: 'social_posts', id: post.postId, set: { status: 'published', published_at: now.toISOString(), post_url: url, content: post.text }, mergeMetadata: { platform_post_id: first.id, x_post_ids: posted.map((part) => part.id), published_via: 'mission-control-desktop' } }]
    : [];
  return { externalId: first.id, externalUrl: url, result: { platform: 'x', postIds: posted.map((part) => part.id), account: username, ...extra }, writeBack };
}

async function createPost(client: TwitterApi, text: string, replyTo: string | null, mediaIds: string[]): Promise<string> {
  const body: Parameters<TwitterApi['v2']['tweet']>[0] = { text };
  if (replyTo) body.reply = { in_reply_to_tweet_id: replyTo };
  if (mediaIds.length) body.media = { media_ids: mediaIds as [string] };
  const created = await client.v2.tweet(body);
  return created.data.id;
}

export async function publishToX(account: XAccount, post: SocialPost, context: ExecutionContext): Promise<ExecutionOutcome> {
  let session = await account.client();
  if (!session.username) session = { ...session, ...(await account.identify(session.client)) };
  const mediaIds = post.mediaUrls.length ? await uploadWithRefresh(account, post, context, () => session, (next) => (session = next)) : [];
  // Recorded before the first post: reconcile reads the timeline from here.
  context.recordProgress({ xStartedAt: context.now().toISOString() });
  const posted: PostedPart[] = [];
  let replyTo = post.replyTo;
  for (const [index, text] of post.parts.entries()) {
    const what = post.parts.length > 1 ? `publishing post ${index + 1} of ${post.parts.length} of the thread` : 'publishing the post';
    let id: string;
    try {
      id = await createPost(session.client, text, replyTo, index === 0 ? mediaIds : []);
    } catch (error) {
      // A 401 means nothing was created: refresh once (OAuth 2) and try the same part again.
      if (isXAuthRefusal(error)) {
        session = await account.client({ forceRefresh: true }).catch((refreshError: unknown) => {
          throw classifyXError(refreshError, what, 'read');
        });
        try {
          id = await createPost(session.client, text, replyTo, index === 0 ? mediaIds : []);
        } catch (retryError) {
          throw partial(classifyXError(retryError, what, 'create'), posted);
        }
      } else {
        throw partial(classifyXError(error, what, 'create'), posted);
      }
    }
    posted.push({ id, text });
    context.recordProgress({ xPosted: posted });
    replyTo = id;
  }
  return xOutcome(post, posted, session.username, context.now(), { mediaIds });
}

async function uploadWithRefresh(account: XAccount, post: SocialPost, context: ExecutionContext, get: () => Awaited<ReturnType<XAccount['client']>>, set: (session: Awaited<ReturnType<XAccount['client']>>) => void): Promise<string[]> {
  try {
    return await uploadAll(get().client, post.mediaUrls, post.mediaAlt, context.signal);
  } catch (error) {
    if (!(error instanceof Error) || !isXAuthRefusal(error.cause)) throw error;
    set(await account.client({ forceRefresh: true }));
    return uploadAll(get().client, post.mediaUrls, post.mediaAlt, context.signal);
  }
}

/** Part of a thread is out: never retried blindly (it would post the first parts again). */
function partial(error: ReturnType<typeof classifyXError>, posted: PostedPart[]) {
  if (posted.length === 0) return error;
  return unknownOutcome(`The thread is partly published (${posted.length} post(s): ${posted.map((part) => part.id).join(', ')}); the next part failed: ${error.message}`, {
    details: { ...error.details, posted },
    cause: error,
  });
}
