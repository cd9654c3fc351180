/**
 * The undo toast: every approval made here waits out the undo window before it runs (the engine
 * holds it as the task's not_before). Shows what was approved, the seconds left and Undo; gone
 * when the window ends. `u` undoes the latest.
 */
import { useEffect, useState } from 'react';
import { useApiMutation } from '../../hooks/use-api';
import { announce } from '../announce';
import { shortcutsBlocked } from '../dialog-guard';
import { forgetApproval, usePendingApprovals, type PendingApproval } from './undo-store';
import { isTyping } from './keys';

function Row({ item, now, onUndo, busy }: { item: PendingApproval; now: number; onUndo: () => void; busy: boolean }) {
  const left = Math.max(0, Math.ceil((Date.parse(item.until) - now) / 1000));
  return (
    <li className="toast-row" data-testid="undo-toast">
      <span className="ellipsis toast-title" title={item.title}>
        Approved “{item.title}”
      </span>
      <span>
        Sends in <strong>{left} s</strong>
      </span>
      <button type="button" className="small-button" disabled={busy} onClick={onUndo}>
        Undo
      </button>
    </li>
  );
}

export function UndoToasts() {
  const pending = usePendingApprovals();
  const undo = useApiMutation('approvals:undo');
  const [now, setNow] = useState(() => Date.now());
  const live = pending.filter((item) => Date.parse(item.until) > now);

  useEffect(() => {
    if (!pending.length) return;
    const timer = window.setInterval(() => {
      const at = Date.now();
      setNow(at);
      for (const item of pending) if (Date.parse(item.until) <= at) forgetApproval(item.id);
    }, 250);
    return () => window.clearInterval(timer);
  }, [pending]);

  const undoOne = (item: PendingApproval) =>
    undo.mutate(
      { id: item.id },
      {
        onSuccess: () => announce(`Approval of “${item.title}” undone; it waits for you again.`),
        onError: (error) => announce(`Could not undo: ${error.message}`),
        onSettled: () => forgetApproval(item.id),
      },
    );

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.key !== 'u' || event.metaKey || event.ctrlKey || event.altKey || shortcutsBlocked() || isTyping(event.target)) return;
      const latest = live[live.length - 1];
      if (!latest) return;
      event.preventDefault();
      undoOne(latest);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  });

  if (!live.length && !undo.error) return null;
  return (
    <section className="toasts" aria-label="Approvals you can undo">
      <ul>
        {live.map((item) => (
          <Row key={item.id} item={item} now={now} busy={undo.isPending} onUndo={() => undoOne(item)} />
        ))}
      </ul>
      {undo.error ? <p className="error-text small" role="alert">{undo.error.message}</p> : null}
    </section>
  );
}
