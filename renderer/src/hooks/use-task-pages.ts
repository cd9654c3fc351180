/**
 * Paged task list for the virtualized queue: only the pages covering the visible rows are fetched
 * (`tasks:list` with offset/limit; filtering, search and sort run in SQL), each cached by TanStack
 * Query under its own key so scrolling back is instant.
 */
import { keepPreviousData, useQueries, useQuery } from '@tanstack/react-query';
import type { TaskSummary, TasksListInput } from '../../../shared/contract';
import { useClient } from '../client/client-context';
import type { McError } from '../client/types';
import { isPartialSeed } from '../query-client';

/** Rows per request. Default: 200 (about five screens at 1024x640). */
export const pageSize = 200;

export type TaskFilters = Omit<TasksListInput, 'offset' | 'limit'>;

export function useTaskPages(filters: TaskFilters, firstRow: number, lastRow: number) {
  const client = useClient();
  const pageQuery = (page: number) => ({
    queryKey: ['tasks:list', { ...filters, offset: page * pageSize, limit: pageSize }],
    queryFn: () => client.call('tasks:list', { ...filters, offset: page * pageSize, limit: pageSize }),
  });

  const first = useQuery({ ...pageQuery(0), placeholderData: keepPreviousData });
  const total = first.data?.total ?? 0;
  const lastPage = Math.max(0, Math.ceil(total / pageSize) - 1);
  const from = Math.min(Math.floor(Math.max(0, firstRow) / pageSize), lastPage);
  const to = Math.min(Math.floor(Math.max(0, lastRow) / pageSize), lastPage);
  const pages: number[] = [];
  for (let page = Math.max(1, from); page <= to; page++) pages.push(page);

  const rest = useQueries({ queries: pages.map((page) => ({ ...pageQuery(page), enabled: first.isSuccess })) });

  const rowAt = (index: number): TaskSummary | undefined => {
    const page = Math.floor(index / pageSize);
    const data = page === 0 ? first.data : rest[pages.indexOf(page)]?.data;
    return data?.items[index - page * pageSize];
  };

  return {
    total,
    queryMs: first.data?.queryMs ?? null,
    isPending: first.isPending,
    // Completing a server-rendered page's partial first page (query-client.ts) changes no row on screen.
    isFetching: (first.isFetching && !isPartialSeed(first.data)) || rest.some((query) => query.isFetching),
    isPlaceholder: first.isPlaceholderData,
    error: (first.error ?? rest.find((query) => query.error)?.error ?? null) as McError | null,
    refetch: () => void first.refetch(),
    rowAt,
  };
}
