/** One virtualized queue row (fixed height); a grey placeholder while its page loads. */
import type { TaskSummary } from '../../../shared/contract';
import { routeHref } from '../hooks/use-route';
import { isAwaitingApproval, PriorityBadge, StatusBadge } from './badges';
import { DryRunBadge } from './dry-run-badge';
import { relativeTime, shortDateTime } from './format';

/** Row height in px; the virtualizer relies on it being fixed. */
export const rowHeight = 36;

/**
 * `flow`: the rows of a server-rendered page (and of its hydration) sit in normal flow from the
 * top, placed by the stylesheet (`.queue-item-flow`): CSP blocks the inline transform in HTML.
 */
export function QueueRow({ index, start, task, flow = false }: { index: number; start: number; task: TaskSummary | undefined; flow?: boolean }) {
  const style = flow ? undefined : { transform: `translateY(${start}px)`, height: rowHeight };
  const placement = flow ? ' queue-item-flow' : '';
  if (!task) {
    return (
      <div className={`queue-row queue-item placeholder${placement}`} style={style} role="row" aria-rowindex={index + 1}>
        <span className="skeleton" />
      </div>
    );
  }
  return (
    <a className={`queue-row queue-item${placement}`} style={style} role="row" aria-rowindex={index + 1} href={routeHref({ view: 'task', id: task.id })} data-task-id={task.id}>
      <span className="cell cell-priority" role="cell">
        <PriorityBadge priority={task.priority} />
      </span>
      <span className="cell cell-title ellipsis" role="cell" title={task.title}>
        {task.damage ? (
          <span className="chip chip-stopped" title={`Damaged row: ${task.damage.join('; ')}`}>
            damaged
          </span>
        ) : null}
        {task.title}
        {task.executionError ? <span className="error-text small"> · {task.executionError}</span> : null}
      </span>
      <span className="cell cell-assignedAgent ellipsis" role="cell">
        {task.assignedAgent}
      </span>
      <span className="cell cell-status" role="cell">
        {task.dryRunVerdict && task.dryRunVerdict !== 'would_run' ? (
          <DryRunBadge verdict={task.dryRunVerdict} reason={task.dryRunReason} />
        ) : (
          <StatusBadge status={task.status} awaiting={isAwaitingApproval(task)} />
        )}
      </span>
      <span className="cell cell-createdAt muted" role="cell" title={task.createdAt}>
        {shortDateTime(task.createdAt)}
      </span>
      <span className="cell cell-updatedAt muted" role="cell" title={task.updatedAt}>
        {relativeTime(task.updatedAt)}
      </span>
    </a>
  );
}
