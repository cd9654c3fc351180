/**
 * Today's "Dry run: would not have gone out" card (seen 4): how many rehearsed tasks would fail,
 * would be held by a daily limit, or wait for a channel to be connected, each in its own colour,
 * and the latest of them with the reason. Shown only when there is any; these tasks are kept out
 * of "What ran".
 */
import { dryRunVerdictLabel } from '../../../shared/dry-run';
import { useApi } from '../hooks/use-api';
import { routeHref } from '../hooks/use-route';
import { DryRunBadge } from './dry-run-badge';
import { relativeTime } from './format';

export function DryRunCard() {
  const problems = useApi('tasks:list', { dryRun: 'any_problem', sort: 'updatedAt', direction: 'desc', limit: 6 });
  const fail = useApi('tasks:list', { dryRun: 'would_fail', limit: 1 });
  const held = useApi('tasks:list', { dryRun: 'would_be_held', limit: 1 });
  const offline = useApi('tasks:list', { dryRun: 'not_connected', limit: 1 });
  if (!problems.data || problems.data.total === 0) return null;
  const counts = [
    ['would_fail', fail.data?.total ?? 0],
    ['would_be_held', held.data?.total ?? 0],
    ['not_connected', offline.data?.total ?? 0],
  ] as const;
  return (
    <section className="card dry-run-card" aria-label="Dry run: would not have gone out">
      <header className="card-head">
        <h2>Dry run: would not have gone out</h2>
        <span className="muted small">nothing was sent; these are not in “What ran”</span>
      </header>
      <div className="chip-row" data-testid="dry-run-counts">
        {counts.map(([verdict, count]) => (
          <span key={verdict} className={`badge badge-dry badge-dry-${verdict}`} data-testid={`dry-count-${verdict}`}>
            {count} {dryRunVerdictLabel[verdict].replace('Dry run: ', '')}
          </span>
        ))}
      </div>
      <ul className="dry-run-list">
        {problems.data.items.map((task) => (
          <li key={task.id}>
            <a href={routeHref({ view: 'task', id: task.id })} className="mini-row">
              {task.dryRunVerdict ? <DryRunBadge verdict={task.dryRunVerdict} /> : null}
              <span className="ellipsis">{task.title}</span>
              <span className="muted small nowrap">{relativeTime(task.updatedAt)}</span>
            </a>
            {task.dryRunReason ? <div className="small dry-reason ellipsis" title={task.dryRunReason}>{task.dryRunReason}</div> : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
