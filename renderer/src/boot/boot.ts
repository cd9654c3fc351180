/**
 * The page's first script: a module of its own, listed before the app's entry in index.html
 * (electron.vite.config.ts adds both), with no imports so it runs as soon as the page is parsed
 * and its own few hundred bytes arrive, always before the entry (module scripts run in document
 * order), instead of after React, zod and the app are fetched and evaluated. It starts what
 * the route's first paint waits for:
 * - the view's chunk, as `<link rel=modulepreload>` (the build lists each view's files in the
 *   `#mc-view-chunks` JSON block of index.html);
 * - the route's first data calls (first-calls.ts), kept in `window.__mcFirstCalls` for the HTTP
 *   client to use once (client/first-call-stash.ts).
 * In the desktop window (the preload bridge, IPC) it only preloads the chunk: its calls do not
 * go over HTTP and cost no round trip worth starting early. A page the server rendered carries
 * its calls' answers (ssr/payload.ts): those are not asked again, and the view's chunk and the
 * app's scripts wait for its first frame.
 */
import type { FirstCallEntry, FirstCallResponse } from '../client/first-call-stash';
import type { SsrPayload } from '../ssr/payload';
import { firstCallsFor } from './first-calls';

function addModulePreload(href: string): void {
  const link = document.createElement('link');
  link.rel = 'modulepreload';
  link.crossOrigin = '';
  link.href = href;
  document.head.appendChild(link);
}

function preloadChunks(view: string): void {
  let chunks: Record<string, string[]> = {};
  try {
    chunks = JSON.parse(document.getElementById('mc-view-chunks')?.textContent ?? '{}') as Record<string, string[]>;
  } catch {
    return;
  }
  for (const href of chunks[view] ?? []) addModulePreload(href);
}

/** The calls a server-rendered page already answered (ssr/payload.ts; read here, not imported: boot imports nothing). */
function answeredCalls(): Set<string> {
  try {
    const payload = JSON.parse(document.getElementById('mc-ssr')?.textContent ?? 'null') as SsrPayload | null;
    return new Set((payload?.answers ?? []).map((answer) => `${answer.method} ${JSON.stringify(answer.input)}`));
  } catch {
    return new Set();
  }
}

function startCall(method: string, body: string): Promise<FirstCallResponse | null> {
  // The same request the HTTP client makes (http-client.ts); errors become null, never a rejection.
  return fetch(`/api/rpc/${method}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body,
  })
    .then(async (response) => ({ status: response.status, body: response.ok ? ((await response.json()) as unknown) : null }))
    .catch(() => null);
}

/** Runs `run` once the document is parsed (now, when it already is). */
function whenParsed(run: () => void): void {
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', run, { once: true });
  else run();
}

/**
 * A server-rendered page carries no script of the app (electron/server/page-render.ts): it lists
 * the entry and the chunks it imports in `#mc-entry`, and they start here, after the page is
 * parsed and its first frame painted, so the rows show before React and the contract are
 * fetched, compiled and evaluated. (The entry then hydrates them.)
 */
function startEntryAfterFirstPaint(view: string): void {
  whenParsed(() =>
    requestAnimationFrame(() =>
      setTimeout(() => {
        preloadChunks(view);
        const deferred = deferredEntry();
        if (!deferred) return;
        for (const href of deferred.preload) addModulePreload(href);
        const script = document.createElement('script');
        script.type = 'module';
        script.crossOrigin = '';
        script.src = deferred.entry;
        document.head.appendChild(script);
      }, 0),
    ),
  );
}

/** The `#mc-entry` list; null when absent or malformed (the page then stays as the server sent it). */
function deferredEntry(): { entry: string; preload: string[] } | null {
  try {
    const value = JSON.parse(document.getElementById('mc-entry')?.textContent ?? 'null') as { entry?: unknown; preload?: unknown } | null;
    if (typeof value?.entry !== 'string') return null;
    return { entry: value.entry, preload: Array.isArray(value.preload) ? value.preload.filter((href): href is string => typeof href === 'string') : [] };
  } catch {
    return null;
  }
}

function startCalls(calls: { method: string; input: Record<string, unknown> }[]): void {
  const answered = answeredCalls();
  const entries: FirstCallEntry[] = calls
    .map(({ method, input }) => ({ method, body: JSON.stringify(input) }))
    .filter(({ method, body }) => !answered.has(`${method} ${body}`))
    .map(({ method, body }) => ({ method, body, response: startCall(method, body), used: false }));
  window.__mcFirstCalls = { startedAt: performance.now(), entries };
}

function boot(): void {
  // Set by the server on a page it rendered; its answers follow the markup at the end of <body>.
  const rendered = document.documentElement.hasAttribute('data-mc-ssr');
  let storage: Storage | null = null;
  try {
    storage = window.sessionStorage;
  } catch {
    // Storage can be blocked; the queue then shows its defaults, which is what is predicted.
  }
  // The route as use-route.ts reads it: the hash in the desktop window and in old `/#/` links, else the path.
  const served = !window.missionControl && /^https?:$/.test(window.location.protocol);
  const location = served && !/^#\//.test(window.location.hash) ? window.location.pathname : window.location.hash;
  const plan = firstCallsFor(location, storage);
  if (rendered) {
    startEntryAfterFirstPaint(plan.view);
    if (served) whenParsed(() => startCalls(plan.calls));
    return;
  }
  preloadChunks(plan.view);
  if (served) startCalls(plan.calls);
}

boot();
