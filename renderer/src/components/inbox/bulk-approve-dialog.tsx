/**
 * Bulk approve shows what will go out before it acts (seen 3): the selected tasks grouped by
 * channel, each with its one-line summary (recipient, bid change, product count); tasks that
 * cannot run are listed apart and left out. Nothing is approved until "Approve N" is pressed.
 */
import { useMemo, type FormEvent } from 'react';
import type { ApprovalItem } from '../../../../shared/contract';
import { trackApprovals } from '../shell/undo-store';
import { useApiMutation } from '../../hooks/use-api';
import { Modal } from '../modal';
import { blockersOf } from './blockers';

export function groupByChannel(items: ApprovalItem[]): [string, ApprovalItem[]][] {
  const groups = new Map<string, ApprovalItem[]>();
  for (const item of items) {
    const key = item.channel ?? 'No channel (nothing is sent)';
    groups.set(key, [...(groups.get(key) ?? []), item]);
  }
  return [...groups.entries()].sort(([a], [b]) => a.localeCompare(b));
}

export function BulkApproveDialog({ items, onClose, onDone }: { items: ApprovalItem[]; onClose: () => void; onDone: (ids: string[]) => void }) {
  const bulk = useApiMutation('approvals:bulk');
  const ready = useMemo(() => items.filter((item) => blockersOf(item).length === 0), [items]);
  const blocked = items.filter((item) => !ready.includes(item));
  const failures = bulk.data?.results.filter((result) => !result.ok) ?? [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (ready.length === 0 || bulk.isPending) return;
    try {
      const result = await bulk.mutateAsync({ ids: ready.map((item) => item.task.id), decision: 'approve', undo: true });
      trackApprovals(result.results.flatMap((entry) => (entry.task ? [entry.task] : [])));
      onDone(result.results.filter((entry) => entry.ok).map((entry) => entry.id));
      if (result.results.every((entry) => entry.ok)) onClose();
    } catch {
      // shown below from the mutation state
    }
  };

  return (
    <Modal title={`Approve ${ready.length} task${ready.length === 1 ? '' : 's'}?`} onClose={onClose} wide>
      <form onSubmit={submit} className="form bulk-summary">
        <p className="muted">This is what will go out. Check it, then approve.</p>
        {groupByChannel(ready).map(([channel, group]) => (
          <section key={channel} className="bulk-group" aria-label={`${channel}: ${group.length}`} data-testid={`bulk-group-${channel}`}>
            <h3>
              {channel} <span className="muted">({group.length})</span>
            </h3>
            <ul>
              {group.map((item) => (
                <li key={item.task.id}>
                  <strong>{item.task.title}</strong> — {item.preview?.summary ?? 'no preview'}
                  {item.preview?.warnings?.length ? <div className="warn-text small">⚠ {item.preview.warnings.join('; ')}</div> : null}
                </li>
              ))}
            </ul>
          </section>
        ))}
        {blocked.length ? (
          <section className="bulk-group bulk-blocked" aria-label="Left out: cannot run">
            <h3 className="error-text">Left out: cannot run as they stand ({blocked.length})</h3>
            <ul>
              {blocked.map((item) => (
                <li key={item.task.id}>
                  <strong>{item.task.title}</strong> — {blockersOf(item).map((blocker) => blocker.message).join('; ')}
                </li>
              ))}
            </ul>
          </section>
        ) : null}
        {bulk.error ? <p className="error-text" role="alert">{bulk.error.message}</p> : null}
        {failures.length ? <p className="error-text" role="alert">{failures.length} not approved: {failures.map((failure) => failure.error ?? 'failed').join('; ')}</p> : null}
        <div className="form-actions">
          <span className="muted small">Ctrl/⌘+Enter to approve</span>
          <button type="button" onClick={onClose} data-autofocus>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={ready.length === 0 || bulk.isPending}>
            {bulk.isPending ? 'Approving…' : `Approve ${ready.length}`}
          </button>
        </div>
      </form>
    </Modal>
  );
}
