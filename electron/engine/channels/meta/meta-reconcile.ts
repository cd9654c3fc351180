/**
 * After a crash or an unknown answer. Instagram: the container id recorded with the intent says
 * it all (PUBLISHED: find the media; FINISHED: publish now; EXPIRED/ERROR/IN_PROGRESS: nothing
 * went out). Facebook: the page's posts (or scheduled posts) since the intent, matched by text.
 * An authoritative read without a match is "not sent"; anything else stays unknown.
 */
import { z } from 'zod';
import { parsePayload } from '../payload';
import { socialPayloadSchema } from '../social/social-payload';
import type { ExecutionContext, ReconcileInput, ReconcileResult, RollbackInput, RollbackResult } from '../types';
import { facebookOutcome, socialWriteBack } from './facebook-publish';
import type { GraphClient } from './graph-client';
import { publishContainer } from './instagram-publish';
import type { MetaPage } from './meta-connection';

const progressSchema = z.object({
  fbStartedAt: z.string().optional(),
  fbScheduled: z.boolean().optional(),
  fbPostId: z.string().optional(),
  igContainerId: z.string().optional(),
  igUserId: z.string().optional(),
  igStartedAt: z.string().optional(),
}).loose();

const same = (a: string | undefined, b: string) => (a ?? '').replace(/\s+/g, ' ').trim() === b.replace(/\s+/g, ' ').trim();

export async function reconcileMeta(graph: GraphClient, page: MetaPage, input: ReconcileInput, context: ExecutionContext): Promise<ReconcileResult> {
  const parsed = parsePayload(socialPayloadSchema, input.task);
  if (!parsed.ok) return { status: 'unknown', evidence: `the task no longer parses (${parsed.error}); check the page by hand` };
  const post = parsed.payload;
  const progress = progressSchema.parse(input.progress ?? {});
  const signal = context.signal;
  if (post.platform === 'instagram') {
    if (!progress.igContainerId || !progress.igUserId) return { status: 'not_sent', evidence: 'no Instagram container was recorded: media_publish is only called after the container id is recorded' };
    const container = await graph.call<{ status_code?: string }>({ path: progress.igContainerId, token: page.pageToken, params: { fields: 'status_code' }, kind: 'read', what: 'reading the Instagram container', signal });
    if (container.status_code === 'FINISHED') {
      const outcome = await publishContainer(graph, page, progress.igUserId, progress.igContainerId, post, context, { reconciled: true });
      return { status: 'succeeded', outcome, evidence: `container ${progress.igContainerId} was FINISHED but not published: published it now as ${outcome.externalId}` };
    }
    if (container.status_code !== 'PUBLISHED') return { status: 'not_sent', evidence: `container ${progress.igContainerId} is ${container.status_code ?? 'unknown'}: never published (the retry makes a new one)` };
    const since = Math.floor(Date.parse(progress.igStartedAt ?? new Date(0).toISOString()) / 1000) - 60;
    const media = await graph.call<{ data: { id: string; caption?: string; permalink?: string }[] }>({ path: `${progress.igUserId}/media`, token: page.pageToken, params: { fields: 'id,caption,permalink,timestamp', since, limit: 50 }, kind: 'read', what: 'reading the Instagram posts', signal });
    const found = media.data.find((item) => same(item.caption, post.text));
    const id = found?.id ?? progress.igContainerId;
    const url = found?.permalink ?? `https://www.instagram.com/${page.igUsername ?? ''}`;
    return { status: 'succeeded', outcome: { externalId: id, externalUrl: url, result: { platform: 'instagram', mediaId: found?.id ?? null, containerId: progress.igContainerId, reconciled: true }, writeBack: socialWriteBack(post, id, url, context.now(), { ig_container_id: progress.igContainerId }) }, evidence: `container ${progress.igContainerId} is PUBLISHED${found ? ` as ${found.id}` : ''}` };
  }
  if (progress.fbPostId) {
    return { status: 'succeeded', outcome: facebookOutcome(post, progress.fbPostId, `https://www.facebook.com/${progress.fbPostId}`, context.now(), { reconciled: true }), evidence: `Facebook answered post ${progress.fbPostId} before the executor stopped` };
  }
  if (!progress.fbStartedAt) return { status: 'not_sent', evidence: 'the executor stopped before calling Facebook' };
  const since = Math.floor(Date.parse(progress.fbStartedAt) / 1000) - 60;
  const edge = progress.fbScheduled ? 'scheduled_posts' : 'posts';
  const posts = await graph.call<{ data: { id: string; message?: string; permalink_url?: string }[]; paging?: { next?: string } }>({ path: `${page.pageId}/${edge}`, token: page.pageToken, params: { fields: 'id,message,permalink_url,created_time', since, limit: 100 }, kind: 'read', what: `reading the page's ${edge}`, signal });
  const found = posts.data.find((item) => same(item.message, post.text));
  if (found) return { status: 'succeeded', outcome: facebookOutcome(post, found.id, found.permalink_url ?? `https://www.facebook.com/${found.id}`, context.now(), { reconciled: true }), evidence: `post ${found.id} with the task's text is on the page since the intent` };
  if (posts.paging?.next) return { status: 'unknown', evidence: `more than 100 page posts since the intent; the post was not among those read` };
  return { status: 'not_sent', evidence: `no post with the task's text on page ${page.pageId} (${edge}) since the intent (${posts.data.length} read)` };
}

/** Facebook: DELETE /{post-id}. Instagram: the API has no delete for published media. */
export async function rollbackMeta(graph: GraphClient, page: MetaPage, input: RollbackInput, signal: AbortSignal): Promise<RollbackResult> {
  const result = (input.execution.result ?? {}) as { platform?: string };
  const id = input.execution.externalId;
  if (result.platform === 'instagram') {
    return { message: "Instagram posts can't be undone through the API: delete it in the Instagram app", restored: [], leftAlone: [{ what: `Instagram post ${id ?? ''}`.trim(), why: "Instagram's API cannot delete published media" }] };
  }
  if (!id) return { message: 'Nothing to undo: no Facebook post id was recorded', restored: [], leftAlone: [] };
  try {
    await graph.call({ method: 'DELETE', path: id, token: page.pageToken, kind: 'read', what: `deleting Facebook post ${id}`, signal });
  } catch (error) {
    const status = (error as { details?: { status?: number; graph?: { code?: number } } }).details;
    if (status?.graph?.code === 100 || status?.status === 404) return { message: 'The Facebook post was already deleted', restored: [], leftAlone: [{ what: `Facebook post ${id}`, why: 'already deleted' }] };
    throw error;
  }
  return { message: `Deleted Facebook post ${id}`, restored: [`Facebook post ${id} deleted`], leftAlone: [] };
}
