/**
 * Routing. Served over http(s) by `mission-control serve` the dashboard uses paths (`/queues`,
 * `/task/<id>`, the history API), so the server sees the route and can send its first page as
 * HTML (electron/server/page-render.ts). In the desktop window (file://, the preload bridge) it
 * keeps hash routes (`#/queues`), which need no server. Old `/#/queues` links still work: the
 * client turns them into the path (`replaceState`) before its first render.
 */
import { useEffect, useState } from 'react';
import { usePageSeed } from '../ssr/page-seed';

export type Route =
  | { view: 'today' }
  | { view: 'approvals'; focus?: string }
  | { view: 'queues' }
  | { view: 'task'; id: string }
  | { view: 'logs' }
  | { view: 'settings' }
  /** `/calendar` (this week) or `/calendar/2026-12-07` (the week holding that day). */
  | { view: 'calendar'; week?: string }
  /** `/digest` (today) or `/digest/2026-11-29`. */
  | { view: 'digest'; day?: string };

/** `path`: `/queues` with the history API (served pages, and the server render); `hash`: `#/queues`. */
export type RouteMode = 'path' | 'hash';

const isDay = (text: string | undefined): text is string => !!text && /^\d{4}-\d{2}-\d{2}$/.test(text);

/** Paths over http(s) without the desktop bridge; hashes in the desktop window. No window (the server render): paths. */
export function routeMode(): RouteMode {
  if (typeof window === 'undefined') return 'path';
  return window.missionControl || !/^https?:$/.test(window.location.protocol) ? 'hash' : 'path';
}

/** Parses a route written either way: `#/task/x`, `/task/x` or `task/x`. */
export function parseRoute(location: string): Route {
  const [view, ...rest] = location.replace(/^#?\/?/, '').split('/');
  switch (view) {
    case 'approvals':
      // `/approvals/<id>`: the inbox with that task focused (desktop notifications link here).
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

/** The route as a link: `/queues` in path mode, `#/queues` in hash mode (default: this page's mode). */
export function routeHref(route: Route, mode: RouteMode = routeMode()): string {
  const prefix = mode === 'path' ? '/' : '#/';
  if (route.view === 'task') return `${prefix}task/${encodeURIComponent(route.id)}`;
  if (route.view === 'approvals' && route.focus) return `${prefix}approvals/${encodeURIComponent(route.focus)}`;
  if (route.view === 'calendar' && route.week) return `${prefix}calendar/${route.week}`;
  if (route.view === 'digest' && route.day) return `${prefix}digest/${route.day}`;
  return `${prefix}${route.view}`;
}

/** This page's route location: the path in path mode, the hash in hash mode. */
export function currentLocation(): string {
  if (typeof window === 'undefined') return '/';
  return routeMode() === 'path' ? window.location.pathname : window.location.hash;
}

/** In path mode, turns an old `/#/queues` address into `/queues` (replaceState). Call before the first render. */
export function adoptHashRoute(): void {
  if (routeMode() !== 'path' || !/^#\//.test(window.location.hash)) return;
  window.history.replaceState(window.history.state, '', `${routeHref(parseRoute(window.location.hash), 'path')}${window.location.search}`);
}

const pathChange = 'mc-route-change';

export function navigate(route: Route): void {
  if (routeMode() === 'hash') {
    window.location.hash = routeHref(route, 'hash');
    return;
  }
  const href = routeHref(route, 'path');
  if (href === window.location.pathname || (leaveGuard && !leaveGuard())) return;
  window.history.pushState(null, '', href);
  window.dispatchEvent(new Event(pathChange));
}

let leaveGuard: (() => boolean) | null = null;
let previousLocation: string | null = null;

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
  return previousLocation === null ? null : parseRoute(previousLocation);
}

/**
 * In path mode, a plain click on a same-origin link to a route (no modifier, no target, not a
 * download, not /api or /auth) moves with pushState instead of loading the page again.
 */
function routeLinkTarget(event: MouseEvent): string | null {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return null;
  const anchor = (event.target as Element | null)?.closest?.('a[href]');
  if (!(anchor instanceof HTMLAnchorElement) || (anchor.target && anchor.target !== '_self') || anchor.hasAttribute('download')) return null;
  const url = new URL(anchor.href, window.location.href);
  if (url.origin !== window.location.origin || /^\/(api|auth|assets)(\/|$)/.test(url.pathname)) return null;
  if (url.pathname === window.location.pathname && url.hash) return null;
  return url.pathname;
}

/** The current route, following hash changes (hash mode) or pushState/popstate and link clicks (path mode). */
export function useRoute(): Route {
  // The server render has no location: it renders the path it was asked for.
  const seed = usePageSeed();
  const [route, setRoute] = useState(() => parseRoute(seed?.location ?? currentLocation()));
  useEffect(() => {
    if (routeMode() === 'hash') {
      const onChange = (event: HashChangeEvent) => {
        if (leaveGuard && !leaveGuard()) {
          window.history.replaceState(null, '', event.oldURL);
          return;
        }
        previousLocation = new URL(event.oldURL).hash;
        setRoute(parseRoute(window.location.hash));
      };
      window.addEventListener('hashchange', onChange);
      return () => window.removeEventListener('hashchange', onChange);
    }
    let shown = window.location.pathname;
    // `guarded`: the move already happened (back/forward), so a refusing guard puts the old path back.
    const follow = (guarded: boolean) => {
      if (window.location.pathname === shown) return;
      if (guarded && leaveGuard && !leaveGuard()) {
        window.history.pushState(null, '', shown);
        return;
      }
      previousLocation = shown;
      shown = window.location.pathname;
      setRoute(parseRoute(shown));
    };
    const onClick = (event: MouseEvent) => {
      const target = routeLinkTarget(event);
      if (target === null) return;
      event.preventDefault();
      if (target === window.location.pathname) return;
      if (leaveGuard && !leaveGuard()) return;
      window.history.pushState(null, '', target);
      follow(false);
    };
    const onPop = () => follow(true);
    const onPush = () => follow(false);
    // An old `#/…` link followed inside the page: the same document, so adopt it here too.
    const onHash = () => {
      if (!/^#\//.test(window.location.hash)) return;
      adoptHashRoute();
      follow(true);
    };
    window.addEventListener('popstate', onPop);
    window.addEventListener(pathChange, onPush);
    window.addEventListener('hashchange', onHash);
    document.addEventListener('click', onClick);
    // A move between the first render (a hydration can take a while) and now.
    if (/^#\//.test(window.location.hash)) onHash();
    else follow(false);
    return () => {
      window.removeEventListener('hashchange', onHash);
      window.removeEventListener('popstate', onPop);
      window.removeEventListener(pathChange, onPush);
      document.removeEventListener('click', onClick);
    };
  }, []);
  return route;
}
