/**
 * Server-side render of a dashboard page: for a signed-in request of a route whose first calls
 * are all known (renderer/src/boot/first-calls.ts), the server makes those calls in-process
 * (rpc.ts's callMethod: the same input validation as /api/rpc), renders the real React app at
 * that path (renderer/src/ssr/server-entry.tsx, its own entry of the main build), and sends the
 * HTML inside `#root` with the answers as JSON beside it, so Chromium paints the rows before any
 * script runs and the client hydrates from the same data. Anything going wrong sends the plain
 * page (the client then builds it itself) and logs why; never a 500.
 * Invariant: an unauthenticated request gets the plain page: no data, not even counts.
 */
import { existsSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isMethodName } from '../../shared/contract';
import { parseCookies } from './auth';
import { callMethod } from './rpc';
import type { ServerEngine, ServerLogger } from './types';

/** The payload renderer/src/ssr/payload.ts defines (kept in step by page-render.test.ts). */
interface SsrAnswer {
  method: string;
  input: Record<string, unknown>;
  value: unknown;
  partial?: true;
}
type Theme = 'system' | 'light' | 'dark';

/** What renderer/src/ssr/server-entry.tsx exports (loaded by path: the server imports no renderer code). */
export interface ServerRenderModule {
  planFor(path: string): { calls: { method: string; input: Record<string, unknown> }[]; unset: string[] } | null;
  /** `answers` in the result: what the page carries (the first screen's share of long answers). */
  renderPage(input: { path: string; answers: SsrAnswer[]; theme: Theme }): Promise<{ html: string; env: { now: number; locale: string; timeZone: string }; answers: SsrAnswer[] }>;
}

/**
 * Where the render module is: `ssr.js` beside the bundled server in out/main (the build), else
 * the renderer's source (tests and `tsx` runs). Null when neither is found.
 */
export function findServerRenderModule(fromFile: string): string | null {
  for (let dir = dirname(fromFile); ; dir = dirname(dir)) {
    if (basename(dir) === 'main' && basename(dirname(dir)) === 'out') return existsSync(join(dir, 'ssr.js')) ? join(dir, 'ssr.js') : null;
    const source = join(dir, 'renderer', 'src', 'ssr', 'server-entry.tsx');
    if (existsSync(source)) return source;
    if (dirname(dir) === dir) return null;
  }
}

/**
 * Loads the render module found from this file (once; a failure is retried on the next page).
 * `warm()` starts it ahead, only for the built module (about 0.3-0.6 s of the event loop, right
 * after start-up): from the TypeScript source (tests, `tsx` runs) it is compiled on first use.
 */
export function defaultRenderModuleLoader(): (() => Promise<ServerRenderModule>) & { warm(): void } {
  let loading: Promise<ServerRenderModule> | null = null;
  const load = () => {
    loading ??= (async () => {
      const file = findServerRenderModule(fileURLToPath(import.meta.url));
      if (file === null) throw new Error('the server render module (out/main/ssr.js) is missing; run `npm run build`');
      return (await import(/* @vite-ignore */ pathToFileURL(file).href)) as ServerRenderModule;
    })();
    loading.catch(() => {
      loading = null;
    });
    return loading;
  };
  return Object.assign(load, {
    warm() {
      if (findServerRenderModule(fileURLToPath(import.meta.url))?.endsWith('.js')) load().catch(() => undefined);
    },
  });
}

/** The `mc_theme` cookie the client keeps in step with its choice (renderer/src/hooks/use-theme.ts). */
export function themeFromCookie(header: string | undefined): Theme {
  const value = parseCookies(header).get('mc_theme');
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** JSON for a `<script type="application/json">` block: nothing in it can close or alter the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/[<>&\u2028\u2029]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

const rootTag = '<div id="root"></div>';

/** The app's entry: the module script that is not boot's (`data-mc-boot`, electron.vite.config.ts). */
const entryScript = /[ \t]*<script type="module"(?![^>]*\bdata-mc-boot\b)[^>]*\bsrc="([^"]+)"[^>]*><\/script>(?:\r?\n)?/i;
/** The entry's static imports, which the build lists as modulepreload links. */
const preloadLink = /[ \t]*<link rel="modulepreload"[^>]*\bhref="([^"]+)"[^>]*>(?:\r?\n)?/gi;

/**
 * The app's scripts a rendered page leaves for boot.ts to start after the first frame
 * (`<script type="application/json" id="mc-entry">`): the entry and the chunks it imports.
 */
export interface DeferredEntry {
  entry: string;
  preload: string[];
}

/**
 * The script a page rendered at `/` loads, blocking, in `<head>` (renderer/public/hash-link.js):
 * `/` is Today, but an old `/#/queues` link arrives there too, its view in a fragment the server
 * never sees. The script hides such a page before its first paint, and the app builds the view.
 */
