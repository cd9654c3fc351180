/**
 * Every view's module, one line per view: app.tsx wraps each in `lazyView`, and the entry
 * (main.tsx, through preload-route.ts) starts loading the current route's view before root.tsx
 * renders (boot/boot.ts has usually preloaded its chunk already). A new view also needs its
 * route in boot/first-calls.ts. Keep it free of static imports.
 */
export const viewModules = {
  today: () => import('./views/today-view'),
  approvals: () => import('./views/approvals-view'),
  queues: () => import('./views/queues-view'),
  task: () => import('./views/task-detail-view'),
  logs: () => import('./views/logs-view'),
  settings: () => import('./views/settings-view'),
  calendar: () => import('./views/calendar-view'),
  digest: () => import('./views/digest-view'),
};

/** Starts loading the view a location (`/queues`, `#/queues`, `/task/<id>`) shows; unknown routes show Today. */
export function preloadRouteView(location: string): void {
  const name = location.replace(/^#?\/?/, '').split('/')[0] || 'today';
  const load = name in viewModules ? viewModules[name as keyof typeof viewModules] : viewModules.today;
  // A failure here is reported where it matters: when the view renders (lazyView retries it).
  load().catch(() => undefined);
}
