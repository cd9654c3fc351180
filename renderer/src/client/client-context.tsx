/** Makes the one `McClient` available to every view. */
import { createContext, useContext, type ReactNode } from 'react';
import type { McClient } from './types';

const ClientContext = createContext<McClient | null>(null);

export function ClientProvider({ client, children }: { client: McClient; children: ReactNode }) {
  return <ClientContext.Provider value={client}>{children}</ClientContext.Provider>;
}

export function useClient(): McClient {
  const client = useContext(ClientContext);
  if (!client) throw new Error('useClient outside ClientProvider');
  return client;
}
