/** Reject one or many tasks; a reason is required (it is stored and shown in the decision trail). */
import { useState, type FormEvent } from 'react';
import { useApiMutation } from '../hooks/use-api';
import { Modal } from './modal';

export function RejectDialog({ ids, onClose, onDone }: { ids: string[]; onClose: () => void; onDone: () => void }) {
  const [reason, setReason] = useState('');
  const single = useApiMutation('approvals:reject');
  const bulk = useApiMutation('approvals:bulk');
  const pending = single.isPending || bulk.isPending;
  const error = single.error ?? bulk.error;
  const failures = bulk.data?.results.filter((result) => !result.ok) ?? [];

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    const text = reason.trim();
    if (!text) return;
    try {
      if (ids.length === 1 && ids[0]) {
        await single.mutateAsync({ id: ids[0], reason: text });
      } else {
        const result = await bulk.mutateAsync({ ids, decision: 'reject', reason: text });
        if (result.results.some((entry) => !entry.ok)) return;
      }
      onDone();
      onClose();
    } catch {
      // The error is shown below from the mutation state.
    }
  };

  return (
    <Modal title={ids.length === 1 ? 'Reject task' : `Reject ${ids.length} tasks`} onClose={onClose}>
      <form onSubmit={submit} className="form">
        <label>
          Reason (required; kept in the task’s history)
          <textarea value={reason} onChange={(event) => setReason(event.target.value)} rows={3} maxLength={1000} data-autofocus aria-describedby="reject-hint" />
        </label>
        {error ? <p className="error-text" role="alert">{error.message}</p> : null}
        {failures.length ? <p className="error-text" role="alert">{failures.map((failure) => `${failure.id}: ${failure.error ?? 'failed'}`).join('; ')}</p> : null}
        <div className="form-actions">
          <span className="muted small" id="reject-hint">Ctrl/⌘+Enter to reject</span>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="danger" disabled={!reason.trim() || pending}>
            {pending ? 'Rejecting…' : 'Reject'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
