/**
 * Queues: every task, filtered, searched and sorted in SQL, rendered with a virtualizer so
 * 100,000 rows scroll smoothly; only the pages in view are fetched.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { taskSortFields } from '../../../shared/contract';
import { useDebounced } from '../hooks/use-debounced';
import { useHydrated } from '../hooks/use-hydrated';
import { useTaskPages, type TaskFilters } from '../hooks/use-task-pages';
import { CreateTaskDialog } from '../components/create-task-dialog';
import { emptyFilters, QueueFilters, type QueueFilterState } from '../components/queue-filters';
import { QueueRow, rowHeight } from '../components/queue-row';
import { Empty, ErrorState, Loading } from '../components/states';
import { formatCount } from '../render-env';

type SortField = (typeof taskSortFields)[number];
interface Sort { field: SortField; direction: 'asc' | 'desc' }

const columns: { field: SortField; label: string }[] = [
  { field: 'priority', label: 'Priority' },
  { field: 'title', label: 'Title' },
  { field: 'assignedAgent', label: 'Agent' },
  { field: 'status', label: 'Status' },
  { field: 'createdAt', label: 'Created' },
  { field: 'updatedAt', label: 'Updated' },
];

// boot/first-calls.ts reads both keys: a page is predicted (and server-rendered) only while neither is set.
const storageKey = 'mc-queue-view';
const scrollKey = 'mc-queue-scroll';
const defaultState: { filters: QueueFilterState; sort: Sort } = { filters: emptyFilters, sort: { field: 'priority', direction: 'asc' } };

/** sessionStorage, or null where there is none (the server render) or it is blocked. */
function session(): Storage | null {
  try {
    return typeof sessionStorage === 'undefined' ? null : sessionStorage;
  } catch {
    return null;
  }
}

function loadState(): { filters: QueueFilterState; sort: Sort } {
  try {
    const stored = JSON.parse(session()?.getItem(storageKey) ?? 'null') as { filters: QueueFilterState; sort: Sort } | null;
    if (stored?.filters && stored.sort) return stored;
  } catch {
    // Fall through to defaults.
  }
  return defaultState;
}

/** Keeps a non-default value only: the default is what a fresh tab (and the server) shows. */
function store(key: string, value: string | null): void {
  try {
    if (value === null) session()?.removeItem(key);
    else session()?.setItem(key, value);
  } catch {
    // Storage full or blocked: the queue just opens at its defaults next time.
  }
}

/**
 * The scroll box's size before it is measured: what the server renders and the client's first
 * (hydrating) render repeats, so both draw the same rows (a 1280x800 screen of them: 23).
 * Measured sizes take over right after.
 */
const initialRect = { width: 1280, height: 800 };

/** The rows the server renders and the hydration repeats: those of `initialRect` from the top. */
const firstScreenRows = Math.ceil(initialRect.height / rowHeight);

/** The first screen's rows where the server's render and the hydration place them. */
function firstScreen(total: number): { key: number; index: number; start: number }[] {
  return Array.from({ length: Math.min(total, firstScreenRows) }, (_, index) => ({ key: index, index, start: index * rowHeight }));
}

function toInput(filters: QueueFilterState, search: string, sort: Sort): TaskFilters {
  return {
    status: filters.status && filters.status !== 'awaiting' ? [filters.status] : undefined,
    awaitingApproval: filters.status === 'awaiting' ? true : undefined,
    agent: filters.agent ? [filters.agent] : undefined,
    priority: filters.priority ? [filters.priority] : undefined,
    search: search.trim() || undefined,
    sort: sort.field,
    direction: sort.direction,
  };
}

