/** One waiting task in the inbox: what it is, why it asks, what it will send, and the decisions. */
import type { ApprovalItem } from '../../../shared/contract';
import { routeHref } from '../hooks/use-route';
import { PriorityBadge } from './badges';
import { relativeTime } from './format';
import { PreviewView } from './preview-view';

interface Props {
  item: ApprovalItem;
  index: number;
  focused: boolean;
  selected: boolean;
  ruleName: string | null;
  busy: boolean;
  onFocus: () => void;
  onToggle: () => void;
  onApprove: () => void;
  onReject: () => void;
  onEdit: () => void;
}

export function ApprovalCard({ item, index, focused, selected, ruleName, busy, onFocus, onToggle, onApprove, onReject, onEdit }: Props) {
  const { task } = item;
  return (
    <li
      className={`card approval-card ${focused ? 'focused' : ''} ${selected ? 'selected' : ''}`}
      data-approval-index={index}
      data-task-id={task.id}
      onClick={onFocus}
      aria-current={focused ? 'true' : undefined}
    >
      <div className="approval-head">
        <input type="checkbox" checked={selected} onChange={onToggle} aria-label={`Select ${task.title}`} onClick={(event) => event.stopPropagation()} />
        <PriorityBadge priority={task.priority} />
        <a className="approval-title" href={routeHref({ view: 'task', id: task.id })}>
          {task.title}
        </a>
        <span className="muted small nowrap">
          {task.assignedAgent} · {relativeTime(task.createdAt)}
        </span>
      </div>
      <div className="approval-why muted small" data-testid="approval-why">
        Why it asks: {task.policyReason ?? (ruleName ? `rule “${ruleName}”` : 'the task is flagged “requires approval”')}
        {ruleName && !(task.policyReason ?? '').includes(ruleName) ? ` (rule “${ruleName}”)` : ''}
      </div>
      {item.channelProblem ? (
        <p className="approval-channel banner banner-warn small" data-testid="approval-channel">
          {item.channelProblem} <a href={routeHref({ view: 'settings' })}>Settings → Channels</a>
        </p>
      ) : null}
      {task.description ? <p className="approval-desc">{task.description}</p> : null}
      <PreviewView preview={item.preview} error={item.previewError} taskId={task.id} />
      <div className="approval-actions">
        <button type="button" className="primary" disabled={busy} onClick={onApprove}>
          {busy ? 'Approving…' : 'Approve'}
        </button>
        <button type="button" className="danger" onClick={onReject}>
          Reject…
        </button>
        <button type="button" onClick={onEdit}>
          Edit then approve…
        </button>
      </div>
    </li>
  );
}
