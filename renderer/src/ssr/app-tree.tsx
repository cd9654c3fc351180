/**
 * The app's tree around <App />, the same for a client render, a hydration and the server render
 * (so both sides build identical markup), plus the marker of a view that is interactive.
 */
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { StrictMode, useEffect, useSyncExternalStore } from 'react';
import { App } from '../app';
import { ClientProvider } from '../client/client-context';
import type { McClient } from '../client/types';
import { ownRenderEnv, releaseRenderEnv, renderEnvFrozen, renderLocale, renderTimeZone } from '../render-env';
import { PageSeedContext, type PageSeed } from './page-seed';

let envVersion = 0;
const envListeners = new Set<() => void>();
const subscribeEnv = (listener: () => void) => {
  envListeners.add(listener);
  return () => envListeners.delete(listener);
};

export function AppTree({ client, queryClient, seed }: { client: McClient; queryClient: QueryClient; seed: PageSeed | null }) {
  // A bump after hydration re-renders the app with the browser's own locale and zone.
  useSyncExternalStore(subscribeEnv, () => envVersion, () => 0);
  return (
    <StrictMode>
      <PageSeedContext.Provider value={seed}>
        <ClientProvider client={client}>
          <QueryClientProvider client={queryClient}>
            <App />
          </QueryClientProvider>
        </ClientProvider>
      </PageSeedContext.Provider>
    </StrictMode>
  );
}

/**
 * Rendered after the current view (inside its Suspense boundary): its effect runs once the view
 * is committed, i.e. hydrated on a server-rendered page or rendered on a client-rendered one.
 * It then releases the server's render environment and marks `<html data-hydrated>`, what the
 * bench and the e2e tests take for "interactive". Renders nothing.
 */
export function InteractiveMark() {
  useEffect(() => {
    document.documentElement.dataset.hydrated = 'true';
    if (!renderEnvFrozen()) return;
    const server = { locale: renderLocale(), timeZone: renderTimeZone() };
    releaseRenderEnv();
    const own = ownRenderEnv();
    if (own.locale === server.locale && own.timeZone === server.timeZone) return;
    envVersion++;
    for (const listener of envListeners) listener();
  }, []);
  return null;
}
