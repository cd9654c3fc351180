/** Alerts, unacknowledged first, each with an Acknowledge button. */
import { useState } from 'react';
import { useApi, useApiMutation } from '../hooks/use-api';
import { relativeTime } from './format';
import { Empty, ErrorState, Loading } from './states';

export function AlertsPanel() {
  const [onlyOpen, setOnlyOpen] = useState(true);
  const alerts = useApi('alerts:list', { unacknowledgedOnly: onlyOpen, limit: 100 });
  const acknowledge = useApiMutation('alerts:acknowledge', ['alerts:list']);
  return (
    <section className="card" aria-label="Alerts">
      <header className="card-head">
        <h2>
          Alerts {alerts.data ? <span className="count">{alerts.data.unacknowledged}</span> : null}
        </h2>
        <label className="inline">
          <input type="checkbox" checked={onlyOpen} onChange={(event) => setOnlyOpen(event.target.checked)} />
          Unacknowledged only
        </label>
      </header>
      {alerts.isPending ? <Loading /> : null}
      {alerts.isError ? <ErrorState error={alerts.error} onRetry={() => void alerts.refetch()} /> : null}
      {alerts.data && alerts.data.items.length === 0 ? <Empty title={onlyOpen ? 'No open alerts' : 'No alerts'} /> : null}
      {alerts.data && alerts.data.items.length > 0 ? (
        <ul className="alerts">
          {alerts.data.items.map((alert) => (
            <li key={alert.id} className={`alert alert-${alert.severity} ${alert.acknowledgedAt ? 'acked' : ''}`}>
              <div className="alert-main">
                <span className={`badge badge-sev-${alert.severity}`}>{alert.severity}</span>
                <strong>{alert.title}</strong>
                <span className="muted small">
                  {alert.type} · {relativeTime(alert.createdAt)}
                </span>
              </div>
              <div className="alert-message">{alert.message}</div>
              {alert.deliveryError ? <div className="error-text small">Delivery failed: {alert.deliveryError}</div> : null}
              {alert.acknowledgedAt ? (
                <div className="muted small">
                  Acknowledged by {alert.acknowledgedBy ?? '?'} {relativeTime(alert.acknowledgedAt)}
                </div>
              ) : (
                <button type="button" disabled={acknowledge.isPending} onClick={() => acknowledge.mutate({ id: alert.id })}>
                  Acknowledge
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {acknowledge.error ? <p className="error-text">{acknowledge.error.message}</p> : null}
    </section>
  );
}
