/**
 * "Roll back" on a completed task whose channel can undo it (OpenCart: restore the snapshot;
 * posts: delete them within the undo window). Asks for confirmation, then shows what was restored
 * and what was left alone because someone changed it since.
 */
import { useState } from 'react';
import type { RollbackOffer, RollbackOutcome } from '../../../shared/contract';
import { useApiMutation } from '../hooks/use-api';
import { Modal } from './modal';

export function RollbackResultView({ result }: { result: RollbackOutcome }) {
  return (
    <div className="rollback-result" data-testid="rollback-result">
      <p>
        {result.message} <span className="muted">— {result.by}, {new Date(result.at).toLocaleString()}</span>
      </p>
      {result.restored.length ? (
        <>
          <strong>Restored</strong>
          <ul>{result.restored.map((what) => <li key={what}>{what}</li>)}</ul>
        </>
      ) : null}
      {result.leftAlone.length ? (
        <>
          <strong>Left alone</strong>
          <ul>{result.leftAlone.map((left) => <li key={left.what}>{left.what}: <span className="muted">{left.why}</span></li>)}</ul>
        </>
      ) : null}
    </div>
  );
}

export function RollbackPanel({ id, offer }: { id: string; offer: RollbackOffer | undefined }) {
  const rollback = useApiMutation('tasks:rollback', ['tasks:get', 'tasks:list', 'logs:list']);
  const [confirming, setConfirming] = useState(false);
  if (!offer) return null;
  if (offer.done) {
    return (
      <section className="card" aria-label="Rollback">
        <h2>Rolled back</h2>
        <RollbackResultView result={offer.done} />
      </section>
    );
  }
  if (!offer.available) return null;
  return (
    <>
      <button type="button" className="danger ghost" onClick={() => setConfirming(true)}>
        Roll back…
      </button>
      {confirming ? (
        <Modal title="Roll back this task?" onClose={() => setConfirming(false)}>
          <p>{offer.reason}.</p>
          <p className="muted">Values someone changed since are listed and left alone.{offer.until ? ` Possible until ${new Date(offer.until).toLocaleString()}.` : ''}</p>
          {rollback.error ? <p className="error-text" role="alert">{rollback.error.message}</p> : null}
          <div className="form-actions">
            <button type="button" onClick={() => setConfirming(false)}>
              Keep the change
            </button>
            <button
              type="button"
              className="danger"
              disabled={rollback.isPending}
              onClick={() => rollback.mutate({ id }, { onSuccess: () => setConfirming(false) })}
            >
              {rollback.isPending ? 'Rolling back…' : 'Roll back'}
            </button>
          </div>
        </Modal>
      ) : null}
    </>
  );
}
