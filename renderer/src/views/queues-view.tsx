/**
 * Queues: every task, filtered, searched and sorted in SQL, rendered with a virtualizer so
 * 100,000 rows scroll smoothly; only the pages in view are fetched.
 */
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState } from 'react';
import { taskSortFields } from '../../../shared/contract';
import { useDebounced } from '../hooks/use-debounced';
import { useTaskPages, type TaskFilters } from '../hooks/use-task-pages';
import { CreateTaskDialog } from '../components/create-task-dialog';
import { emptyFilters, QueueFilters, type QueueFilterState } from '../components/queue-filters';
import { QueueRow, rowHeight } from '../components/queue-row';
import { Empty, ErrorState, Loading } from '../components/states';

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

const storageKey = 'mc-queue-view';
const scrollKey = 'mc-queue-scroll';

function loadState(): { filters: QueueFilterState; sort: Sort } {
  try {
    const stored = JSON.parse(sessionStorage.getItem(storageKey) ?? 'null') as { filters: QueueFilterState; sort: Sort } | null;
    if (stored?.filters && stored.sort) return stored;
  } catch {
    // Fall through to defaults.
  }
  return { filters: emptyFilters, sort: { field: 'priority', direction: 'asc' } };
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

  useEffect(() => sessionStorage.setItem(storageKey, JSON.stringify({ filters, sort })), [filters, sort]);

  // The virtualizer returns fresh functions each render; React Compiler skips this component.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: pages.total,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    // Coming back from a task's detail returns to the same place in the list.
    initialOffset: () => Number(sessionStorage.getItem(scrollKey) ?? 0) || 0,
    overscan: 20,
    onChange: (instance) => {
      const items = instance.getVirtualItems();
      const first = items[0]?.index ?? 0;
      const last = items[items.length - 1]?.index ?? 0;
      setRange((old) => (old.first === first && old.last === last ? old : { first, last }));
      sessionStorage.setItem(scrollKey, String(instance.scrollOffset ?? 0));
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
          {pages.isPending ? '…' : `${pages.total.toLocaleString()} tasks`}
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
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((item) => (
              <QueueRow key={item.key} index={item.index} start={item.start} task={pages.rowAt(item.index)} />
            ))}
          </div>
        </div>
      </div>
      {creating ? <CreateTaskDialog onClose={() => setCreating(false)} /> : null}
    </div>
  );
}
