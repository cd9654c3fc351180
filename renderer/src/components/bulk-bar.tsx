/** Select-all and bulk approve/reject for the inbox; both open a dialog before anything is decided. */
import type { ApprovalItem } from '../../../shared/contract';

interface Props {
  items: ApprovalItem[];
  selected: Set<string>;
  onSelectAll: (all: boolean) => void;
  /** Opens the summary of what will go out (BulkApproveDialog). */
  onApprove: () => void;
  onReject: () => void;
}

export function BulkBar({ items, selected, onSelectAll, onApprove, onReject }: Props) {
  const all = items.length > 0 && selected.size === items.length;
  return (
    <div className="bulk-bar">
      <label className="inline">
        <input type="checkbox" checked={all} disabled={items.length === 0} onChange={(event) => onSelectAll(event.target.checked)} />
        Select all
      </label>
      <span className="muted">{selected.size} selected</span>
      <button type="button" className="primary" disabled={selected.size === 0} onClick={onApprove}>
        Approve selected…
      </button>
      <button type="button" className="danger" disabled={selected.size === 0} onClick={onReject}>
        Reject selected…
      </button>
    </div>
  );
}
