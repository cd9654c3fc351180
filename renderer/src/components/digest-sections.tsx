/**
 * The digest's sections: what ran (by channel, with the provider's link), what failed (by kind,
 * with Retry all… / Drop all…), what waits, daily limits, and what is flagged. Every task links to
 * its page.
 */
import { useState } from 'react';
import type { Digest, DigestTask } from '../../../shared/digest';
import { routeHref } from '../hooks/use-route';
import { limitLabels, shortDateTime } from './format';
import { ResolveFailedDialog } from './resolve-failed-dialog';

function TaskLine({ item, extra }: { item: DigestTask; extra?: string | null }) {
  return (
    <li>
      <a href={routeHref({ view: 'task', id: item.taskId })}>{item.title}</a>
      <span className="muted small"> · {item.agent} · {shortDateTime(item.at)}</span>
      {extra ? <span className="muted small"> — {extra}</span> : null}
      {item.link && /^https?:\/\//.test(item.link) ? (
        <>
          {' '}
          <a href={item.link} target="_blank" rel="noopener noreferrer" className="small">
            open
          </a>
        </>
      ) : null}
    </li>
  );
}

export function DigestSections({ digest }: { digest: Digest }) {
  const [resolving, setResolving] = useState<{ kind: string; action: 'retry' | 'drop'; items: DigestTask[] } | null>(null);
  const flagged = digest.flagged.outcomeUnknown.length + digest.flagged.withoutRule.length;
  return (
    <div className="digest-sections">
      <section className="card" aria-labelledby="digest-ran">
        <h2 id="digest-ran">What ran</h2>
        {digest.ran.length === 0 ? <p className="muted">Nothing went out{digest.dryRuns ? ` (${digest.dryRuns} dry runs, nothing sent)` : ''}.</p> : null}
        {digest.ran.map((group) => (
          <div key={group.channel} className="digest-group" data-channel={group.channel}>
            <div className="digest-group-head">
              <strong>{group.channel}</strong>
              <span className="badge badge-completed">{group.count}</span>
            </div>
            <ul className="digest-list">
              {group.items.map((item) => (
                <TaskLine key={item.taskId} item={item} />
              ))}
            </ul>
          </div>
        ))}
        {digest.ran.length && digest.dryRuns ? <p className="muted small">Also {digest.dryRuns} dry runs (nothing sent).</p> : null}
      </section>
      <section className="card" aria-labelledby="digest-failed">
        <h2 id="digest-failed">What failed</h2>
        {digest.failed.length === 0 ? <p className="muted">Nothing failed.</p> : null}
        {digest.failed.map((group) => (
          <div key={group.kind} className="digest-group" data-kind={group.kind}>
            <div className="digest-group-head">
              <span>
                <strong>{group.kind}</strong> <span className="badge badge-failed">{group.count}</span>
              </span>
              <span className="chip-row">
                <button type="button" className="small-button" onClick={() => setResolving({ kind: group.kind, action: 'retry', items: group.items })}>
                  Retry all…
                </button>
                <button type="button" className="small-button danger" onClick={() => setResolving({ kind: group.kind, action: 'drop', items: group.items })}>
                  Drop all…
                </button>
              </span>
            </div>
            <ul className="digest-list">
              {group.items.map((item) => (
                <TaskLine key={item.taskId} item={item} extra={item.note ?? 'no reason recorded'} />
              ))}
            </ul>
          </div>
        ))}
      </section>
      <section className="card" aria-labelledby="digest-waiting">
        <h2 id="digest-waiting">Waiting for you ({digest.waiting.total})</h2>
        {digest.waiting.total === 0 ? <p className="muted">Nothing waits for you.</p> : null}
        <ul className="digest-list">
          {digest.waiting.items.map((item) => (
            <TaskLine key={item.taskId} item={item} extra={item.priority} />
          ))}
        </ul>
        {digest.held ? (
          <p className="small">
            <a href={routeHref({ view: 'calendar' })}>{digest.held} held for a time</a> <span className="muted">(business hours, scheduled sends)</span>
          </p>
        ) : null}
      </section>
      <section className="card" aria-labelledby="digest-limits">
        <h2 id="digest-limits">Daily limits used</h2>
        <ul className="digest-list">
          {digest.limits.map((limit) => (
            <li key={limit.key} className="limit-line">
              <span>{limitLabels[limit.key] ?? limit.key}</span>
              <span className={limit.used >= limit.limit ? 'error-text' : ''}>
                {limit.used} / {limit.limit}
              </span>
              <span />
            </li>
          ))}
        </ul>
      </section>
      <section className="card" aria-labelledby="digest-flagged">
        <h2 id="digest-flagged">Flagged ({flagged})</h2>
        {flagged === 0 ? <p className="muted">Nothing flagged.</p> : null}
        {digest.flagged.outcomeUnknown.length ? <h3>Outcome unknown: check by hand</h3> : null}
        <ul className="digest-list">
          {digest.flagged.outcomeUnknown.map((item) => (
            <TaskLine key={item.taskId} item={item} extra={item.note} />
          ))}
        </ul>
        {digest.flagged.withoutRule.length ? <h3>Ran without a rule</h3> : null}
        <ul className="digest-list">
          {digest.flagged.withoutRule.map((item) => (
            <TaskLine key={item.taskId} item={item} extra={item.note} />
          ))}
        </ul>
      </section>
      {resolving ? <ResolveFailedDialog {...resolving} onClose={() => setResolving(null)} /> : null}
    </div>
  );
}
