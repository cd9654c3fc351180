/**
 * The left column of the inbox: waiting tasks, filterable by agent with counts, one compact row
 * each. Rows are identified by task id (`data-row-id`): the selection follows the task, never a
 * position (seen 2).
 */
import type { ApprovalItem } from '../../../../shared/contract';
import { PriorityBadge } from '../badges';
import { relativeTime } from '../format';
import { blockersOf } from './blockers';

interface Props {
  items: ApprovalItem[];
  selectedId: string | null;
  picked: Set<string>;
  onSelect: (id: string) => void;
  onToggle: (id: string) => void;
}

/** Agents with their waiting counts, most first (the filter chips). */
export function agentCounts(items: ApprovalItem[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(item.task.assignedAgent, (counts.get(item.task.assignedAgent) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

export function InboxList({ items, selectedId, picked, onSelect, onToggle }: Props) {
  return (
    <ol className="inbox-list" aria-label="Waiting tasks">
      {items.map((item) => {
        const { task } = item;
        const selected = task.id === selectedId;
        const blocked = blockersOf(item).length > 0;
        return (
          <li
            key={task.id}
            className={`inbox-row ${selected ? 'selected' : ''} ${picked.has(task.id) ? 'picked' : ''}`}
            data-row-id={task.id}
            aria-current={selected ? 'true' : undefined}
            onClick={() => onSelect(task.id)}
          >
            <input type="checkbox" checked={picked.has(task.id)} onChange={() => onToggle(task.id)} onClick={(event) => event.stopPropagation()} aria-label={`Select ${task.title}`} />
            <PriorityBadge priority={task.priority} />
            <button type="button" className="row-title link-like" onClick={() => onSelect(task.id)} aria-pressed={selected}>
              {task.title}
            </button>
            <span className="row-meta muted small">
              {item.channel ?? task.assignedAgent} · {relativeTime(task.createdAt)}
            </span>
            {blocked ? (
              <span className="badge badge-failed row-flag" title="Cannot run as it stands">
                Cannot run
              </span>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
