/** Log lines (agent_logs) in a compact table; newest first as the engine returns them. */
import type { LogEntry } from '../../../shared/domain';
import { routeHref } from '../hooks/use-route';
import { shortDateTime } from './format';
import { Empty } from './states';

export function LogTable({ items, empty }: { items: LogEntry[]; empty: string }) {
  if (items.length === 0) return <Empty title={empty} />;
  return (
    <table className="table log-table">
      <thead>
        <tr>
          <th>Time</th>
          <th>Level</th>
          <th>Agent</th>
          <th>Event</th>
          <th>Message</th>
        </tr>
      </thead>
      <tbody>
        {items.map((entry) => (
          <tr key={entry.id} className={`log-${entry.logLevel}`}>
            <td className="nowrap muted">{shortDateTime(entry.createdAt)}</td>
            <td>
              <span className={`badge badge-level-${entry.logLevel}`}>{entry.logLevel}</span>
            </td>
            {/* The executor writes on behalf of the task's agent: show whose task it was. */}
            <td className="nowrap">
              {entry.taskAgent && entry.taskAgent !== entry.agentName ? (
                <>
                  {entry.taskAgent}
                  <span className="muted small"> via {entry.agentName}</span>
                </>
              ) : (
                entry.agentName
              )}
            </td>
            <td className="mono small">{entry.eventType ?? ''}</td>
            <td>
              {entry.message}
              {entry.taskId ? (
                <>
                  {' '}
                  <a href={routeHref({ view: 'task', id: entry.taskId })} className="small">
                    task
                  </a>
                </>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
