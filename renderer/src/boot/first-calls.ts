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

/**
 * Per route (the first segment of the path or hash), the view's own first calls and its chunk's
 * name. `predicted: false`: the view makes calls not listed here, so its first paint cannot be
 * prepared in advance (nor rendered by the server).
 */
const routes: Record<string, { view: string; predicted?: false; storageKeys?: string[]; calls: (rest: string[], storage: Pick<Storage, 'getItem'> | null) => FirstCall[] | null }> = {
  today: {
    view: 'today-view',
    // Every call Today and its cards make before any of them returns early (today-view.tsx and
    // its components), in that order, so the server renders the whole first screen: with 100,000
    // tasks they take about 50 ms of serve's thread (digest:get 30 of it; docs/benchmarks.md).
    // Not stats:get: the completion chart is its own lazy chunk (recharts), which the page shows
    // loading and fetches for itself once hydrated.
    calls: () => [
      { method: 'tasks:list', input: { status: ['completed'], dryRun: 'no_problem', sort: 'updatedAt', direction: 'desc', limit: 6 } },
      { method: 'tasks:list', input: { status: ['failed'], sort: 'updatedAt', direction: 'desc', limit: 6 } },
      { method: 'tasks:list', input: { dryRun: 'any_problem', limit: 1 } },
      { method: 'tasks:list', input: { awaitingApproval: true, sort: 'priority', direction: 'asc', limit: 6 } },
      { method: 'tasks:list', input: { ranWithoutRule: true, sort: 'updatedAt', direction: 'desc', limit: 6 } },
      { method: 'channels:list', input: {} },
      { method: 'suggestions:list', input: {} },
      { method: 'tasks:list', input: { dryRun: 'any_problem', sort: 'updatedAt', direction: 'desc', limit: 6 } },
      { method: 'tasks:list', input: { dryRun: 'would_fail', limit: 1 } },
      { method: 'tasks:list', input: { dryRun: 'would_be_held', limit: 1 } },
      { method: 'tasks:list', input: { dryRun: 'not_connected', limit: 1 } },
      { method: 'digest:get', input: {} },
      { method: 'limits:usage', input: {} },
      { method: 'tasks:list', input: { manual: true, status: ['new'], sort: 'priority', direction: 'asc', limit: 8 } },
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
    storageKeys: ['mc-queue-view', 'mc-queue-scroll'],
    // The queue keeps its filters, sort and scroll position in sessionStorage (queues-view.tsx):
    // only the default view at the top (nothing stored) is predicted; otherwise it asks for itself.
    calls: (_rest, storage) =>
      storage?.getItem('mc-queue-view') || storage?.getItem('mc-queue-scroll') ? null : [{ method: 'tasks:list', input: { sort: 'priority', direction: 'asc', offset: 0, limit: queuePageSize } }],
  },
  task: {
    view: 'task-detail-view',
    calls: (rest) => {
      let id = '';
      try {
        id = decodeURIComponent(rest.join('/'));
      } catch {
        return null;
      }
      return id ? [{ method: 'tasks:get', input: { id } }] : null;
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
  calendar: { view: 'calendar-view', predicted: false, calls: () => [] },
  digest: { view: 'digest-view', predicted: false, calls: () => [] },
};

export interface RoutePlan {
  /** The view chunk's name (its file name without extension), to look up its built file. */
  view: string;
  calls: FirstCall[];
  /**
   * Every call the first paint makes is in `calls` (the shell's and the view's): the page can be
   * rendered ahead from their answers (electron/server/page-render.ts) and hydrated with them.
   * (A lazy part of the view, such as Today's chart, shows loading in both and asks for itself.)
   */
  complete: boolean;
  /** The sessionStorage keys the prediction read: with any of them set, the first paint differs. */
  storageKeys: string[];
}

/**
 * What a route needs first. `location` is a hash (`#/queues`) or a path (`/queues`,
 * `/task/<id>`); unknown routes show Today (use-route.ts).
 */
export function firstCallsFor(location: string, storage: Pick<Storage, 'getItem'> | null): RoutePlan {
  const [name = '', ...rest] = location.replace(/^#?\/?/, '').split('/');
  const route = Object.prototype.hasOwnProperty.call(routes, name) ? routes[name]! : routes.today!;
  // `/task` without an id shows Queues (use-route.ts).
  if (name === 'task' && !rest.join('')) return firstCallsFor('/queues', storage);
  const own = route.calls(rest, storage);
  const complete = own !== null && route.predicted !== false;
  return { view: route.view, calls: [...shellCalls, ...(own ?? [])], complete, storageKeys: route.storageKeys ?? [] };
}
