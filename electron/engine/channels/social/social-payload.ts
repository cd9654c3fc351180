/**
 * The Social Media Agent's tasks (cloud-contract.md): action 'publish' (default) or
 * 'generate_content', post_id (social_posts.id), platform; the text comes from metadata.content,
 * else the referenced social_posts row (content, media_urls, platform), else the description.
 */
import { z } from 'zod';
import type { ExecutionPreview } from '../../../../shared/preview';
import { looseId, metadataPayload } from '../payload';
import type { ContentWriteBack, TaskInput } from '../types';

export const socialPlatforms = ['twitter', 'x', 'facebook', 'instagram'] as const;
/** Characters a post may have on each platform. */
export const characterLimits: Record<string, number> = { twitter: 280, x: 280, facebook: 63_206, instagram: 2_200 };

export interface SocialPost {
  action: 'publish' | 'generate_content';
  platform: (typeof socialPlatforms)[number];
  postId: string | null;
  text: string;
  mediaUrls: string[];
}

export const socialPayloadSchema = metadataPayload(
  {
    action: z.enum(['publish', 'generate_content']).default('publish'),
    platform: z.preprocess((value) => (typeof value === 'string' ? value.toLowerCase() : value), z.enum(socialPlatforms)).optional(),
    post_id: looseId.optional(),
    content: z.string().optional(),
    media_urls: z.array(z.string().url()).max(10).optional(),
  },
  (metadata, task): SocialPost => {
    const row = referencedPost(task);
    return {
      action: metadata.action,
      platform: (metadata.platform ?? row.platform) as SocialPost['platform'],
      postId: metadata.post_id ?? null,
      text: (metadata.content ?? row.text ?? task.description ?? '').trim(),
      mediaUrls: metadata.media_urls ?? row.mediaUrls ?? [],
      ...(row.problem ? { [rowProblem]: row.problem } : {}),
    };
  },
).superRefine((post, context) => {
  const problem = (post as SocialPost & { [rowProblem]?: { path: string; message: string } })[rowProblem];
  if (problem) return context.addIssue({ code: 'custom', path: ['metadata', problem.path], message: problem.message });
  if (!post.platform) return context.addIssue({ code: 'custom', path: ['metadata', 'platform'], message: `expected one of ${socialPlatforms.join(', ')} (in the task or its social_posts row)` });
  if (post.action !== 'publish') return;
  if (!post.text) context.addIssue({ code: 'custom', path: ['metadata', 'content'], message: 'a post needs text (metadata.content or the description)' });
  const limit = characterLimits[post.platform];
  if (limit && [...post.text].length > limit) {
    context.addIssue({ code: 'custom', path: ['metadata', 'content'], message: `${[...post.text].length} characters is over ${post.platform}'s limit of ${limit}` });
  }
});

// --- Referenced social_posts row (content engineer, issue 9): the fallback when metadata lacks
// the content. Kept apart from the schema above so channel changes merge cleanly.

const rowProblem = Symbol('social_posts row problem');

/** The platform a social task is for: metadata.platform, else its social_posts row's (lower-case; '' when neither). */
export function socialPlatformOf(task: TaskInput): string {
  const fromMetadata = task.metadata.platform;
  if (typeof fromMetadata === 'string' && fromMetadata.trim()) return fromMetadata.trim().toLowerCase();
  const platform = task.content?.social_posts?.platform;
  return typeof platform === 'string' ? platform.toLowerCase() : '';
}

interface PostRowContent {
  platform?: string;
  text?: string;
  mediaUrls?: string[];
  problem?: { path: string; message: string };
}

/** What the task's social_posts row says (cloud columns content, media_urls, platform). */
function referencedPost(task: TaskInput): PostRowContent {
  if (!task.content || !('social_posts' in task.content)) return {};
  const row = task.content.social_posts;
  const id = String(task.metadata.post_id ?? '');
  if (!row) return { problem: { path: 'post_id', message: `social_posts row ${id} does not exist (deleted on the cloud, or not synced yet)` } };
  const platform = typeof row.platform === 'string' ? row.platform.toLowerCase() : undefined;
  if (platform && !(socialPlatforms as readonly string[]).includes(platform) && task.metadata.platform === undefined) {
    return { problem: { path: 'platform', message: `social_posts row ${id} is for ${platform}, which Mission Control cannot publish to (expected one of ${socialPlatforms.join(', ')})` } };
  }
  const urls = Array.isArray(row.media_urls) ? row.media_urls.filter((url): url is string => typeof url === 'string') : undefined;
  const badUrl = urls?.find((url) => !z.string().url().safeParse(url).success);
  if (badUrl) return { problem: { path: 'post_id', message: `social_posts row ${id} has a media URL that is not a URL: ${badUrl.slice(0, 200)}` } };
  if (urls && urls.length > 10) return { problem: { path: 'post_id', message: `social_posts row ${id} has ${urls.length} media URLs; at most 10` } };
  return { platform, text: typeof row.content === 'string' ? row.content : undefined, mediaUrls: urls };
}

/**
 * The write-back after a publish, as the cloud executor wrote it to social_posts: status
 * 'published', published_at, post_url, and the platform's post id in metadata. The text that
 * went out is written too, so an edit Kenny made before approving is what the cloud shows.
 * Empty when the task points to no row.
 */
export function publishedWriteBack(post: SocialPost, published: { postUrl: string | null; platformPostId: string; at: Date }): ContentWriteBack[] {
  if (!post.postId) return [];
  return [
    {
      op: 'update',
      table: 'social_posts',
      id: post.postId,
      set: { status: 'published', published_at: published.at.toISOString(), post_url: published.postUrl, content: post.text },
      mergeMetadata: { platform_post_id: published.platformPostId },
    },
  ];
}

const platformNames: Record<SocialPost['platform'], string> = { twitter: 'X', x: 'X', facebook: 'Facebook', instagram: 'Instagram' };

export function previewSocialPost(channel: string, post: SocialPost): ExecutionPreview {
  const characterCount = [...post.text].length;
  const platform = platformNames[post.platform];
  return {
    channel,
    summary: post.action === 'publish' ? `Publish on ${platform} (${characterCount} characters)` : `Generate ${platform} content (nothing is published)`,
    detail: {
      kind: 'social_post',
      platform: post.platform,
      text: post.text,
      characterCount,
      characterLimit: characterLimits[post.platform] ?? null,
      mediaUrls: post.mediaUrls,
      postId: post.postId,
    },
  };
}
