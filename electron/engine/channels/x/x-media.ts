/**
 * Media for an X post: read from the task's URL (http(s) or a local file: X receives the bytes,
 * so local files work here, unlike Meta), uploaded through the v2 chunked upload (initialize /
 * append / finalize / status) and described with alt text (media/metadata).
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TwitterApi } from 'twitter-api-v2';
import { permanent, retryable } from '../errors';
import { classifyXError } from './x-errors';

const typesByExtension: Record<string, string> = { '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.png': 'image/png', '.gif': 'image/gif', '.webp': 'image/webp', '.mp4': 'video/mp4', '.mov': 'video/quicktime' };
const uploadable = new Set(Object.values(typesByExtension));

/** The bytes and type of one media URL. */
export async function loadMedia(url: string, signal: AbortSignal): Promise<{ bytes: Buffer; type: string }> {
  const parsed = new URL(url);
  if (parsed.protocol === 'file:') {
    const path = fileURLToPath(parsed);
    const type = typesByExtension[extname(path).toLowerCase()];
    if (!type) throw permanent(`X takes JPEG, PNG, GIF, WEBP or MP4 media; ${url} is none of those`);
    try {
      return { bytes: await readFile(path), type };
    } catch (error) {
      throw permanent(`Cannot read the media file ${path}: ${(error as Error).message}`);
    }
  }
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (error) {
    throw retryable(`Cannot download the media ${url}: ${(error as Error).message}`);
  }
  if (!response.ok) {
    const message = `Downloading the media ${url} answered HTTP ${response.status}`;
    throw response.status >= 500 || response.status === 429 ? retryable(message) : permanent(message);
  }
  const headerType = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  const type = uploadable.has(headerType) ? headerType : typesByExtension[extname(parsed.pathname).toLowerCase()];
  if (!type) throw permanent(`X takes JPEG, PNG, GIF, WEBP or MP4 media; ${url} is ${headerType || 'of an unknown type'}`);
  return { bytes: Buffer.from(await response.arrayBuffer()), type };
}

/** Uploads each media URL and sets its alt text; answers the media ids in order. Nothing is posted yet. */
export async function uploadAll(client: TwitterApi, urls: string[], alts: string[], signal: AbortSignal): Promise<string[]> {
  const ids: string[] = [];
  for (const [index, url] of urls.entries()) {
    const { bytes, type } = await loadMedia(url, signal);
    try {
      const id = await client.v2.uploadMedia(bytes, { media_type: type as Parameters<TwitterApi['v2']['uploadMedia']>[1]['media_type'] });
      const alt = alts[index]?.trim();
      if (alt) await client.v2.createMediaMetadata(id, { alt_text: { text: alt } });
      ids.push(id);
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('Media processing failed')) throw permanent(`X could not process media ${index + 1} (${url}): ${error.message}`);
      // An orphan upload is no post: uploads are reads as far as "posted twice" goes.
      throw classifyXError(error, `uploading media ${index + 1} (${url})`, 'read');
    }
  }
  return ids;
}
