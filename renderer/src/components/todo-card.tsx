/**
 * Today's to-do list: manual tasks (no channel runs them: Jarvis, escalations) waiting for Kenny
 * to do them, each with "Mark done…" (a note, recorded as a 'done' decision).
 */
import { useState } from 'react';
import { useApi } from '../hooks/use-api';
import { routeHref } from '../hooks/use-route';
import { PriorityBadge } from './badges';
import { relativeTime } from './format';
import { MarkDoneDialog } from './mark-done-dialog';
import { Empty, ErrorState, Loading } from './states';

export function TodoCard() {
  const todo = useApi('tasks:list', { manual: true, status: ['new'], sort: 'priority', direction: 'asc', limit: 8 });
  const [doing, setDoing] = useState<{ id: string; title: string } | null>(null);
  return (
    <section className="card mini-list todo-card" aria-label="Your to-do list">
      <header className="card-head">
        <h2>Your to-do list</h2>
        {todo.data ? <span className="muted small">{todo.data.total}</span> : null}
      </header>
      <p className="muted small">Tasks no channel runs (Jarvis, escalations): do them, then mark them done.</p>
      {todo.isPending ? <Loading /> : null}
      {todo.isError ? <ErrorState error={todo.error} /> : null}
      {todo.data && todo.data.items.length === 0 ? <Empty title="Nothing to do by hand." /> : null}
      {todo.data && todo.data.items.length > 0 ? (
        <ul>
          {todo.data.items.map((task) => (
            <li key={task.id} className="todo-row">
              <a href={routeHref({ view: 'task', id: task.id })} className="mini-row">
                <PriorityBadge priority={task.priority} />
                <span className="ellipsis">{task.title}</span>
                <span className="muted small nowrap">created {relativeTime(task.createdAt)}</span>
              </a>
              <button type="button" className="small-button nowrap" onClick={() => setDoing(task)}>
                Mark done<span className="sr-only"> “{task.title}”</span>
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {doing ? <MarkDoneDialog task={doing} onClose={() => setDoing(null)} /> : null}
    </section>
  );
}
