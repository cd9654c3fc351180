/**
 * One image of a post, fetched by the engine for the preview, so the dashboard can show it while
 * its CSP keeps `img-src 'self' data: blob:` (the page itself never reaches the internet). Only
 * JPEG, PNG, GIF and WEBP whose first bytes say so (an answer labelled image/png that is HTML is
 * refused), up to 10 MB (the largest any of the three platforms takes), over public http(s)
 * (media-fetch.ts); local files only where the platform receives the bytes from this computer (X).
 */
import { readFile, stat } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { imageSize, sniffImageType } from './image-header';
import { MediaRefused, safeGet } from './media-fetch';
import type { PreviewImageType } from './image-header';

/** Default: 10 MB. */
export const previewImageMaxBytes = 10 * 1_048_576;

export const previewImageTypes: readonly PreviewImageType[] = ['image/jpeg', 'image/png', 'image/gif', 'image/webp'];

export interface PreviewImage {
  type: PreviewImageType;
  bytes: Buffer;
  width: number | null;
  height: number | null;
}

export interface PreviewImageOptions {
  /** Read file: URLs (X uploads local files itself). Default: false. */
  allowFiles?: boolean;
  /** Tests against local servers only. Default: false. */
  allowLoopback?: boolean;
  maxBytes?: number;
  signal?: AbortSignal;
}

const megabytes = (bytes: number) => `${Math.round((bytes / 1_048_576) * 10) / 10} MB`;

function image(bytes: Buffer, declared: string | null): PreviewImage {
  const type = sniffImageType(bytes);
  if (!type) throw new MediaRefused(declared && !declared.startsWith('image/') ? `it is ${declared}, not an image` : 'it is not a JPEG, PNG, GIF or WEBP image');
  const size = imageSize(bytes);
  return { type, bytes, width: size?.width ?? null, height: size?.height ?? null };
}

export async function fetchPreviewImage(url: string, options: PreviewImageOptions = {}): Promise<PreviewImage> {
  const maxBytes = options.maxBytes ?? previewImageMaxBytes;
  if (url.startsWith('file:')) {
    if (!options.allowFiles) throw new MediaRefused('it is a file on this computer, which the platform cannot fetch');
    const path = fileURLToPath(url);
    const info = await stat(path).catch((error: Error) => {
      throw new MediaRefused(`cannot read ${path}: ${error.message}`);
    });
    if (!info.isFile()) throw new MediaRefused(`${path} is not a file`);
    if (info.size > maxBytes) throw new MediaRefused(`it is ${megabytes(info.size)}, over the ${megabytes(maxBytes)} preview limit`);
    return image(await readFile(path), null);
  }
  let answer;
  try {
    answer = await safeGet(url, { maxBytes, allowLoopback: options.allowLoopback, signal: options.signal, headers: { accept: previewImageTypes.join(', ') } });
  } catch (error) {
    if (error instanceof MediaRefused) throw new MediaRefused(error.message.replace(/-byte limit$/, `-byte (${megabytes(maxBytes)}) preview limit`));
    throw new MediaRefused(`it could not be downloaded (${(error as Error).message})`);
  }
  if (answer.status < 200 || answer.status >= 300) throw new MediaRefused(`the server answered HTTP ${answer.status}`);
  const declared = String(answer.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase() || null;
  if (declared && !(previewImageTypes as readonly string[]).includes(declared)) throw new MediaRefused(`it is ${declared}, not a JPEG, PNG, GIF or WEBP image`);
  return image(answer.body, declared);
}