export const hashLinkScript = '/hash-link.js';

/**
 * Fills the page for a rendered route:
 * - the markup in `#root`, the theme on `<html>`, and `data-mc-ssr` on `<html>` so boot.ts
 *   knows from the first bytes that the answers come with the page;
 * - the payload (and the deferred scripts' list) at the end of `<body>`, after the markup: the
 *   parser reaches the stylesheet and the rows first, and boot.ts reads them once parsed;
 * - `options.headScript`, a classic script loaded in `<head>` before anything is painted;
 * - no script of the app in the page: the entry and its modulepreload links become the
 *   `mc-entry` list that boot.ts starts after the first frame. Fetching and compiling React and
 *   the contract (about 0.4 MB) on the browser's worker threads competed with the parse, style
 *   and layout of the rows for the machine's cores (docs/benchmarks.md); evaluating them would
 *   hold the paint.
 * Null when the page has no empty root.
 */
export function fillTemplate(template: string, html: string, payloadJson: string, theme: Theme, options: { headScript?: string } = {}): string | null {
  if (!template.includes(rootTag)) return null;
  let page = template.replace(/<html([^>]*)>/i, (_tag, attributes: string) => {
    const themed = theme === 'system' || /data-theme=/.test(attributes) ? attributes : `${attributes} data-theme="${theme}"`;
    return `<html${themed} data-mc-ssr>`;
  });
  if (options.headScript) page = page.replace(/<\/head>/i, () => `<script src="${options.headScript}"></script></head>`);
  let entry: string | null = null;
  page = page.replace(entryScript, (_tag, src: string) => {
    entry = src;
    return '';
  });
  const preload: string[] = [];
  if (entry !== null) {
    page = page.replace(preloadLink, (_tag, href: string) => {
      preload.push(href);
      return '';
    });
  }
  const deferred: DeferredEntry | null = entry === null ? null : { entry, preload };
  const blocks = `<script type="application/json" id="mc-ssr">${payloadJson}</script>${deferred ? `<script type="application/json" id="mc-entry">${scriptJson(deferred)}</script>` : ''}`;
  const filled = page.replace(rootTag, () => `<div id="root">${html}</div>`);
  const end = filled.search(/<\/body>/i);
  const at = end >= 0 ? end : filled.indexOf('<div id="root">') + `<div id="root">${html}</div>`.length;
  return `${filled.slice(0, at)}${blocks}${filled.slice(at)}`;
}

export interface PageRendererOptions {
  engine: ServerEngine;
  logger: ServerLogger;
  isAuthenticated(req: IncomingMessage): boolean;
  /** Default: defaultRenderModuleLoader(). */
  load?: () => Promise<ServerRenderModule>;
}

/** A rendered page, or the template unchanged (`rendered: false`) when it was not rendered ahead. */
export interface PageResult {
  html: string;
  rendered: boolean;
}

export function createPageRenderer(options: PageRendererOptions) {
  const fallback = options.load ? null : defaultRenderModuleLoader();
  const load = options.load ?? fallback!;
  return {
    /** Starts loading the built render module in the background (errors are reported on first use). */
    warm(): void {
      fallback?.warm();
    },
    async render(req: IncomingMessage, pathname: string, template: string): Promise<PageResult> {
      if (!options.isAuthenticated(req)) return { html: template, rendered: false };
      try {
        const module = await load();
        const plan = module.planFor(pathname);
        if (plan === null) return { html: template, rendered: false };
        const answers: SsrAnswer[] = [];
        for (const call of plan.calls) {
          if (!isMethodName(call.method)) throw new Error(`unknown method ${call.method}`);
          // As /api/rpc sends it: JSON, so the page carries exactly what a fetch would get.
          const value: unknown = JSON.parse(JSON.stringify((await callMethod(options.engine, call.method, call.input)) ?? null));
          answers.push({ method: call.method, input: call.input, value });
        }
        const theme = themeFromCookie(req.headers.cookie);
        const page = await module.renderPage({ path: pathname, answers, theme });
        const payload = scriptJson({ v: 1, path: pathname, unset: plan.unset, theme, env: page.env, answers: page.answers });
        const html = fillTemplate(template, page.html, payload, theme, pathname === '/' ? { headScript: hashLinkScript } : {});
        if (html === null) throw new Error('index.html has no empty <div id="root"></div>');
        return { html, rendered: true };
      } catch (error) {
        options.logger.warn(`page render of ${pathname.slice(0, 200)} failed, sent the plain page: ${error instanceof Error ? error.message : String(error)}`);
        return { html: template, rendered: false };
      }
    },
  };
}

export type PageRenderer = ReturnType<typeof createPageRenderer>;
