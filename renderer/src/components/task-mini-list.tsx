/**
 * A short titled list of tasks linking to their detail (used on Today). `time`: which time each row
 * shows; waiting tasks show when they were created, as the inbox does. Default: updated.
 */
import type { UseQueryResult } from '@tanstack/react-query';
import type { MethodOutput } from '../../../shared/contract';
import type { McError } from '../client/types';
import { routeHref } from '../hooks/use-route';
import { PriorityBadge } from './badges';
import { relativeTime } from './format';
import { Empty, ErrorState, Loading } from './states';

export function TaskMiniList({ title, query, empty, time = 'updated' }: { title: string; query: UseQueryResult<MethodOutput<'tasks:list'>, McError>; empty: string; time?: 'created' | 'updated' }) {
  return (
    <section className="card mini-list" aria-label={title}>
      <header className="card-head">
        <h2>{title}</h2>
        {query.data ? <span className="muted small">{query.data.total}</span> : null}
      </header>
      {query.isPending ? <Loading /> : null}
      {query.isError ? <ErrorState error={query.error} /> : null}
      {query.data && query.data.items.length === 0 ? <Empty title={empty} /> : null}
      {query.data && query.data.items.length > 0 ? (
        <ul>
          {query.data.items.map((task) => (
            <li key={task.id}>
              <a href={routeHref({ view: 'task', id: task.id })} className="mini-row">
                <PriorityBadge priority={task.priority} />
                <span className="ellipsis">{task.title}</span>
                <span className="muted small nowrap">{time === 'created' ? `created ${relativeTime(task.createdAt)}` : relativeTime(task.updatedAt)}</span>
              </a>
              {task.executionError ? <div className="error-text small ellipsis">{task.executionError}</div> : null}
            </li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
