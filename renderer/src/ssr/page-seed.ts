/**
 * What a render cannot read from the browser: on the server there is no `location` nor storage,
 * and a hydrating client must start from what the server used. Null (the default) = read the
 * browser's own (a client render from scratch, the desktop window).
 */
import { createContext, useContext } from 'react';
import type { SsrTheme } from './payload';

export interface PageSeed {
  /** The route's path (`/queues`). */
  location: string;
  /** The theme the HTML was rendered with (the `mc_theme` cookie). */
  theme: SsrTheme;
}

export const PageSeedContext = createContext<PageSeed | null>(null);

export function usePageSeed(): PageSeed | null {
  return useContext(PageSeedContext);
}
