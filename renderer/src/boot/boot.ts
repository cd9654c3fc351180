/**
 * The page's first script: a module of its own, listed before the app's entry in index.html
 * (electron.vite.config.ts adds both), with no imports so it runs as soon as its own few hundred
 * bytes arrive instead of after React, zod and the app are fetched and evaluated. It starts what
 * the route's first paint waits for:
 * - the view's chunk, as `<link rel=modulepreload>` (the build lists each view's files in the
 *   `#mc-view-chunks` JSON block of index.html);
 * - the route's first data calls (first-calls.ts), kept in `window.__mcFirstCalls` for the HTTP
 *   client to use once (client/first-call-stash.ts).
 * In the desktop window (the preload bridge, IPC) it only preloads the chunk: its calls do not
 * go over HTTP and cost no round trip worth starting early. A page the server rendered carries
 * its calls' answers (ssr/payload.ts): those are not asked again.
 */
import type { FirstCallEntry, FirstCallResponse } from '../client/first-call-stash';
import type { SsrPayload } from '../ssr/payload';
import { firstCallsFor } from './first-calls';

function preloadChunks(view: string): void {
  let chunks: Record<string, string[]> = {};
  try {
    chunks = JSON.parse(document.getElementById('mc-view-chunks')?.textContent ?? '{}') as Record<string, string[]>;
  } catch {
    return;
  }
  for (const href of chunks[view] ?? []) {
    const link = document.createElement('link');
    link.rel = 'modulepreload';
    link.crossOrigin = '';
    link.href = href;
    document.head.appendChild(link);
  }
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

/**
 * A server-rendered page lists the app's entry as `<link rel="modulepreload" data-mc-entry>`
 * (electron/server/page-render.ts): fetched and compiled, but run only from here, after the
 * page is parsed and its first frame painted, so the rows show before React and the contract
 * evaluate. (The entry then hydrates them.)
 */
function startEntryAfterFirstPaint(): void {
  const start = () => {
    const link = document.querySelector<HTMLLinkElement>('link[data-mc-entry]');
    if (!link) return;
    requestAnimationFrame(() =>
      setTimeout(() => {
        const script = document.createElement('script');
        script.type = 'module';
        script.crossOrigin = link.crossOrigin ?? '';
        script.src = link.href;
        document.head.appendChild(script);
      }, 0),
    );
  };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start, { once: true });
  else start();
}

function boot(): void {
  startEntryAfterFirstPaint();
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
  preloadChunks(plan.view);
  if (!served) return;
  const answered = answeredCalls();
  const entries: FirstCallEntry[] = plan.calls
    .map(({ method, input }) => ({ method, body: JSON.stringify(input) }))
    .filter(({ method, body }) => !answered.has(`${method} ${body}`))
    .map(({ method, body }) => ({ method, body, response: startCall(method, body), used: false }));
  window.__mcFirstCalls = { startedAt: performance.now(), entries };
}

boot();
