/**
 * The dashboard's hashed build files (`/assets/<name>-<hash>.js`) kept in memory with a gzip copy,
 * so a page load costs no disk reads and, off this machine, a third of the bytes. A hashed name
 * never changes content, so an entry never goes stale. The gzip copy is made in the background
 * (zlib's thread pool, off the event loop) on first read; until it exists the file goes out
 * uncompressed. Bounded: files over `maxFileBytes` or beyond `maxTotalBytes` are not kept.
 */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { promisify } from 'node:util';
import { gzip as gzipCallback, constants } from 'node:zlib';

const gzip = promisify(gzipCallback);

/** Text formats worth compressing (images and fonts are compressed already). */
const compressible = new Set(['.js', '.mjs', '.css', '.json', '.map', '.svg', '.txt', '.html', '.wasm', '.webmanifest']);

export interface CachedAsset {
  body: Buffer;
  /** null until made, or when not worth it (already small or not text). */
  gzip: Buffer | null;
}

/** True when the request's Accept-Encoding takes gzip (and does not refuse it with q=0). */
export function acceptsGzip(header: string | string[] | undefined): boolean {
  const value = Array.isArray(header) ? header.join(',') : (header ?? '');
  return value
    .toLowerCase()
    .split(',')
    .some((part) => {
      const [coding, ...params] = part.split(';').map((item) => item.trim());
      if (coding !== 'gzip' && coding !== '*') return false;
      const q = params.find((param) => param.startsWith('q='));
      return q === undefined || Number(q.slice(2)) > 0;
    });
}

export function createAssetCache(options: { maxFileBytes?: number; maxTotalBytes?: number } = {}) {
  const maxFileBytes = options.maxFileBytes ?? 8 * 1024 * 1024;
  const maxTotalBytes = options.maxTotalBytes ?? 64 * 1024 * 1024;
  const entries = new Map<string, CachedAsset>();
  let total = 0;

  return {
    /** The asset already in memory under this URL path, if any. */
    get: (pathname: string): CachedAsset | undefined => entries.get(pathname),
    /** Reads `file` (already checked to be inside the root) and keeps it under `pathname` when it fits. */
    async load(pathname: string, file: string): Promise<CachedAsset> {
      const asset: CachedAsset = { body: await readFile(file), gzip: null };
      if (asset.body.length > maxFileBytes || total + asset.body.length > maxTotalBytes || entries.has(pathname)) return entries.get(pathname) ?? asset;
      entries.set(pathname, asset);
      total += asset.body.length;
      if (compressible.has(extname(file).toLowerCase()) && asset.body.length > 1024) {
        gzip(asset.body, { level: constants.Z_BEST_COMPRESSION })
          .then((zipped) => {
            if (zipped.length < asset.body.length * 0.9) {
              asset.gzip = zipped;
              total += zipped.length;
            }
          })
          .catch(() => undefined);
      }
      return asset;
    },
  };
}
