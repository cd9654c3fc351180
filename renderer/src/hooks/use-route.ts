/**
 * Hash routing (`#/queues`, `#/task/<id>`): works identically from a file:// or app:// page in
 * Electron and from `mission-control serve`, and needs no server-side fallback routes.
 */
import { useEffect, useState } from 'react';

export type Route =
  | { view: 'today' }
  | { view: 'approvals'; focus?: string }
  | { view: 'queues' }
  | { view: 'task'; id: string }
  | { view: 'logs' }
  | { view: 'settings' };

export function parseRoute(hash: string): Route {
  const [view, ...rest] = hash.replace(/^#\/?/, '').split('/');
  switch (view) {
    case 'approvals':
      // `#/approvals/<id>`: the inbox with that task focused (desktop notifications link here).
      return rest[0] ? { view: 'approvals', focus: decodeURIComponent(rest.join('/')) } : { view: 'approvals' };
    case 'queues':
    case 'logs':
    case 'settings':
      return { view };
    case 'task':
      return rest[0] ? { view: 'task', id: decodeURIComponent(rest.join('/')) } : { view: 'queues' };
    default:
      return { view: 'today' };
  }
}

export function routeHref(route: Route): string {
  if (route.view === 'task') return `#/task/${encodeURIComponent(route.id)}`;
  if (route.view === 'approvals' && route.focus) return `#/approvals/${encodeURIComponent(route.focus)}`;
  return `#/${route.view}`;
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = () => setRoute(parseRoute(window.location.hash));
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
