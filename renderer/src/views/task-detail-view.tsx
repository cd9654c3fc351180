/**
 * Task detail: why it is not running now, its fields and metadata, every attempt with outcome,
 * error and external link, the decision trail, and the task's log lines. Its actions are the
 * inbox's: Approve (with the undo window), Edit then approve, Reject; Mark done for a manual task;
 * Re-queue only where the engine allows it (failed or outcome unknown). "← back" returns to the
 * view Kenny came from.
 */
import { lazy, Suspense, useState } from 'react';
import { useApi, useApiMutation } from '../hooks/use-api';
import { previousRoute, routeHref, type Route } from '../hooks/use-route';
import { MarkDoneDialog } from '../components/mark-done-dialog';
import { trackApprovals } from '../components/shell/undo-store';
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

// The editors (and twitter-text for the post counter) load when "Edit" is chosen, as in the inbox.
const EditApproveDialog = lazy(() => import('../components/edit-approve-dialog').then((module) => ({ default: module.EditApproveDialog })));

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
  const [dialog, setDialog] = useState<'reject' | 'edit' | 'done' | null>(null);
  const [back] = useState(() => backLink(previousRoute()));

  if (detail.isPending) return <Loading label="Loading task…" />;
  if (detail.isError) return <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  const { task, executions, decisions, logs, blocker, preview, previewError, channel, rollback } = detail.data;
  const awaiting = isAwaitingApproval(task);
  // No channel runs its agent's tasks (Jarvis, escalations): a person does it and marks it done.
  const manual = blocker.code === 'no_handler';
  const error = approve.error ?? requeue.error ?? cancel.error;
  const finished = task.status === 'completed' || task.status === 'rejected';
  const last = executions[executions.length - 1];
  const lastDry = last?.dryRun && last.state === 'succeeded' ? verdictOfResult(last.result) : null;

  return (
    <div className="view task-detail">
      <header className="view-head">
        <a href={routeHref(back.route)} className="ghost back">
          ← {back.label}
        </a>
        <h1 className="detail-title">{task.title}</h1>
        {/* A rehearsal that would not have gone out is never shown as a green Completed. */}
        {lastDry && lastDry.verdict !== 'would_run' ? <DryRunBadge verdict={lastDry.verdict} reason={lastDry.reason} /> : <StatusBadge status={task.status} awaiting={awaiting} />}
        <PriorityBadge priority={task.priority} />
      </header>
      <BlockerBanner blocker={blocker} />
      <DuplicateBanner info={detail.data.duplicate} />
      <div className="detail-actions">
        {awaiting ? (
          <>
            {manual ? null : (
              <>
                <button type="button" className="primary" disabled={approve.isPending} onClick={() => approve.mutate({ id, undo: true }, { onSuccess: (approved) => trackApprovals([approved]) })}>
                  {detail.data.duplicate?.of && !detail.data.duplicate.clearedBy ? 'Approve anyway (not a duplicate)' : 'Approve'}
                </button>
                <button type="button" onClick={() => setDialog('edit')}>
                  Edit then approve…
                </button>
              </>
            )}
            <button type="button" className="danger" onClick={() => setDialog('reject')}>
              Reject…
            </button>
          </>
        ) : null}
        {manual && task.status === 'new' ? (
          <button type="button" className="primary" onClick={() => setDialog('done')}>
            Mark done…
          </button>
        ) : null}
        {task.status === 'failed' || (task.outcomeUnknown && task.status !== 'rejected') ? (
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
      {dialog === 'reject' ? <RejectDialog ids={[id]} onClose={() => setDialog(null)} onDone={() => undefined} /> : null}
      {dialog === 'edit' ? (
        <Suspense fallback={null}>
          <EditApproveDialog item={{ task, preview, previewError, channel }} onClose={() => setDialog(null)} />
        </Suspense>
      ) : null}
      {dialog === 'done' ? <MarkDoneDialog task={task} onClose={() => setDialog(null)} /> : null}
    </div>
  );
}

const viewNames: Record<Route['view'], string> = { today: 'Today', approvals: 'Approvals', queues: 'Queues', task: 'Previous task', logs: 'Logs & alerts', settings: 'Settings', calendar: 'Calendar', digest: 'Digest' };

/** Where "← back" goes: the view Kenny came from (a first page: Queues). */
function backLink(route: Route | null): { route: Route; label: string } {
  return route ? { route, label: viewNames[route.view] } : { route: { view: 'queues' }, label: 'Queues' };
}
