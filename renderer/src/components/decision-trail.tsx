/** Who decided what and why, oldest first (policy, approvals, edits, re-queues, escalations). */
import type { Decision } from '../../../shared/domain';
import { changesFromRecord } from '../../../shared/edit-diff';
import { EditSummary } from './edit-summary';
import { shortDateTime } from './format';
import { Empty } from './states';

export function DecisionTrail({ decisions }: { decisions: Decision[] }) {
  if (decisions.length === 0) return <Empty title="No decisions yet" />;
  return (
    <ol className="trail">
      {decisions.map((decision) => (
        <li key={decision.id} data-kind={decision.kind}>
          <span className="muted nowrap">{shortDateTime(decision.createdAt)}</span>
          <span className={`badge badge-decision-${decision.kind}`}>{decision.kind}</span>
          <span>
            by <strong>{decision.actor}</strong>
            {decision.reason ? `: ${decision.reason}` : ''}
          </span>
          {decision.kind === 'edited' && (decision.details.proposalDiff ?? decision.details.diff) ? (
            <EditSummary by={decision.actor} changes={changesFromRecord(decision.details.proposalDiff ?? decision.details.diff)} testId="trail-edit" />
          ) : null}
          {Object.keys(decision.details).length ? (
            <details>
              <summary className="muted small">details</summary>
              <pre className="json">{JSON.stringify(decision.details, null, 2)}</pre>
            </details>
          ) : null}
        </li>
      ))}
    </ol>
  );
}
