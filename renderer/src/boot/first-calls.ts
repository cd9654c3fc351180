/**
 * The data calls each route's first paint makes, in the exact form (method, input, key order) the
 * app makes them: boot.ts starts them before the app's scripts are fetched, and the HTTP client
 * uses the answer when the identical call comes (client/first-call-stash.ts). A call that drifts
 * from what the view asks only costs one wasted read: e2e/first-paint.spec.ts checks that every
 * started call is used. No imports: this is bundled into the boot chunk alone.
 * Read methods only: a stashed call must be safe to make twice.
 */

export interface FirstCall {
  method: string;
  input: Record<string, unknown>;
}

/** The shell's calls (app.tsx, sync-chip), made on every route. */
const shellCalls: FirstCall[] = [
  { method: 'status:get', input: {} },
  { method: 'sync:status', input: {} },
];

/** Rows per queue page: renderer/src/hooks/use-task-pages.ts `pageSize`. */
const queuePageSize = 200;

/** Per route (the first segment of the hash), the view's own first calls and its chunk's name. */
const routes: Record<string, { view: string; calls: (rest: string[], storage: Pick<Storage, 'getItem'> | null) => FirstCall[] }> = {
  today: {
    view: 'today-view',
    calls: () => [
      { method: 'tasks:list', input: { status: ['completed'], dryRun: 'no_problem', sort: 'updatedAt', direction: 'desc', limit: 6 } },
      { method: 'tasks:list', input: { status: ['failed'], sort: 'updatedAt', direction: 'desc', limit: 6 } },
      { method: 'tasks:list', input: { dryRun: 'any_problem', limit: 1 } },
      { method: 'tasks:list', input: { awaitingApproval: true, sort: 'priority', direction: 'asc', limit: 6 } },
      { method: 'tasks:list', input: { ranWithoutRule: true, sort: 'updatedAt', direction: 'desc', limit: 6 } },
    ],
  },
  approvals: {
    view: 'approvals-view',
    calls: () => [
      { method: 'approvals:list', input: { limit: 200 } },
      { method: 'rules:list', input: {} },
    ],
  },
  queues: {
    view: 'queues-view',
    // The queue keeps its filters and sort in sessionStorage (queues-view.tsx): only the
    // default view (nothing stored) is predicted; otherwise the view asks for itself.
    calls: (_rest, storage) =>
      storage?.getItem('mc-queue-view') ? [] : [{ method: 'tasks:list', input: { sort: 'priority', direction: 'asc', offset: 0, limit: queuePageSize } }],
  },
  task: {
    view: 'task-detail-view',
    calls: (rest) => {
      let id = '';
      try {
        id = decodeURIComponent(rest.join('/'));
      } catch {
        return [];
      }
      return id ? [{ method: 'tasks:get', input: { id } }] : [];
    },
  },
  logs: {
    view: 'logs-view',
    calls: () => [
      { method: 'logs:list', input: { limit: 200 } },
      { method: 'alerts:list', input: { unacknowledgedOnly: true, limit: 100 } },
    ],
  },
  settings: { view: 'settings-view', calls: () => [{ method: 'settings:get', input: {} }] },
  calendar: { view: 'calendar-view', calls: () => [] },
  digest: { view: 'digest-view', calls: () => [] },
};

export interface RoutePlan {
  /** The view chunk's name (its file name without extension), to look up its built file. */
  view: string;
  calls: FirstCall[];
}

/** What a location hash (`#/queues`, `#/task/<id>`) needs first; unknown routes show Today (use-route.ts). */
export function firstCallsFor(hash: string, storage: Pick<Storage, 'getItem'> | null): RoutePlan {
  const [name = '', ...rest] = hash.replace(/^#\/?/, '').split('/');
  const route = Object.prototype.hasOwnProperty.call(routes, name) ? routes[name]! : routes.today!;
  // `#/task` without an id shows Queues (use-route.ts).
  if (name === 'task' && !rest.join('')) return firstCallsFor('#/queues', storage);
  return { view: route.view, calls: [...shellCalls, ...route.calls(rest, storage)] };
}
