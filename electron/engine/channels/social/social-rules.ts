/**
 * Each platform's publishing rules, checked before approval (payload schema and preview
 * problems) so a post that would be refused is fixed first, not at publish time:
 * X counts weighted length (twitter-text: a URL is 23, emoji and CJK are 2) up to 280 per post
 * and takes 4 images; Instagram takes 2,200 caption characters, 30 hashtags, 20 mentions and
 * 2-10 carousel items; Meta fetches media itself, so it needs public URLs.
 */
import twitterText from 'twitter-text';
import type { SocialPost } from './social-payload';

export interface RuleIssue {
  /** The metadata path ("metadata.content", "metadata.media_urls"). */
  field: string;
  message: string;
}

export const xPostLimit = 280;
export const facebookTextLimit = 63_206;
export const instagramCaptionLimit = 2_200;
export const instagramHashtagLimit = 30;
export const instagramMentionLimit = 20;
export const xImageLimit = 4;

/** X's own count of a post (what the composer shows), not characters. */
export const xWeightedLength = (text: string): number => twitterText.parseTweet(text).weightedLength;

const countMatches = (text: string, pattern: RegExp) => (text.match(pattern) ?? []).length;
export const hashtagCount = (text: string) => countMatches(text, /(^|[^\p{L}\p{N}_&])#[\p{L}\p{N}_]+/gu);
export const mentionCount = (text: string) => countMatches(text, /(^|[^\p{L}\p{N}_.])@[A-Za-z0-9_.]+/gu);

/**
 * Which media count as reachable by Meta besides public URLs: 'loopback' for tests against local
 * servers; 'unchecked' skips the check (the payload schema: the post still parses, so its preview
 * shows it with the problem that blocks approval, and publishing refuses it). Default: none.
 */
export type LocalMedia = 'none' | 'loopback' | 'unchecked';

const isLoopbackHost = (host: string) => host === 'localhost' || host.startsWith('127.') || host === '[::1]';

/** Why Meta cannot fetch this media URL itself, or null when it is a public http(s) URL. */
export function notPublicReason(url: string, allow: LocalMedia = 'none'): string | null {
  if (allow === 'unchecked') return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `"${url}" is not a URL`;
  }
  if (parsed.protocol === 'file:') return `${url} is a file on this computer: Meta fetches media itself and needs a public http(s) URL (upload it to the shop or a CDN first)`;
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return `${url} is not an http(s) URL: Meta needs a public URL`;
  const host = parsed.hostname;
  if (allow === 'loopback' && isLoopbackHost(host)) return null;
  if (host === 'localhost' || /^(127\.|10\.|192\.168\.|172\.(1[6-9]|2\d|3[01])\.|0\.|\[::1\]$)/.test(host) || host.endsWith('.local') || /^\[(fc|fd|fe8)/i.test(host)) {
    return `${url} is on this computer's network: Meta fetches media itself and needs a public URL`;
  }
  return null;
}

/**
 * Issues that make the post unpublishable on its platform (empty when it can go out).
 * `localMedia` (tests against local servers: 'loopback') lets Meta media live there; file paths
 * are refused unless 'unchecked'.
 */
export function socialRuleIssues(post: SocialPost, options: { localMedia?: LocalMedia } = {}): RuleIssue[] {
  const issues: RuleIssue[] = [];
  const content = 'metadata.content';
  if (!post.text) issues.push({ field: content, message: 'a post needs text (metadata.content, the social post or the description)' });
  if (post.platform === 'x' || post.platform === 'twitter') {
    post.parts.forEach((part, index) => {
      const weighted = xWeightedLength(part);
      if (weighted > xPostLimit) {
        const which = post.parts.length > 1 ? `post ${index + 1} of the thread` : 'the post';
        issues.push({ field: post.parts.length > 1 ? `metadata.thread.${index}` : content, message: `${which} counts ${weighted} on X (links count 23, emoji and CJK 2), over X's limit of ${xPostLimit}` });
      }
    });
    const videos = post.mediaType === 'image' ? 0 : post.mediaUrls.length;
    if (post.mediaType === 'image' && post.mediaUrls.length > xImageLimit) issues.push({ field: 'metadata.media_urls', message: `X takes at most ${xImageLimit} images per post (${post.mediaUrls.length} given)` });
    if (videos > 1) issues.push({ field: 'metadata.media_urls', message: `X takes one video per post (${videos} given)` });
    return issues;
  }
  if (post.parts.length > 1) issues.push({ field: 'metadata.thread', message: 'threads are an X feature: Facebook and Instagram take one post' });
  if (post.replyTo) issues.push({ field: 'metadata.reply_to', message: 'reply_to is an X feature' });
  post.mediaUrls.forEach((url, index) => {
    const reason = notPublicReason(url, options.localMedia);
    if (reason) issues.push({ field: `metadata.media_urls.${index}`, message: reason });
  });
  if (post.platform === 'facebook') {
    if ([...post.text].length > facebookTextLimit) issues.push({ field: content, message: `${[...post.text].length} characters is over Facebook's limit of ${facebookTextLimit}` });
    if (post.mediaType !== 'image' && post.mediaUrls.length > 0) issues.push({ field: 'metadata.media_type', message: 'Facebook video posts are not supported here: publish photos, text or links' });
    if (post.link && post.mediaUrls.length > 0) issues.push({ field: 'metadata.link', message: 'a Facebook post has either a link preview or photos, not both' });
    return issues;
  }
  // Instagram
  const characters = [...post.text].length;
  if (characters > instagramCaptionLimit) issues.push({ field: content, message: `the caption has ${characters} characters, over Instagram's limit of ${instagramCaptionLimit}` });
  const hashtags = hashtagCount(post.text);
  if (hashtags > instagramHashtagLimit) issues.push({ field: content, message: `the caption has ${hashtags} hashtags, over Instagram's limit of ${instagramHashtagLimit}` });
  const mentions = mentionCount(post.text);
  if (mentions > instagramMentionLimit) issues.push({ field: content, message: `the caption has ${mentions} @mentions, over Instagram's limit of ${instagramMentionLimit}` });
  if (post.mediaUrls.length === 0) issues.push({ field: 'metadata.media_urls', message: 'an Instagram post needs an image or a video (metadata.media_urls)' });
  if (post.mediaType === 'reel' || post.mediaType === 'video') {
    if (post.mediaUrls.length > 1) issues.push({ field: 'metadata.media_urls', message: 'an Instagram reel is one video' });
  } else if (post.mediaUrls.length > 10) {
    issues.push({ field: 'metadata.media_urls', message: `an Instagram carousel takes 2-10 items (${post.mediaUrls.length} given)` });
  }
  if (post.link) issues.push({ field: 'metadata.link', message: 'Instagram posts cannot carry a link' });
  return issues;
}
