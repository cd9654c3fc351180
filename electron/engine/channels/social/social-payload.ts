/**
 * The Social Media Agent's tasks (cloud-contract.md): action 'publish' (default) or
 * 'generate_content', post_id (social_posts.id), platform; the text comes from metadata.content,
 * else the description.
 */
import { z } from 'zod';
import type { ExecutionPreview } from '../../../../shared/preview';
import { looseId, metadataPayload } from '../payload';

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
    platform: z.preprocess((value) => (typeof value === 'string' ? value.toLowerCase() : value), z.enum(socialPlatforms)),
    post_id: looseId.optional(),
    content: z.string().optional(),
    media_urls: z.array(z.string().url()).max(10).default([]),
  },
  (metadata, task): SocialPost => ({
    action: metadata.action,
    platform: metadata.platform,
    postId: metadata.post_id ?? null,
    text: (metadata.content ?? task.description ?? '').trim(),
    mediaUrls: metadata.media_urls,
  }),
).superRefine((post, context) => {
  if (post.action !== 'publish') return;
  if (!post.text) context.addIssue({ code: 'custom', path: ['metadata', 'content'], message: 'a post needs text (metadata.content or the description)' });
  const limit = characterLimits[post.platform];
  if (limit && [...post.text].length > limit) {
    context.addIssue({ code: 'custom', path: ['metadata', 'content'], message: `${[...post.text].length} characters is over ${post.platform}'s limit of ${limit}` });
  }
});

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
