/** "Why is this not running?" in one sentence, with the time it may run again when known. */
import type { Blocker } from '../../../shared/contract';
import { localizeTimes, relativeTime, shortDateTime } from './format';

const tone: Record<Blocker['code'], 'info' | 'warn' | 'bad' | 'ok'> = {
  none: 'ok',
  running: 'info',
  finished: 'ok',
  needs_approval: 'warn',
  deferred: 'info',
  paused: 'warn',
  auto_execution_off: 'warn',
  attempts_exhausted: 'bad',
  no_handler: 'bad',
  outcome_unknown: 'bad',
};

export function BlockerBanner({ blocker }: { blocker: Blocker }) {
  return (
    <div className={`banner banner-${tone[blocker.code]}`} data-testid="blocker" data-code={blocker.code}>
      <strong>{blocker.code === 'none' ? 'Ready' : blocker.code === 'finished' ? 'Done' : 'Not running'}:</strong> {localizeTimes(blocker.message)}
      {blocker.until ? (
        <span className="muted">
          {' '}
          (until {shortDateTime(blocker.until)}, {relativeTime(blocker.until)})
        </span>
      ) : null}
    </div>
  );
}
