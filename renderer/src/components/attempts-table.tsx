/** Every execution attempt from the ledger: outcome, error class and message, external link. */
import type { Execution } from '../../../shared/domain';
import { DryRunBadge, verdictOfResult } from './dry-run-badge';
import { shortDateTime } from './format';
import { Empty } from './states';

function isSafeLink(url: string): boolean {
  return /^https?:\/\//i.test(url);
}

/** A dry run's verdict other than "would run" (shown instead of "succeeded"). */
function dryVerdict(execution: Execution) {
  if (!execution.dryRun || execution.state !== 'succeeded') return null;
  const found = verdictOfResult(execution.result);
  return found && found.verdict !== 'would_run' ? found : null;
}

export function AttemptsTable({ executions }: { executions: Execution[] }) {
  if (executions.length === 0) return <Empty title="No attempts yet" />;
  return (
    <table className="table">
      <thead>
        <tr>
          <th>#</th>
          <th>Outcome</th>
          <th>Channel</th>
          <th>Started</th>
          <th>Finished</th>
          <th>Result / error</th>
        </tr>
      </thead>
      <tbody>
        {executions.map((execution) => (
          <tr key={execution.id}>
            <td>{execution.attempt}</td>
            <td>
              {dryVerdict(execution) ? (
                <DryRunBadge verdict={dryVerdict(execution)!.verdict} />
              ) : (
                <span className={`badge badge-exec-${execution.state}`}>{execution.state}</span>
              )}
              {execution.dryRun ? <span className="chip chip-dry">dry-run</span> : null}
            </td>
            <td>{execution.channel}</td>
            <td className="nowrap">{shortDateTime(execution.startedAt)}</td>
            <td className="nowrap">{shortDateTime(execution.finishedAt)}</td>
            <td>
              {execution.errorMessage ? (
                <span className="error-text">
                  {execution.errorClass ? `[${execution.errorClass}] ` : ''}
                  {execution.errorMessage}
                </span>
              ) : null}
              {execution.externalUrl && isSafeLink(execution.externalUrl) ? (
                <a href={execution.externalUrl} target="_blank" rel="noreferrer noopener">
                  {execution.externalId ?? 'open'}
                </a>
              ) : execution.externalId ? (
                <span className="mono">{execution.externalId}</span>
              ) : null}
              {dryVerdict(execution)?.reason ? <div className="dry-reason" data-testid="dry-run-reason">{dryVerdict(execution)!.reason}</div> : null}
              {execution.dryRun && execution.state === 'succeeded' ? <span className="muted small">nothing sent (dry-run)</span> : null}
              {!execution.dryRun && !execution.errorMessage && !execution.externalId && execution.result !== null && execution.result !== undefined ? (
                <span className="muted small ellipsis result-line" title={JSON.stringify(execution.result)}>
                  {JSON.stringify(execution.result)}
                </span>
              ) : null}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