export function QueuesView() {
  const [initial] = useState(loadState);
  const [filters, setFilters] = useState(initial.filters);
  const [sort, setSort] = useState(initial.sort);
  const [creating, setCreating] = useState(false);
  const search = useDebounced(filters.search);
  const input = useMemo(() => toInput(filters, search, sort), [filters, search, sort]);
  const scrollRef = useRef<HTMLDivElement>(null);
  const [range, setRange] = useState({ first: 0, last: 40 });
  const pages = useTaskPages(input, range.first, range.last);
  // A server-rendered first page lays its rows out without inline styles (use-hydrated.ts).
  const hydrated = useHydrated();

  useEffect(() => {
    const state = JSON.stringify({ filters, sort });
    store(storageKey, state === JSON.stringify(defaultState) ? null : state);
  }, [filters, sort]);

  // The virtualizer returns fresh functions each render; React Compiler skips this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    // None while the server renders and the browser hydrates: the virtualizer measures every row
    // (about 6 ms for 100,000, on the server before the page's first byte); the first screen's
    // rows are drawn below without it, as it would place them (from the top, no overscan).
    count: hydrated ? pages.total : 0,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    // Coming back from a task's detail returns to the same place in the list.
    initialOffset: () => Number(session()?.getItem(scrollKey) ?? 0) || 0,
    initialRect,
    // Rows drawn beyond the screen on either side once it is measured.
    overscan: 20,
    onChange: (instance) => {
      const items = instance.getVirtualItems();
      const first = items[0]?.index ?? 0;
      const last = items[items.length - 1]?.index ?? 0;
      setRange((old) => (old.first === first && old.last === last ? old : { first, last }));
      const offset = Math.round(instance.scrollOffset ?? 0);
      store(scrollKey, offset > 0 ? String(offset) : null);
    },
  });

  // A new filter or sort starts at the top (not the first render: that restores the position).
  const inputKey = JSON.stringify(input);
  const lastInputKey = useRef(inputKey);
  useEffect(() => {
    if (lastInputKey.current === inputKey) return;
    lastInputKey.current = inputKey;
    scrollRef.current?.scrollTo({ top: 0 });
  }, [inputKey]);

  const toggleSort = (field: SortField) =>
    setSort((old) => (old.field === field ? { field, direction: old.direction === 'asc' ? 'desc' : 'asc' } : { field, direction: field === 'priority' || field === 'title' ? 'asc' : 'desc' }));

  return (
    <div className="view queues">
      <header className="view-head">
        <h1>Queues</h1>
        <span className="muted" data-testid="queue-total" data-total={pages.isPending ? '' : pages.total} data-query-ms={pages.queryMs ?? ''}>
          {pages.isPending ? '…' : `${formatCount(pages.total)} tasks`}
          {pages.isFetching ? ' · updating…' : ''}
        </span>
        <button type="button" className="primary push-right" onClick={() => setCreating(true)}>
          New task
        </button>
      </header>
      <QueueFilters value={filters} onChange={setFilters} />
      <div className="queue-table" role="table" aria-label="Tasks" aria-rowcount={pages.total}>
        <div className="queue-row queue-header" role="row">
          {columns.map((column) => (
            <button type="button" role="columnheader" key={column.field} className={`cell cell-${column.field}`} onClick={() => toggleSort(column.field)} aria-sort={sort.field === column.field ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}>
              {column.label}
              {sort.field === column.field ? (sort.direction === 'asc' ? ' ▲' : ' ▼') : ''}
            </button>
          ))}
        </div>
        <div className="queue-scroll" ref={scrollRef} data-testid="queue-scroll">
          {pages.isPending ? <Loading label="Loading tasks…" /> : null}
          {pages.error ? <ErrorState error={pages.error} onRetry={pages.refetch} /> : null}
          {!pages.isPending && !pages.error && pages.total === 0 ? (
            <Empty title={input.search ? `No task matches “${input.search}”` : 'No tasks'}>{input.search ? 'Try fewer words or clear the filters.' : 'Create one with “New task”, or let the agents fill the queue.'}</Empty>
          ) : null}
          <div style={hydrated ? { height: virtualizer.getTotalSize(), position: 'relative' } : undefined}>
            {(hydrated ? virtualizer.getVirtualItems() : firstScreen(pages.total)).map((item) => (
              <QueueRow key={item.key} index={item.index} start={item.start} task={pages.rowAt(item.index)} flow={!hydrated} />
            ))}
          </div>
        </div>
      </div>
      {creating ? <CreateTaskDialog onClose={() => setCreating(false)} /> : null}
    </div>
  );
}
