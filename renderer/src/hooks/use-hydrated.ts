/**
 * False while the server renders a page and while the browser hydrates it, true from the render
 * after (and from the start in a page the client builds itself). Why: the page's CSP
 * (`style-src 'self'`) blocks `style="…"` attributes in HTML, and React does not touch
 * attributes when it hydrates; so a component with inline styles (set through the CSSOM, which
 * CSP allows) renders them only once this is true, and a class-only layout before.
 */
import { useSyncExternalStore } from 'react';

const subscribe = () => () => undefined;

export function useHydrated(): boolean {
  return useSyncExternalStore(
    subscribe,
    () => true,
    () => false,
  );
}
