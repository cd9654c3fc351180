/** The app's root, imported by main.tsx after preload-route: one client (IPC or HTTP, chosen at start-up), one query cache, the app. */
import { MutationCache, QueryCache, QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { ClientProvider } from './client/client-context';
import { createClient } from './client/create-client';
import { markSignedOut } from './client/session';
import { isUnauthorized } from './client/types';

const client = createClient();
const onError = (error: unknown) => {
  if (isUnauthorized(error)) markSignedOut();
};
const queryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: {
      // Live events invalidate what changed; this is only a safety net for missed events.
      staleTime: 30_000,
      refetchOnWindowFocus: true,
      retry: (count, error) => !isUnauthorized(error) && count < 2,
    },
  },
});

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(
  <StrictMode>
    <ClientProvider client={client}>
      <QueryClientProvider client={queryClient}>
        <App />
      </QueryClientProvider>
    </ClientProvider>
  </StrictMode>,
);
