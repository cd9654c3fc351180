/** Select-all and bulk approve/reject for the inbox; per-task failures are listed, not hidden. */
import type { ApprovalItem } from '../../../shared/contract';
import { useApiMutation } from '../hooks/use-api';

interface Props {
  items: ApprovalItem[];
  selected: Set<string>;
  onSelectAll: (all: boolean) => void;
  onReject: () => void;
  onDone: () => void;
}

export function BulkBar({ items, selected, onSelectAll, onReject, onDone }: Props) {
  const bulk = useApiMutation('approvals:bulk');
  const failures = bulk.data?.results.filter((result) => !result.ok) ?? [];
  const all = items.length > 0 && selected.size === items.length;
  return (
    <div className="bulk-bar">
      <label className="inline">
        <input type="checkbox" checked={all} disabled={items.length === 0} onChange={(event) => onSelectAll(event.target.checked)} />
        Select all
      </label>
      <span className="muted">{selected.size} selected</span>
      <button
        type="button"
        className="primary"
        disabled={selected.size === 0 || bulk.isPending}
        onClick={() => bulk.mutate({ ids: [...selected], decision: 'approve' }, { onSuccess: onDone })}
      >
        Approve selected
      </button>
      <button type="button" className="danger" disabled={selected.size === 0} onClick={onReject}>
        Reject selected…
      </button>
      {bulk.error ? <span className="error-text">{bulk.error.message}</span> : null}
      {failures.length ? (
        <span className="error-text">
          {failures.length} not approved: {failures.map((failure) => `${failure.id.slice(0, 8)} (${failure.error ?? 'failed'})`).join(', ')}
        </span>
      ) : null}
    </div>
  );
}
