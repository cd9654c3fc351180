/**
 * Alerts, unacknowledged first: each links to its task, approval alerts clear themselves when the
 * task is decided (migration 0011's trigger; shown as "Resolved: approved"), "Acknowledge all".
 * The list is bounded (scrolls inside) and the panel folds, so the logs below stay in reach.
 */
import { useState } from 'react';
import type { Alert } from '../../../shared/domain';
import { useApi, useApiMutation } from '../hooks/use-api';
import { routeHref } from '../hooks/use-route';
import { relativeTime } from './format';
import { Empty, ErrorState, Loading } from './states';

const typeWords: Record<string, string> = {
  approval_needed: 'needs your approval',
  agent_error: 'agent error',
  rate_limit: 'daily limit',
  customer_complaint: 'customer complaint',
  system_error: 'system error',
  outcome_unknown: 'outcome unknown',
  escalation: 'escalation',
};

function taskOf(alert: Alert): string | null {
  const id = alert.metadata.task_id ?? alert.metadata.escalated_from ?? alert.metadata.taskId;
  return typeof id === 'string' && id ? id : null;
}

function AlertRow({ alert, onAcknowledge, busy }: { alert: Alert; onAcknowledge: () => void; busy: boolean }) {
  const taskId = taskOf(alert);
  const resolved = typeof alert.metadata.resolved === 'string' ? alert.metadata.resolved : null;
  return (
    <li className={`alert alert-${alert.severity} ${alert.acknowledgedAt ? 'acked' : ''}`}>
      <div className="alert-main">
        <span className={`badge badge-sev-${alert.severity}`}>{alert.severity}</span>
        {taskId ? (
          <a href={routeHref(alert.type === 'approval_needed' && !alert.acknowledgedAt ? { view: 'approvals', focus: taskId } : { view: 'task', id: taskId })}>
            <strong>{alert.title}</strong>
          </a>
        ) : (
          <strong>{alert.title}</strong>
        )}
        <span className="muted small">
          {typeWords[alert.type] ?? alert.type} · {relativeTime(alert.createdAt)}
        </span>
      </div>
      <div className="alert-message">{alert.message}</div>
      {alert.deliveryError ? <div className="error-text small">Delivery failed: {alert.deliveryError}</div> : null}
      {alert.acknowledgedAt ? (
        <div className="muted small">
          {resolved ? `Resolved: task ${resolved}` : 'Acknowledged'} by {alert.acknowledgedBy ?? '?'} {relativeTime(alert.acknowledgedAt)}
        </div>
      ) : (
        <button type="button" className="small-button" disabled={busy} onClick={onAcknowledge}>
          Acknowledge
        </button>
      )}
    </li>
  );
}

export function AlertsPanel() {
  const [onlyOpen, setOnlyOpen] = useState(true);
  const [open, setOpen] = useState(true);
  const alerts = useApi('alerts:list', { unacknowledgedOnly: onlyOpen, limit: 100 });
  const acknowledge = useApiMutation('alerts:acknowledge', ['alerts:list']);
  const acknowledgeAll = useApiMutation('alerts:acknowledgeAll', ['alerts:list']);
  const count = alerts.data?.unacknowledged ?? 0;
  return (
    <section className="card alerts-panel" aria-label="Alerts">
      <header className="card-head">
        <h2>
          <button type="button" className="ghost fold" aria-expanded={open} aria-controls="alerts-body" onClick={() => setOpen(!open)}>
            {open ? '▾' : '▸'} Alerts {alerts.data ? <span className="count" aria-label={`${count} open`}>{count}</span> : null}
          </button>
        </h2>
        {open ? (
          <div className="filters">
            <label className="inline">
              <input type="checkbox" checked={onlyOpen} onChange={(event) => setOnlyOpen(event.target.checked)} />
              Unacknowledged only
            </label>
            <button type="button" className="small-button" disabled={count === 0 || acknowledgeAll.isPending} onClick={() => acknowledgeAll.mutate({})}>
              Acknowledge all ({count})
            </button>
          </div>
        ) : null}
      </header>
      {open ? (
        <div id="alerts-body">
          {alerts.isPending ? <Loading /> : null}
          {alerts.isError ? <ErrorState error={alerts.error} onRetry={() => void alerts.refetch()} /> : null}
          {alerts.data && alerts.data.items.length === 0 ? <Empty title={onlyOpen ? 'No open alerts' : 'No alerts'} /> : null}
          {alerts.data && alerts.data.items.length > 0 ? (
            <ul className="alerts" data-testid="alerts-list">
              {alerts.data.items.map((alert) => (
                <AlertRow key={alert.id} alert={alert} busy={acknowledge.isPending} onAcknowledge={() => acknowledge.mutate({ id: alert.id })} />
              ))}
            </ul>
          ) : null}
          {(acknowledge.error ?? acknowledgeAll.error) ? <p className="error-text">{(acknowledge.error ?? acknowledgeAll.error)?.message}</p> : null}
        </div>
      ) : null}
    </section>
  );
}
