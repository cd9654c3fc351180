/**
 * A post exactly as it will go out: X's weighted count per thread part, Instagram's caption count,
 * the media with alt text, the account it is posted as, and the rule problems that block approval.
 */
import type { ExecutionPreview } from '../../../../shared/preview';
import { mediaIssues } from './media-probe';
import type { SocialPost } from './social-payload';
import { type LocalMedia, facebookTextLimit, instagramCaptionLimit, socialRuleIssues, xPostLimit, xWeightedLength } from './social-rules';

const platformNames: Record<SocialPost['platform'], string> = { twitter: 'X', x: 'X', facebook: 'Facebook', instagram: 'Instagram' };
const limits: Record<SocialPost['platform'], number> = { twitter: xPostLimit, x: xPostLimit, facebook: facebookTextLimit, instagram: instagramCaptionLimit };

export interface SocialPreviewOptions {
  /** Who the post goes out as, when the channel is connected. */
  accountName?: string | null;
  /** Tests against local servers: media may live on loopback (Meta's rules and the media checks). Default: none. */
  localMedia?: LocalMedia;
}

/** Counts the way the platform counts: weighted on X, characters elsewhere. */
export function platformCount(post: SocialPost, text: string): number {
  return post.platform === 'x' || post.platform === 'twitter' ? xWeightedLength(text) : [...text].length;
}

export function previewSocialPost(channel: string, post: SocialPost, options: SocialPreviewOptions = {}): ExecutionPreview {
  const platform = platformNames[post.platform];
  const weighted = post.platform === 'x' || post.platform === 'twitter';
  const characterCount = platformCount(post, post.text);
  const parts = post.parts.map((text) => ({ text, count: platformCount(post, text) }));
  const problems = post.action === 'publish' ? socialRuleIssues(post, { localMedia: options.localMedia }) : [];
  const what = post.parts.length > 1 ? `a thread of ${post.parts.length} posts` : post.replyTo ? `a reply to ${post.replyTo}` : 'a post';
  const media = post.mediaUrls.length ? ` with ${post.mediaUrls.length} ${post.mediaType === 'image' ? 'image' : post.mediaType}${post.mediaUrls.length > 1 ? 's' : ''}` : '';
  const when = post.scheduledFor ? `, scheduled for ${post.scheduledFor.toISOString()}` : '';
  const as = options.accountName ? ` as ${options.accountName}` : '';
  return {
    channel,
    summary:
      post.action === 'publish'
        ? `Publish ${what} on ${platform}${as}${media}${when} (${characterCount}/${limits[post.platform]}${weighted ? ' as X counts' : ' characters'})`
        : `Generate ${platform} content (nothing is published)`,
    detail: {
      kind: 'social_post',
      platform: post.platform,
      text: post.text,
      characterCount,
      characterLimit: limits[post.platform],
      mediaUrls: post.mediaUrls,
      postId: post.postId,
      accountName: options.accountName ?? null,
      countKind: weighted ? 'weighted' : 'characters',
      parts,
      media: post.mediaUrls.map((url, index) => ({ url, alt: post.mediaAlt[index] ?? '' })),
      mediaType: post.mediaType,
      replyTo: post.replyTo,
      link: post.link,
      scheduledFor: post.scheduledFor?.toISOString() ?? null,
    },
    ...(problems.length ? { problems: problems.map((issue) => ({ field: issue.field, message: issue.message })) } : {}),
  };
}

/** The preview with live media checks (type, size, aspect ratio where the file is reachable). */
export async function loadSocialPreview(channel: string, post: SocialPost, options: SocialPreviewOptions & { signal?: AbortSignal } = {}): Promise<ExecutionPreview> {
  const preview = previewSocialPost(channel, post, options);
  if (post.action !== 'publish' || post.mediaUrls.length === 0) return preview;
  const live = await mediaIssues(post, { signal: options.signal, allowLoopback: options.localMedia === 'loopback' });
  const problems = [...(preview.problems ?? []), ...live.problems];
  const warnings = [...(preview.warnings ?? []), ...live.warnings];
  return { ...preview, ...(problems.length ? { problems } : {}), ...(warnings.length ? { warnings } : {}) };
}
