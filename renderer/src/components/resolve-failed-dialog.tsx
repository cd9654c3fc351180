/**
 * "Retry all" / "Drop all" failed tasks of one kind, from the digest: lists every task with why it
 * failed before anything happens; nothing changes until the confirm button. Each task is decided on
 * its own (tasks:resolveFailed): one that changed meanwhile is reported, not forced.
 */
import { useState, type FormEvent } from 'react';
import type { DigestTask } from '../../../shared/digest';
import { useApiMutation } from '../hooks/use-api';
import { Modal } from './modal';

export function ResolveFailedDialog({ kind, action, items, onClose }: { kind: string; action: 'retry' | 'drop'; items: DigestTask[]; onClose: () => void }) {
  const [reason, setReason] = useState('');
  const resolve = useApiMutation('tasks:resolveFailed', ['tasks:list', 'tasks:get', 'status:get', 'stats:get', 'digest:get', 'calendar:list']);
  const results = resolve.data?.results ?? null;
  const failures = results?.filter((result) => !result.ok) ?? [];
  const verb = action === 'retry' ? 'Retry' : 'Drop';

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (results) return onClose();
    resolve.mutate({ ids: items.map((item) => item.taskId), action, reason: reason.trim() || undefined });
  };

  return (
    <Modal title={`${verb} ${items.length} failed: ${kind}`} onClose={onClose} wide>
      <form className="form" onSubmit={submit}>
        <p>
          {action === 'retry'
            ? 'These go back to the queue with their attempts reset and run again under the same rules and limits:'
            : 'These are closed as rejected and will not run again; each keeps its history:'}
        </p>
        <ul className="digest-list" aria-label={`Tasks to ${action}`}>
          {items.map((item) => (
            <li key={item.taskId}>
              <strong>{item.title}</strong> <span className="muted">— {item.note ?? 'no reason recorded'}</span>
            </li>
          ))}
        </ul>
        {action === 'drop' && !results ? (
          <label>
            Reason (optional; kept in each task’s history)
            <input type="text" value={reason} maxLength={1000} onChange={(event) => setReason(event.target.value)} />
          </label>
        ) : null}
        {resolve.error ? <p className="error-text" role="alert">{resolve.error.message}</p> : null}
        {results ? (
          <p role="status" className={failures.length ? 'error-text' : 'ok-text'}>
            {results.length - failures.length} of {results.length} {action === 'retry' ? 're-queued' : 'dropped'}.
            {failures.map((failure) => ` ${failure.error ?? failure.id}`).join('')}
          </p>
        ) : null}
        <div className="form-actions">
          {results ? null : (
            <button type="button" onClick={onClose}>
              Cancel
            </button>
          )}
          <button type="submit" className={action === 'drop' && !results ? 'danger' : 'primary'} disabled={resolve.isPending} data-autofocus={results ? true : undefined}>
            {results ? 'Close' : resolve.isPending ? (action === 'retry' ? 'Retrying…' : 'Dropping…') : `${verb} ${items.length} task${items.length === 1 ? '' : 's'}`}
          </button>
        </div>
      </form>
    </Modal>
  );
}
