/**
 * Live checks of a post's media before approval, where the file is reachable (loadPreview):
 * its type and size from the server's headers, and its width and height from the first bytes
 * (PNG IHDR, JPEG SOFn), against the platform's rules: Instagram takes JPEG images up to 8 MB
 * with an aspect ratio between 4:5 and 1.91:1; X takes JPEG, PNG, GIF and WEBP up to 5 MB;
 * Facebook photos up to 10 MB. An unreachable file is a warning, not a problem: the provider's
 * own fetch decides.
 */
import type { SocialPost } from './social-payload';
import type { RuleIssue } from './social-rules';

export interface MediaFacts {
  type: string | null;
  bytes: number | null;
  width: number | null;
  height: number | null;
}

/** Width and height from a PNG or JPEG header, or null. */
export function imageSize(head: Uint8Array): { width: number; height: number } | null {
  const view = new DataView(head.buffer, head.byteOffset, head.byteLength);
  if (head.length >= 24 && head[0] === 0x89 && head[1] === 0x50) return { width: view.getUint32(16), height: view.getUint32(20) };
  if (head[0] !== 0xff || head[1] !== 0xd8) return null;
  let offset = 2;
  while (offset + 9 < head.length) {
    if (head[offset] !== 0xff) return null;
    const marker = head[offset + 1]!;
    const length = view.getUint16(offset + 2);
    if (marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker)) return { height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
    offset += 2 + length;
  }
  return null;
}

export async function probeMedia(url: string, signal?: AbortSignal): Promise<MediaFacts> {
  const response = await fetch(url, { headers: { range: 'bytes=0-65535' }, signal });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  const type = response.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? null;
  const range = /\/(\d+)$/.exec(response.headers.get('content-range') ?? '');
  const length = response.headers.get('content-length');
  const head = new Uint8Array(await response.arrayBuffer());
  const bytes = range ? Number(range[1]) : response.status === 200 && length ? Number(length) : null;
  const size = imageSize(head.subarray(0, 65_536));
  return { type, bytes, width: size?.width ?? null, height: size?.height ?? null };
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;

/** Problems (block approval) and warnings (unreachable) for the post's images. */
export async function mediaIssues(post: SocialPost, signal?: AbortSignal): Promise<{ problems: RuleIssue[]; warnings: string[] }> {
  const problems: RuleIssue[] = [];
  const warnings: string[] = [];
  if (post.mediaType !== 'image') return { problems, warnings };
  for (const [index, url] of post.mediaUrls.entries()) {
    if (!/^https?:/.test(url)) continue;
    const field = `metadata.media_urls.${index}`;
    let facts: MediaFacts;
    try {
      facts = await probeMedia(url, signal);
    } catch (error) {
      warnings.push(`Could not check ${url} (${(error as Error).message}); the platform will fetch it when publishing`);
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
