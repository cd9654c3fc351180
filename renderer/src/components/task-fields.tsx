/** A task's fields and metadata as a definition list plus pretty-printed JSON. */
import type { Task } from '../../../shared/domain';
import { shortDateTime } from './format';

export function TaskFields({ task, channel }: { task: Task; channel: string | null }) {
  const rows: [string, string | null][] = [
    ['ID', task.id],
    ['Agent', task.assignedAgent],
    ['Channel', channel],
    ['Created', shortDateTime(task.createdAt)],
    ['Updated', shortDateTime(task.updatedAt)],
    ['Attempts', String(task.executionAttempts)],
    ['Last attempt', task.lastExecutionAttempt ? shortDateTime(task.lastExecutionAttempt) : null],
    ['Requires approval', task.requiresApproval ? 'yes' : 'no'],
    ['Approved', task.approvedAt ? `${task.approvedBy ?? '?'} · ${shortDateTime(task.approvedAt)}` : null],
    ['Rejected', task.rejectedAt ? `${task.rejectedBy ?? '?'} · ${shortDateTime(task.rejectedAt)}: ${task.rejectionReason ?? ''}` : null],
    ['Policy', task.policyDecision ? `${task.policyDecision.replace('_', ' ')}${task.policyReason ? ` — ${task.policyReason}` : ''}` : null],
    ['Completed', task.completedAt ? shortDateTime(task.completedAt) : null],
    ['Deliverable', task.deliverableUrl],
    ['Error', task.executionError],
    ['Origin', task.origin],
  ];
  return (
    <section className="card" aria-label="Fields">
      <h2>Fields</h2>
      <dl className="kv">
        {rows
          .filter(([, value]) => value !== null && value !== '')
          .map(([label, value]) => (
            <div key={label} className="kv-row">
              <dt>{label}</dt>
              <dd className={label === 'ID' ? 'mono' : label === 'Error' ? 'error-text' : ''}>
                {label === 'Deliverable' && value ? (
                  <a href={value} target="_blank" rel="noreferrer noopener">
                    {value}
                  </a>
                ) : (
                  value
                )}
              </dd>
            </div>
          ))}
      </dl>
      {task.description ? <p className="description">{task.description}</p> : null}
      <h3>Metadata</h3>
      {/* Focusable: long metadata (a newsletter's HTML) scrolls, and keyboard users must reach it. */}
      <pre className="json" data-testid="task-metadata" tabIndex={0} aria-label="Task metadata">{JSON.stringify(task.metadata, null, 2)}</pre>
    </section>
  );
}
