/**
 * The Social Media Agent's tasks (cloud-contract.md): action 'publish' (default) or
 * 'generate_content', post_id (social_posts.id), platform; the text comes from metadata.content,
 * else the referenced social_posts row (task.content.social_posts), else the description.
 *
 * Extra fields the channels read: thread (X: the posts in order, each a reply to the one before),
 * reply_to (X: the post id this one answers), media_alt_text (one per media URL), media_type
 * ('image' | 'video' | 'reel'), link (Facebook link post), scheduled_for (Facebook: scheduled by
 * Facebook; others: the executor waits until then).
 */
import { z } from 'zod';
import { looseId, metadataPayload } from '../payload';
import type { TaskInput } from '../types';
import { socialRuleIssues } from './social-rules';

export const socialPlatforms = ['twitter', 'x', 'facebook', 'instagram'] as const;
export type SocialPlatform = (typeof socialPlatforms)[number];

export interface SocialPost {
  action: 'publish' | 'generate_content';
  platform: SocialPlatform;
  postId: string | null;
  /** The first (or only) post's text. */
  text: string;
  /** Every post in order: [text] for a single post, the whole thread for an X thread. */
  parts: string[];
  mediaUrls: string[];
  /** Alt text per media URL (same order); '' when none. */
  mediaAlt: string[];
  mediaType: 'image' | 'video' | 'reel';
  /** X: the post this one replies to. */
  replyTo: string | null;
  /** Facebook: the link attached to a feed post. */
  link: string | null;
  scheduledFor: Date | null;
}

const platformField = z.preprocess((value) => (typeof value === 'string' ? value.toLowerCase() : value), z.enum(socialPlatforms));

/** The social_posts row a task references, as far as publishing reads it. */
function referencedPost(task: TaskInput): { content?: string; media_urls?: string[]; platform?: string } | null | undefined {
  const rows = task.content;
  if (!rows || !('social_posts' in rows)) return undefined;
  const row = rows.social_posts;
  if (!row) return null;
  const media = Array.isArray(row.media_urls) ? row.media_urls.filter((url): url is string => typeof url === 'string') : undefined;
  return { content: typeof row.content === 'string' ? row.content : undefined, media_urls: media, platform: typeof row.platform === 'string' ? row.platform : undefined };
}

const parsedPost = metadataPayload(
  {
    action: z.enum(['publish', 'generate_content']).default('publish'),
    platform: platformField.optional(),
    post_id: looseId.optional(),
    content: z.string().optional(),
    media_urls: z.array(z.string().url()).max(10).optional(),
    media_alt_text: z.array(z.string().max(1000)).max(10).optional(),
    media_type: z.enum(['image', 'video', 'reel']).default('image'),
    thread: z.array(z.string().trim().min(1)).min(1).max(25).optional(),
    reply_to: looseId.optional(),
    link: z.string().url().optional(),
    scheduled_for: z.iso.datetime({ offset: true }).optional(),
  },
  (metadata, task) => {
    const row = referencedPost(task);
    const text = (metadata.content ?? row?.content ?? task.description ?? '').trim();
    const thread = metadata.thread ?? [];
    const parts = thread.length === 0 ? [text] : thread[0] === text || !text ? thread : [text, ...thread];
    const mediaUrls = metadata.media_urls ?? row?.media_urls ?? [];
    return {
      rowMissing: row === null,
      platformGiven: metadata.platform ?? row?.platform,
      post: {
        action: metadata.action,
        platform: (metadata.platform ?? 'x') as SocialPlatform,
        postId: metadata.post_id ?? null,
        text: parts[0] ?? '',
        parts,
        mediaUrls,
        mediaAlt: mediaUrls.map((_, index) => metadata.media_alt_text?.[index] ?? ''),
        mediaType: metadata.media_type,
        replyTo: metadata.reply_to ?? null,
        link: metadata.link ?? null,
        scheduledFor: metadata.scheduled_for ? new Date(metadata.scheduled_for) : null,
      } satisfies SocialPost,
    };
  },
)
  .superRefine((parsed, context) => {
    if (parsed.rowMissing) context.addIssue({ code: 'custom', path: ['metadata', 'post_id'], message: `social post ${parsed.post.postId ?? ''} does not exist (not in the local social_posts table)` });
    const platform = platformField.safeParse(parsed.platformGiven);
    if (!platform.success) {
      const given = typeof parsed.platformGiven === 'string' && parsed.platformGiven ? ` (got "${parsed.platformGiven.slice(0, 40)}", which Mission Control cannot publish to)` : '';
      context.addIssue({ code: 'custom', path: ['metadata', 'platform'], message: `expected one of ${socialPlatforms.join(', ')} in metadata or the social post${given}` });
      return;
    }
    parsed.post.platform = platform.data;
  });

/**
 * The post without its platform's publishing rules: the preview shows a post that breaks them
 * (over X's 280, too many hashtags) with its text and the problems beside it. Never executed.
 */
export const socialDraftSchema = parsedPost.transform((parsed) => parsed.post) as unknown as z.ZodType<SocialPost, TaskInput>;

/** The publishable post: the draft plus every rule of its platform (social-rules.ts). */
export const socialPayloadSchema = parsedPost
  .superRefine((parsed, context) => {
    if (parsed.post.action !== 'publish') return;
    // Media Meta cannot reach (files, local network) are preview problems: the post is shown with them.
    for (const issue of socialRuleIssues(parsed.post, { localMedia: 'unchecked' })) context.addIssue({ code: 'custom', path: issue.field.split('.'), message: issue.message });
  })
  .transform((parsed) => parsed.post) as unknown as z.ZodType<SocialPost, TaskInput>;

/** X's platforms are spelled two ways; everything else is itself. */
export const isX = (platform: SocialPlatform) => platform === 'x' || platform === 'twitter';
