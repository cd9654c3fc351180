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
  | { view: 'settings' }
  /** `#/calendar` (this week) or `#/calendar/2026-12-07` (the week holding that day). */
  | { view: 'calendar'; week?: string }
  /** `#/digest` (today) or `#/digest/2026-11-29`. */
  | { view: 'digest'; day?: string };

const isDay = (text: string | undefined): text is string => !!text && /^\d{4}-\d{2}-\d{2}$/.test(text);

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
    case 'calendar':
      return isDay(rest[0]) ? { view: 'calendar', week: rest[0] } : { view: 'calendar' };
    case 'digest':
      return isDay(rest[0]) ? { view: 'digest', day: rest[0] } : { view: 'digest' };
    case 'task':
      return rest[0] ? { view: 'task', id: decodeURIComponent(rest.join('/')) } : { view: 'queues' };
    default:
      return { view: 'today' };
  }
}

export function routeHref(route: Route): string {
  if (route.view === 'task') return `#/task/${encodeURIComponent(route.id)}`;
  if (route.view === 'approvals' && route.focus) return `#/approvals/${encodeURIComponent(route.focus)}`;
  if (route.view === 'calendar' && route.week) return `#/calendar/${route.week}`;
  if (route.view === 'digest' && route.day) return `#/digest/${route.day}`;
  return `#/${route.view}`;
}

export function navigate(route: Route): void {
  window.location.hash = routeHref(route);
}

let leaveGuard: (() => boolean) | null = null;
let previousHash: string | null = null;

/**
 * A view with unsaved work (Settings) asks before the page moves on: `guard` answers whether to
 * leave. While it says no, the route stays and the old address is put back. Returns the remover.
 */
export function setLeaveGuard(guard: () => boolean): () => void {
  leaveGuard = guard;
  return () => {
    if (leaveGuard === guard) leaveGuard = null;
  };
}

/** The view shown before the current one (for "← back" links), or null on a first page. */
export function previousRoute(): Route | null {
  return previousHash === null ? null : parseRoute(previousHash);
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseRoute(window.location.hash));
  useEffect(() => {
    const onChange = (event: HashChangeEvent) => {
      if (leaveGuard && !leaveGuard()) {
        window.history.replaceState(null, '', event.oldURL);
        return;
      }
      previousHash = new URL(event.oldURL).hash;
      setRoute(parseRoute(window.location.hash));
    };
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}
