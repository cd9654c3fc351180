/** Executor state with the controls Kenny reaches for: pause/resume and run a cycle now. */
import type { ExecutorStatus } from '../../../shared/contract';
import { useApiMutation } from '../hooks/use-api';
import { ExecutorChip } from './executor-chip';
import { clockTime, formatMs } from './format';

const explanations: Record<ExecutorStatus['state'], string> = {
  running: 'Polling the queue and executing approved tasks.',
  paused: 'Paused: nothing executes until you resume.',
  auto_execution_off: 'Auto-execution is off (ENABLE_AUTO_EXECUTION): each poll only reports what would run.',
  stopped: 'The executor is stopped.',
};

export function ExecutorPanel({ status }: { status: ExecutorStatus }) {
  const pause = useApiMutation('executor:pause');
  const resume = useApiMutation('executor:resume');
  const runNow = useApiMutation('executor:runNow');
  const busy = pause.isPending || resume.isPending;
  const error = pause.error ?? resume.error ?? runNow.error;
  const cycle = runNow.data ?? status.lastCycle;

  return (
    <section className="card executor-panel" aria-label="Executor">
      <div className="executor-main">
        <ExecutorChip status={status} />
        <p>{explanations[status.state]}</p>
        {status.dryRun ? <p className="muted">Dry-run: handlers build previews and send nothing.</p> : null}
      </div>
      <div className="executor-actions">
        {status.paused ? (
          <button type="button" className="primary" disabled={busy} onClick={() => resume.mutate({})}>
            Resume
          </button>
        ) : (
          <button type="button" disabled={busy} onClick={() => pause.mutate({})}>
            Pause
          </button>
        )}
        <button type="button" disabled={runNow.isPending} onClick={() => runNow.mutate({})}>
          {runNow.isPending ? 'Running…' : 'Run now'}
        </button>
      </div>
      {cycle ? (
        <p className="muted cycle-line" data-testid="last-cycle">
          Last cycle: {cycle.executed} executed, {cycle.failed} failed, {cycle.deferred} deferred, {cycle.skipped} skipped
          {cycle.wouldExecute ? `, ${cycle.wouldExecute} would execute` : ''} in {formatMs(Math.round(cycle.durationMs))}
        </p>
      ) : null}
      <LockWaitLine lockWait={status.lockWait} />
      {error ? <p className="error-text" role="alert">{error.message}</p> : null}
    </section>
  );
}

/**
 * Another process holding the database's write lock: shown while a call waits, and the last wait
 * (how long, whether the lock came). Nothing freezes meanwhile; writes that wait over 5 s fail.
 */
export function LockWaitLine({ lockWait }: { lockWait: ExecutorStatus['lockWait'] }) {
  if (lockWait?.waitingSince) {
    return (
      <p className="chip chip-paused lock-wait" role="status" data-testid="lock-wait">
        Waiting for the database: another process holds its write lock (since {clockTime(lockWait.waitingSince)}).
      </p>
    );
  }
  const last = lockWait?.last;
  if (!last || last.waitedMs < 1_000) return null;
  return (
    <p className="muted" data-testid="lock-wait">
      Last database lock wait: {formatMs(Math.round(last.waitedMs))} at {clockTime(last.at)}
      {last.acquired ? '' : ' (gave up; the change was refused, try again)'}.
    </p>
  );
}
