/**
 * The inbox's "Done" tab: what people decided today (approved, rejected, cancelled, marked done),
 * newest first, each linking to its task. "Today" starts at Kenny's local midnight.
 */
import { useState } from 'react';
import { useApi } from '../../hooks/use-api';
import { routeHref } from '../../hooks/use-route';
import { PriorityBadge } from '../badges';
import { relativeTime } from '../format';
import { Empty, ErrorState, Loading } from '../states';

const kindWords: Record<string, string> = { approved: 'Approved', rejected: 'Rejected', cancelled: 'Cancelled', done: 'Marked done' };

function startOfToday(): string {
  const date = new Date();
  date.setHours(0, 0, 0, 0);
  return date.toISOString();
}

export function DoneList() {
  const [since] = useState(startOfToday);
  const decided = useApi('approvals:decided', { since, limit: 200 });
  if (decided.isPending) return <Loading label="Loading today’s decisions…" />;
  if (decided.isError) return <ErrorState error={decided.error} onRetry={() => void decided.refetch()} />;
  if (decided.data.items.length === 0) return <Empty title="Nothing decided yet today">Tasks you approve, reject or mark done appear here.</Empty>;
  return (
    <ol className="done-list card" aria-label="Decided today">
      {decided.data.items.map(({ task, decision }) => (
        <li key={task.id} className="done-row">
          <span className={`badge badge-decision-${decision.kind}`}>{kindWords[decision.kind] ?? decision.kind}</span>
          <PriorityBadge priority={task.priority} />
          <a href={routeHref({ view: 'task', id: task.id })} className="ellipsis">
            {task.title}
          </a>
          <span className="muted small nowrap">
            {task.assignedAgent} · {decision.actor} · {relativeTime(decision.createdAt)}
          </span>
          {decision.reason ? <span className="done-reason muted small">“{decision.reason}”</span> : null}
        </li>
      ))}
    </ol>
  );
}
