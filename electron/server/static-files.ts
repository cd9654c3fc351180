/**
 * Serves the built dashboard (out/renderer) with a strict CSP, correct MIME types and an SPA
 * fallback to index.html. Never serves anything outside the root, nor dotfiles.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { basename, dirname, extname, join, resolve, sep } from 'node:path';
import { acceptsGzip, createAssetCache, type CachedAsset } from './asset-cache';
import { baseHeaders } from './http-util';

/**
 * The dashboard's CSP: only this origin's scripts (no inline script, no eval), fetch/EventSource
 * to this origin only, no framing by others, no inline style. The e-mail preview (a sandboxed
 * srcdoc frame, which inherits this policy) applies the mail's own styles through the CSSOM
 * (renderer/src/components/email-render.ts), which CSP does not govern.
 */
export const dashboardCsp = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "frame-src 'self' about:",
  "manifest-src 'self'",
  "worker-src 'self'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');

export const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.webmanifest': 'application/manifest+json',
};

/**
 * Finds out/renderer from a module's folder: the bundled CLI lives in out/main (sibling
 * out/renderer); run from source (tsx) it is <repo>/out/renderer. Never the renderer sources.
 */
export function findStaticDir(fromDir: string): string | null {
  let dir = resolve(fromDir);
  for (;;) {
    if (basename(dir) === 'out' && existsSync(join(dir, 'renderer', 'index.html'))) return join(dir, 'renderer');
    if (existsSync(join(dir, 'out', 'renderer', 'index.html'))) return join(dir, 'out', 'renderer');
    const parent = dirname(dir);
    if (parent === dir) return null;
    dir = parent;
  }
}

/**
 * index.html with `<base href="/">` so relative asset URLs (`./assets/x.js`, as Electron's
 * file:// build needs) resolve on deep routes. Left alone when the page has a base or its own
 * CSP forbids one.
 */
export function withBaseHref(html: string): string {
  if (/<base\s/i.test(html) || /base-uri\s+'none'/i.test(html)) return html;
  return html.replace(/<head([^>]*)>/i, (head) => `${head}<base href="/">`);
}

/**
 * A `Link: rel=preload` header for the page's stylesheets (render-blocking): Chromium starts
 * fetching them when it commits the response, before the parser reaches their `<link>`; the
 * rows of a rendered page are laid out as soon as the stylesheet is in (docs/benchmarks.md).
 * Only same-origin `./assets/` and `/assets/` files, with the link's CORS mode so the preload is
 * reused. Null when there is none.
 */
export function stylesheetPreloads(html: string): string | null {
  const head = html.slice(0, Math.max(0, html.search(/<\/head>/i)));
  const links: string[] = [];
  for (const [tag] of head.matchAll(/<link\b[^>]*>/gi)) {
    if (!/\brel="stylesheet"/i.test(tag)) continue;
    const href = /\bhref="(?:\.\/|\/)(assets\/[\w.-]+\.css)"/i.exec(tag)?.[1];
    if (href) links.push(`</${href}>; rel=preload; as=style${/\bcrossorigin\b/i.test(tag) ? '; crossorigin' : ''}`);
  }
  return links.length > 0 ? links.join(', ') : null;
}

function pageHeaders(type: string): Record<string, string> {
  return { ...baseHeaders, 'Content-Type': type, 'Content-Security-Policy': dashboardCsp };
}

/** Renders a route's page ahead (page-render.ts): the template, filled in or unchanged. */
export type PageRenderHook = (req: IncomingMessage, pathname: string, template: string) => Promise<{ html: string; rendered: boolean }>;

