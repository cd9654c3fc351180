/**
 * Task detail: why it is not running now, its fields and metadata, every attempt with outcome,
 * error and external link, the decision trail, and the task's log lines.
 */
import { useState } from 'react';
import { useApi, useApiMutation } from '../hooks/use-api';
import { isAwaitingApproval, PriorityBadge, StatusBadge } from '../components/badges';
import { BlockerBanner } from '../components/blocker-banner';
import { AttemptsTable } from '../components/attempts-table';
import { DecisionTrail } from '../components/decision-trail';
import { TaskFields } from '../components/task-fields';
import { PreviewView } from '../components/preview-view';
import { PreviewTaskContext } from '../components/preview-task';
import { LogTable } from '../components/log-table';
import { RejectDialog } from '../components/reject-dialog';
import { RollbackPanel } from '../components/rollback-panel';
import { DuplicateBanner } from '../components/duplicate-banner';
import { DryRunBadge, verdictOfResult } from '../components/dry-run-badge';
import { ErrorState, Loading } from '../components/states';

function previewTitle(status: string, lastRunWasDry: boolean): string {
  if (status === 'completed') return lastRunWasDry ? 'What it would have sent (dry-run: nothing was sent)' : 'What it sent';
  if (status === 'rejected') return 'What it would have sent';
  return 'What it will send';
}

export function TaskDetailView({ id }: { id: string }) {
  const detail = useApi('tasks:get', { id });
  const approve = useApiMutation('approvals:approve');
  const requeue = useApiMutation('tasks:requeue');
  const cancel = useApiMutation('tasks:cancel');
  const [rejecting, setRejecting] = useState(false);

  if (detail.isPending) return <Loading label="Loading task…" />;
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  const { task, executions, decisions, logs, blocker, preview, previewError, channel, rollback } = detail.data;
  const awaiting = isAwaitingApproval(task);
  const error = approve.error ?? requeue.error ?? cancel.error;
  const finished = task.status === 'completed' || task.status === 'rejected';
  const last = executions[executions.length - 1];
  const lastDry = last?.dryRun && last.state === 'succeeded' ? verdictOfResult(last.result) : null;

  return (
    <div className="view task-detail">
      <header className="view-head">
        <a href="#/queues" className="ghost back">
          ← Queues
        </a>
        <h1 className="ellipsis" title={task.title}>{task.title}</h1>
        {/* A rehearsal that would not have gone out is never shown as a green Completed. */}
        {lastDry && lastDry.verdict !== 'would_run' ? <DryRunBadge verdict={lastDry.verdict} reason={lastDry.reason} /> : <StatusBadge status={task.status} awaiting={awaiting} />}
        <PriorityBadge priority={task.priority} />
      </header>
      <BlockerBanner blocker={blocker} />
      <DuplicateBanner info={detail.data.duplicate} />
      <div className="detail-actions">
        {awaiting ? (
          <>
            <button type="button" className="primary" disabled={approve.isPending} onClick={() => approve.mutate({ id })}>
              {detail.data.duplicate?.of && !detail.data.duplicate.clearedBy ? 'Approve anyway (not a duplicate)' : 'Approve'}
            </button>
            <button type="button" className="danger" onClick={() => setRejecting(true)}>
              Reject…
            </button>
          </>
        ) : null}
        {task.status === 'failed' || task.status === 'rejected' || task.outcomeUnknown ? (
          <button type="button" disabled={requeue.isPending} onClick={() => requeue.mutate({ id, reason: 'Re-queued from the dashboard' })}>
            Re-queue
          </button>
        ) : null}
        {!finished && task.status !== 'in_progress' ? (
          <button type="button" className="danger ghost" disabled={cancel.isPending} onClick={() => cancel.mutate({ id, reason: 'Cancelled from the dashboard' })}>
            Cancel task
          </button>
        ) : null}
        {rollback?.available ? <RollbackPanel id={id} offer={rollback} /> : null}
        {error ? <span className="error-text" role="alert">{error.message}</span> : null}
      </div>
      {rollback?.done ? <RollbackPanel id={id} offer={rollback} /> : null}
      <div className="grid-2 detail-grid">
        <TaskFields task={task} channel={channel} />
        <section className="card" aria-label="Preview">
          <h2>{previewTitle(task.status, executions[executions.length - 1]?.dryRun ?? false)}</h2>
          <PreviewTaskContext.Provider value={task.id}>
            <PreviewView preview={preview} error={previewError} taskId={task.status === 'new' ? task.id : undefined} />
          </PreviewTaskContext.Provider>
        </section>
      </div>
      <section className="card" aria-label="Attempts">
        <h2>Attempts ({executions.length})</h2>
        <AttemptsTable executions={executions} />
      </section>
      <section className="card" aria-label="Decision trail">
        <h2>Decision trail</h2>
        <DecisionTrail decisions={decisions} />
      </section>
      <section className="card" aria-label="Task logs">
        <h2>Logs</h2>
        <LogTable items={logs} empty="No log lines for this task." />
      </section>
      {rejecting ? <RejectDialog ids={[id]} onClose={() => setRejecting(false)} onDone={() => undefined} /> : null}
    </div>
  );
}
