/**
 * Live checks of a post's media before approval, where the file is reachable (loadPreview):
 * its type and size from the server's headers, and its width and height from the first bytes
 * (PNG IHDR, JPEG SOFn), against the platform's rules: Instagram takes JPEG images up to 8 MB
 * with an aspect ratio between 4:5 and 1.91:1; X takes JPEG, PNG, GIF and WEBP up to 5 MB;
 * Facebook photos up to 10 MB. An unreachable file is a warning, not a problem: the provider's
 * own fetch decides. Only public http(s) addresses are read (media-fetch.ts), and local files for
 * X, which uploads the bytes itself.
 */
import { open, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { safeGet } from './media-fetch';
import { imageSize, sniffImageType } from './image-header';
import { isX, type SocialPost } from './social-payload';
import { notPublicReason, type RuleIssue } from './social-rules';

export interface MediaFacts {
  type: string | null;
  bytes: number | null;
  width: number | null;
  height: number | null;
}

/** Type, size and dimensions of one media URL from its first 64 KB (public http(s), or a local file where allowed). */
export async function probeMedia(url: string, options: { signal?: AbortSignal; allowLoopback?: boolean } = {}): Promise<MediaFacts> {
  if (url.startsWith('file:')) {
    const path = fileURLToPath(url);
    const [info, head] = await Promise.all([stat(path), open(path, 'r').then(async (file) => {
      try {
        const buffer = Buffer.alloc(65_536);
        const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
        return buffer.subarray(0, bytesRead);
      } finally {
        await file.close();
      }
    })]);
    const size = imageSize(head);
    return { type: sniffImageType(head), bytes: info.size, width: size?.width ?? null, height: size?.height ?? null };
  }
  const response = await safeGet(url, { maxBytes: 65_536, truncate: true, headers: { range: 'bytes=0-65535' }, signal: options.signal, allowLoopback: options.allowLoopback });
  if (response.status < 200 || response.status >= 300) throw new Error(`HTTP ${response.status}`);
  const type = String(response.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() || null;
  const range = /\/(\d+)$/.exec(String(response.headers['content-range'] ?? ''));
  const length = response.headers['content-length'];
  const bytes = range ? Number(range[1]) : response.status === 200 && length ? Number(length) : null;
  const size = imageSize(response.body);
  return { type, bytes, width: size?.width ?? null, height: size?.height ?? null };
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;

/** Problems (block approval) and warnings (unreachable) for the post's images. */
export async function mediaIssues(post: SocialPost, options: { signal?: AbortSignal; allowLoopback?: boolean } = {}): Promise<{ problems: RuleIssue[]; warnings: string[] }> {
  const problems: RuleIssue[] = [];
  const warnings: string[] = [];
  if (post.mediaType !== 'image') return { problems, warnings };
  for (const [index, url] of post.mediaUrls.entries()) {
    const local = url.startsWith('file:');
    // Meta cannot fetch local files or local-network URLs: already a problem (social-rules.ts).
    if (local ? !isX(post.platform) : !/^https?:/.test(url) || (!isX(post.platform) && notPublicReason(url, options.allowLoopback ? 'loopback' : 'none'))) continue;
    const field = `metadata.media_urls.${index}`;
    let facts: MediaFacts;
    try {
      facts = await probeMedia(url, options);
    } catch (error) {
      warnings.push(`Could not check ${url} (${(error as Error).message}); ${local ? 'publishing reads it again' : 'the platform will fetch it when publishing'}`);
      continue;
    }
    if (post.platform === 'instagram') {
      if (facts.type && facts.type !== 'image/jpeg') problems.push({ field, message: `Instagram takes JPEG images only; ${url} is ${facts.type}` });
      if (facts.bytes && facts.bytes > 8 * 1_048_576) problems.push({ field, message: `Instagram takes images up to 8 MB; ${url} is ${megabytes(facts.bytes)}` });
      if (facts.width && facts.height) {
        const ratio = facts.width / facts.height;
        if (ratio < 0.8 - 0.005 || ratio > 1.91 + 0.005) problems.push({ field, message: `Instagram takes aspect ratios from 4:5 to 1.91:1; ${url} is ${facts.width}×${facts.height}` });
      }
    } else if (post.platform === 'facebook') {
      if (facts.bytes && facts.bytes > 10 * 1_048_576) problems.push({ field, message: `Facebook takes photos up to 10 MB; ${url} is ${megabytes(facts.bytes)}` });
      if (facts.type && !facts.type.startsWith('image/')) problems.push({ field, message: `${url} is ${facts.type}, not an image` });
    } else {
      if (facts.type && !['image/jpeg', 'image/png', 'image/gif', 'image/webp'].includes(facts.type)) problems.push({ field, message: `X takes JPEG, PNG, GIF or WEBP images; ${url} is ${facts.type}` });
      if (facts.bytes && facts.bytes > 5 * 1_048_576 && facts.type !== 'image/gif') problems.push({ field, message: `X takes images up to 5 MB; ${url} is ${megabytes(facts.bytes)}` });
    }
  }
  return { problems, warnings };
}