/** `renderPage`: applied to the routes that fall back to index.html (not to a file asked by name). */
export function createStaticHandler(root: string | null, options: { renderPage?: PageRenderHook } = {}) {
  const rootPath = root === null ? null : resolve(root);
  const assets = createAssetCache();

  async function resolveFile(pathname: string): Promise<string | null> {
    if (rootPath === null) return null;
    let segments: string[];
    try {
      segments = pathname.split('/').filter((s) => s !== '').map((s) => decodeURIComponent(s));
    } catch {
      return null;
    }
    if (segments.some((s) => s.startsWith('.') || /[/\\\0]/.test(s))) return null;
    const candidate = resolve(rootPath, ...segments);
    if (candidate !== rootPath && !candidate.startsWith(rootPath + sep)) return null;
    try {
      const real = await realpath(candidate);
      const realRoot = await realpath(rootPath);
      if (!real.startsWith(realRoot + sep)) return null;
      return (await stat(real)).isFile() ? real : null;
    } catch {
      return null;
    }
  }

  // Reads and compresses the build's assets in the background at start, so the first page load
  // already gets them from memory (a missing or unreadable folder just leaves the cache empty).
  if (rootPath !== null) {
    readdir(join(rootPath, 'assets'))
      .then(async (names) => {
        for (const name of names) {
          const pathname = `/assets/${encodeURIComponent(name)}`;
          const file = await resolveFile(pathname);
          if (file !== null && extname(file) !== '.html' && !assets.get(pathname)) await assets.load(pathname, file);
        }
      })
      .catch(() => undefined);
  }

  /** Answers GET/HEAD for a page or asset; a path with an extension that is absent is a 404. */
  return async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const head = req.method === 'HEAD';
    if (req.method !== 'GET' && !head) {
      res.writeHead(405, { ...baseHeaders, Allow: 'GET, HEAD' }).end();
      return;
    }
    // Hashed build files: from memory after the first request (see asset-cache.ts).
    const immutable = pathname.startsWith('/assets/');
    const cached = immutable ? assets.get(pathname) : undefined;
    const file = cached ? null : await resolveFile(pathname);
    if (cached || (file !== null && extname(file) !== '.html')) {
      const asset: CachedAsset = cached ?? (immutable ? await assets.load(pathname, file!) : { body: await readFile(file!), gzip: null });
      const zipped = asset.gzip !== null && acceptsGzip(req.headers['accept-encoding']);
      const body = zipped ? asset.gzip! : asset.body;
      res.writeHead(200, {
        ...pageHeaders(mimeTypes[extname(file ?? pathname).toLowerCase()] ?? 'application/octet-stream'),
        'Content-Length': body.length,
        'Cache-Control': immutable ? 'public, max-age=31536000, immutable' : 'no-cache',
        ...(immutable ? { Vary: 'Accept-Encoding' } : {}),
        ...(zipped ? { 'Content-Encoding': 'gzip' } : {}),
      });
      res.end(head ? undefined : body);
      return;
    }
    const lastSegment = pathname.split('/').pop() ?? '';
    if (file === null && extname(lastSegment) !== '' && extname(lastSegment) !== '.html') {
      res.writeHead(404, { ...pageHeaders('text/plain; charset=utf-8'), 'Cache-Control': 'no-store' }).end(head ? undefined : 'Not found');
      return;
    }
    const index = rootPath === null ? null : await resolveFile('/index.html');
    if (index === null) {
      res.writeHead(503, { ...pageHeaders('text/plain; charset=utf-8'), 'Cache-Control': 'no-store' });
      res.end(head ? undefined : 'The dashboard is not built. Run `npm run build`; the API is available under /api.');
      return;
    }
    const template = withBaseHref(await readFile(file ?? index, 'utf8'));
    // A rendered page carries the signed-in person's data: never stored by a cache.
    const page = file === null && !head && options.renderPage ? await options.renderPage(req, pathname, template) : { html: template, rendered: false };
    const html = Buffer.from(page.html, 'utf8');
    const preload = stylesheetPreloads(page.html);
    res.writeHead(200, { ...pageHeaders('text/html; charset=utf-8'), 'Content-Length': html.length, 'Cache-Control': page.rendered ? 'no-store' : 'no-cache', Vary: 'Cookie, Sec-Fetch-Site', ...(preload ? { Link: preload } : {}) });
    res.end(head ? undefined : html);
  };
}
