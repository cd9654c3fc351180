/** The executor's state in one chip: running / paused / auto-execution off / stopped, plus dry-run. */
import type { ExecutorStatus } from '../../../shared/contract';

const labels: Record<ExecutorStatus['state'], string> = {
  running: 'Running',
  paused: 'Paused',
  auto_execution_off: 'Auto-execution off',
  stopped: 'Stopped',
};

export function ExecutorChip({ status }: { status: ExecutorStatus | undefined }) {
  if (!status) return <span className="chip">…</span>;
  return (
    <span className="chip-row" data-testid="executor-state" data-state={status.state}>
      <span className={`chip chip-${status.state}`}>{labels[status.state]}</span>
      {status.dryRun ? <span className="chip chip-dry">Dry-run</span> : null}
    </span>
  );
}
