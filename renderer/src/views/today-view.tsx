/**
 * Today: what the executor is doing, what ran, what waits for Kenny, what failed, completion over
 * 24 h and 7 days, every daily limit with its reset time, Supabase sync, the rules the app
 * suggests from Kenny's approvals (only when there is one), Kenny's to-do list (manual tasks) and
 * a flag on anything that ran with no approval rule covering it.
 */
import { lazy, Suspense } from 'react';
import { useApi } from '../hooks/use-api';
import { routeHref } from '../hooks/use-route';
import { ChannelAttention } from '../components/channel-attention';
import { ErrorState, Loading } from '../components/states';
import { relativeTime } from '../components/format';
import { DigestCard } from '../components/digest-card';
import { DryRunCard } from '../components/dry-run-card';
import { ExecutorPanel } from '../components/executor-panel';
import { LimitsPanel } from '../components/limits-panel';
import { SyncCard } from '../components/sync-card';
import { TaskMiniList } from '../components/task-mini-list';
import { TrustSuggestions } from '../components/trust-suggestions';
import { TodoCard } from '../components/todo-card';

// recharts is most of the bundle: loaded only when Today is shown, so the queue starts faster.
const CompletionChart = lazy(() => import('../components/completion-chart').then((module) => ({ default: module.CompletionChart })));

export function TodayView() {
  const status = useApi('status:get', {});
  // A dry run that would have failed, been held or found no connection did not "run".
  const ran = useApi('tasks:list', { status: ['completed'], dryRun: 'no_problem', sort: 'updatedAt', direction: 'desc', limit: 6 });
  const failed = useApi('tasks:list', { status: ['failed'], sort: 'updatedAt', direction: 'desc', limit: 6 });
  const dryProblems = useApi('tasks:list', { dryRun: 'any_problem', limit: 1 });
  const waiting = useApi('tasks:list', { awaitingApproval: true, sort: 'priority', direction: 'asc', limit: 6 });
  // Ran by itself with no rule covering it: the unmatched-task setting decided (seen 10).
  const unruled = useApi('tasks:list', { ranWithoutRule: true, sort: 'updatedAt', direction: 'desc', limit: 6 });

  if (status.isPending) return <Loading label="Loading executor status…" />;
  if (status.isError) return <ErrorState error={status.error} onRetry={() => void status.refetch()} />;
  const s = status.data;

  return (
    <div className="view today">
      <header className="view-head">
        <h1>Today</h1>
        <span className="muted">
          Last poll {relativeTime(s.lastPollAt)} · next {s.nextPollAt ? relativeTime(s.nextPollAt) : '—'}
        </span>
      </header>
      <ChannelAttention />
      <ExecutorPanel status={s} />
      <section className="stat-row" aria-label="Counts">
        <a className="stat" href={routeHref({ view: 'approvals' })}>
          <span className="stat-value" data-testid="count-awaiting">{s.counts.awaitingApproval}</span>
          <span className="stat-label">waiting for you</span>
        </a>
        <div className="stat">
          <span className="stat-value">{s.counts.queued}</span>
          <span className="stat-label">queued</span>
        </div>
        <div className="stat">
          <span className="stat-value">{s.counts.inProgress}</span>
          <span className="stat-label">running</span>
        </div>
        <div className="stat">
          <span className="stat-value" data-testid="count-completed">{s.counts.completed24h}</span>
          <span className="stat-label">completed (24 h)</span>
        </div>
        <div className={`stat ${s.counts.failed24h > 0 ? 'stat-bad' : ''}`}>
          <span className="stat-value">{s.counts.failed24h}</span>
          <span className="stat-label">failed (24 h)</span>
        </div>
        {dryProblems.data?.total ? (
          <div className="stat stat-dry" title="Rehearsed in dry run: would fail, be held by a daily limit or find its channel not connected">
            <span className="stat-value" data-testid="count-dry-problems">{dryProblems.data.total}</span>
            <span className="stat-label">dry run: would not go out</span>
          </div>
        ) : null}
        {unruled.data?.total ? (
          <a className="stat stat-warn" href="#unruled" title="Ran by itself with no approval rule covering it: add a rule in Settings">
            <span className="stat-value" data-testid="count-unruled">{unruled.data.total}</span>
            <span className="stat-label">ran without a rule</span>
          </a>
        ) : null}
        {s.counts.outcomeUnknown > 0 ? (
          <div className="stat stat-bad">
            <span className="stat-value">{s.counts.outcomeUnknown}</span>
            <span className="stat-label">outcome unknown</span>
          </div>
        ) : null}
      </section>
      <TrustSuggestions hideWhenEmpty />
      <DryRunCard />
      <DigestCard />
      <div className="grid-2">
        <Suspense fallback={<section className="card"><Loading label="Loading chart…" /></section>}>
          <CompletionChart />
        </Suspense>
        <LimitsPanel />
      </div>
      <SyncCard />
      <div className="grid-2">
        <TodoCard />
        {unruled.data?.total ? (
          <div id="unruled" className="unruled">
            <TaskMiniList title="Ran without a rule" query={unruled} empty="Every task that ran was covered by a rule." />
            <p className="muted small">
              No approval rule covered these; the setting for uncovered tasks let them run. Add a rule in <a href={routeHref({ view: 'settings' })}>Settings</a> to decide.
            </p>
          </div>
        ) : null}
      </div>
      <div className="grid-3">
        <TaskMiniList title="Waiting for you" query={waiting} empty="Nothing waits for approval." time="created" />
        <TaskMiniList title="What ran" query={ran} empty="Nothing has completed yet." />
        <TaskMiniList title="What failed" query={failed} empty="No failures." />
      </div>
    </div>
  );
}
