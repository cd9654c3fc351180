/**
 * The selected waiting task (right column of the inbox): what it is, why it asks, what it will
 * send, what stops it from running (with "Fix…" opening the editor at the field), and the
 * decisions. Approve is disabled while anything blocks it (seen 5). A manual task (no channel runs
 * it) offers "Mark done" instead of Approve (seen 8); any task can be put off ("Decide later").
 */
import type { ApprovalItem } from '../../../shared/contract';
import { routeHref } from '../hooks/use-route';
import { PriorityBadge } from './badges';
import { EditSummary } from './edit-summary';
import { relativeTime } from './format';
import type { Blocker } from './inbox/blockers';
import { PreviewView } from './preview-view';
import { PreviewTaskContext } from './preview-task';
import { DuplicateBanner } from './duplicate-banner';

interface Props {
  item: ApprovalItem;
  blockers: Blocker[];
  ruleName: string | null;
  busy: boolean;
  onApprove: () => void;
  onReject: () => void;
  onEdit: (field?: string | null) => void;
  onSnooze: () => void;
  onMarkDone: () => void;
}

export function ApprovalCard({ item, blockers, ruleName, busy, onApprove, onReject, onEdit, onSnooze, onMarkDone }: Props) {
  const { task } = item;
  const blocked = blockers.length > 0;
  // Held by the duplicate guard: approving records "not a duplicate".
  const possibleDuplicate = !!item.duplicate?.of && !item.duplicate.clearedBy;
  return (
    <article className="card approval-card" data-task-id={task.id} aria-label={`Selected task: ${task.title}`}>
      <div className="approval-head">
        <PriorityBadge priority={task.priority} />
        <a className="approval-title" href={routeHref({ view: 'task', id: task.id })}>
          {task.title}
        </a>
        <span className="muted small nowrap">
          {task.assignedAgent} · created {relativeTime(task.createdAt)}
        </span>
      </div>
      <div className="approval-why muted small" data-testid="approval-why">
        Why it asks: {task.policyReason ?? (ruleName ? `rule “${ruleName}”` : 'the task asks for approval')}
        {ruleName && !(task.policyReason ?? '').includes(ruleName) ? ` (rule “${ruleName}”)` : ''}
      </div>
      <DuplicateBanner info={item.duplicate} />
      {item.edited ? <EditSummary by={item.edited.by} changes={item.edited.changes} testId="approval-edited" /> : null}
      {item.channelProblem ? (
        <p className="approval-channel banner banner-warn small" data-testid="approval-channel">
          {item.channelProblem} <a href={routeHref({ view: 'settings' })}>Settings → Channels</a>
        </p>
      ) : null}
      {task.description ? <p className="approval-desc">{task.description}</p> : null}
      {blocked ? (
        <div className="blockers" role="group" aria-label="What stops this task" data-testid="blockers">
          <strong>Cannot run as it stands:</strong>
          <ul>
            {blockers.map((blocker, index) => (
              <li key={index}>
                {blocker.field ? <code>{blocker.field}</code> : null} {blocker.message}{' '}
                <button type="button" className="small-button" onClick={() => onEdit(blocker.field)}>
                  Fix…
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {/* The blockers above list the problems, with Fix…; the preview shows the warnings. */}
      <PreviewTaskContext.Provider value={task.id}>
        <PreviewView preview={item.preview} error={item.previewError} taskId={task.id} showProblems={false} />
      </PreviewTaskContext.Provider>
      {item.manual ? (
        <p className="banner banner-info small" data-testid="manual-note">
          A manual task: no channel runs {task.assignedAgent}’s tasks. Do it yourself, then mark it done with a note.
        </p>
      ) : null}
      <div className="approval-actions">
        {item.manual ? (
          <button type="button" className="primary" onClick={onMarkDone} title="Mark done (d)">
            Mark done…
          </button>
        ) : (
          <button type="button" className="primary" disabled={busy || blocked} onClick={onApprove} title={blocked ? 'Fix what stops it first' : 'Approve (a)'}>
            {busy ? 'Approving…' : possibleDuplicate ? 'Approve anyway (not a duplicate)' : 'Approve'}
          </button>
        )}
        <button type="button" className="danger" onClick={onReject} title="Reject (r)">
          Reject…
        </button>
        {item.manual ? null : (
          <button type="button" onClick={() => onEdit(blockers[0]?.field ?? null)} title="Edit then approve (e)">
            Edit then approve…
          </button>
        )}
        <button type="button" onClick={onSnooze} title="Decide later (s)">
          Decide later…
        </button>
      </div>
    </article>
  );
}
