/**
 * "Decide later": the waiting task leaves the inbox until the chosen time, then comes back by
 * itself (approvals:snooze). Quick choices or a time of Kenny's own.
 */
import { useState, type FormEvent } from 'react';
import { useApiMutation } from '../../hooks/use-api';
import { announce } from '../announce';
import { Modal } from '../modal';
import { parseLocalTime, snoozeChoices } from './snooze-choices';

const whenText = (date: Date) => date.toLocaleString(undefined, { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' });

export function SnoozeDialog({ task, onClose }: { task: { id: string; title: string }; onClose: () => void }) {
  const [now] = useState(() => new Date());
  const [custom, setCustom] = useState('');
  const snooze = useApiMutation('approvals:snooze');
  const choose = (until: Date) =>
    snooze.mutate(
      { id: task.id, until: until.toISOString() },
      {
        onSuccess: () => {
          announce(`“${task.title}” put off until ${whenText(until)}.`);
          onClose();
        },
      },
    );
  const customTime = parseLocalTime(custom, now);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (customTime) choose(customTime);
  };
  return (
    <Modal title="Decide later" onClose={onClose}>
      <form className="form" onSubmit={submit}>
        <p className="small">
          <strong>{task.title}</strong> leaves the inbox until then and comes back by itself. It does not run meanwhile.
        </p>
        <div className="snooze-choices" role="group" aria-label="Quick choices">
          {snoozeChoices(now).map((choice, index) => (
            <button key={choice.label} type="button" disabled={snooze.isPending} onClick={() => choose(choice.until)} data-autofocus={index === 0 ? true : undefined}>
              {choice.label} <span className="muted small">({whenText(choice.until)})</span>
            </button>
          ))}
        </div>
        <label>
          Or until
          <input type="datetime-local" value={custom} onChange={(event) => setCustom(event.target.value)} aria-describedby="snooze-hint" />
        </label>
        {custom && !customTime ? <p className="error-text small">Pick a time in the future.</p> : null}
        {snooze.error ? <p className="error-text" role="alert">{snooze.error.message}</p> : null}
        <div className="form-actions">
          <span className="muted small" id="snooze-hint">Ctrl/⌘+Enter to put off until this time</span>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!customTime || snooze.isPending}>
            Decide later
          </button>
        </div>
      </form>
    </Modal>
  );
}
