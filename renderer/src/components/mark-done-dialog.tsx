/**
 * "Mark done" for a manual task (no channel runs it: Jarvis, escalations): a note on what was
 * done is required and kept as the task's 'done' decision; the task is completed, not rejected.
 */
import { useState, type FormEvent } from 'react';
import { useApiMutation } from '../hooks/use-api';
import { announce } from './announce';
import { Modal } from './modal';

export function MarkDoneDialog({ task, onClose, onDone }: { task: { id: string; title: string }; onClose: () => void; onDone?: () => void }) {
  const [note, setNote] = useState('');
  const markDone = useApiMutation('tasks:markDone');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!note.trim()) return;
    markDone.mutate(
      { id: task.id, note: note.trim() },
      {
        onSuccess: () => {
          announce(`Marked “${task.title}” done.`);
          onDone?.();
          onClose();
        },
      },
    );
  };
  return (
    <Modal title="Mark done" onClose={onClose}>
      <form onSubmit={submit} className="form">
        <p className="small">
          <strong>{task.title}</strong> is done by a person, not by a channel. Say what was done; it is kept in the task’s history.
        </p>
        <label>
          What was done (required)
          <textarea value={note} onChange={(event) => setNote(event.target.value)} rows={3} maxLength={2000} data-autofocus aria-describedby="done-hint" />
        </label>
        {markDone.error ? <p className="error-text" role="alert">{markDone.error.message}</p> : null}
        <div className="form-actions">
          <span className="muted small" id="done-hint">Ctrl/⌘+Enter to mark done</span>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!note.trim() || markDone.isPending}>
            {markDone.isPending ? 'Saving…' : 'Mark done'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
