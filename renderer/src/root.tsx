/**
 * The app's root, imported by main.tsx after preload-route: one client (IPC or HTTP, chosen at
 * start-up), one query cache, the app. A page the server rendered (ssr/payload.ts) is hydrated:
 * the cache starts with the server's answers and the first render uses the server's route, theme
 * and render environment, so it matches the HTML (no "Loading", no flash). When this tab would
 * show something else (stored queue filters, an old `#/` link) it renders from scratch instead,
 * still starting from the answers (a page at `/` that an old link hid is emptied first).
 */
import { hydrateRoot, createRoot } from 'react-dom/client';
import { createClient } from './client/create-client';
import { currentLocation } from './hooks/use-route';
import { createQueryClient, seedQueryCache } from './query-client';
import { freezeRenderEnv } from './render-env';
import { AppTree } from './ssr/app-tree';
import { readSsrPayload, type SsrPayload } from './ssr/payload';

const client = createClient();
const queryClient = createQueryClient();

function sessionStore(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

/** True when this tab's first render is the one the server made: same path, none of the storage it assumed unset. */
function matchesServer(payload: SsrPayload): boolean {
  if (client.transport !== 'http' || currentLocation() !== payload.path) return false;
  const storage = sessionStore();
  return payload.unset.every((key) => !storage?.getItem(key));
}

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
const payload = readSsrPayload(document);
let hydrate = false;
if (payload) {
  try {
    seedQueryCache(queryClient, payload.answers, Date.now());
    // A page hidden for an old `/#/…` link (public/hash-link.js) is never kept, whatever the route says.
    hydrate = matchesServer(payload) && !document.documentElement.hasAttribute('data-mc-stale-page');
  } catch (error) {
    // An answer that breaks the contract: the views fetch and show the error themselves.
    console.warn('The page came with data this app cannot use; loading it again.', error);
    queryClient.clear();
  }
}
if (payload && hydrate) {
  freezeRenderEnv(payload.env);
  hydrateRoot(root, <AppTree client={client} queryClient={queryClient} seed={{ location: payload.path, theme: payload.theme }} />, {
    onRecoverableError: (error) => console.error('Hydration:', error),
  });
} else {
  if (document.documentElement.hasAttribute('data-mc-stale-page')) {
    // Today rendered at `/` for an old `/#/…` link, hidden before it was painted (public/hash-link.js):
    // emptied and shown again, so the linked view is built in its place as on a plain page.
    root.replaceChildren();
    document.documentElement.removeAttribute('data-mc-stale-page');
  }
  createRoot(root).render(<AppTree client={client} queryClient={queryClient} seed={null} />);
}
