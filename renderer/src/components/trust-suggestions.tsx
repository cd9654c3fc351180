/**
 * Trust that grows: the kinds of task Kenny approved N times without changes, each with its
 * evidence (how many, when, the latest tasks linked) and "Let them run" (creates an ordinary
 * auto-execute rule) or "Keep asking" (dismissed for good). On Today only when there is one.
 */
import type { TrustSuggestion } from '../../../shared/trust';
import { useApi, useApiMutation } from '../hooks/use-api';
import { routeHref } from '../hooks/use-route';
import { shortDateTime } from './format';
import { ErrorState } from './states';

function SuggestionItem({ item }: { item: TrustSuggestion }) {
  const accept = useApiMutation('suggestions:accept', ['suggestions:list', 'rules:list']);
  const dismiss = useApiMutation('suggestions:dismiss', ['suggestions:list']);
  const error = accept.error ?? dismiss.error;
  return (
    <li className="suggestion" data-suggestion-id={item.id}>
      <p className="suggestion-message">{item.message}</p>
      <p className="muted small">
        {item.count} approvals without changes and no rejection, {shortDateTime(item.firstApprovedAt)} to {shortDateTime(item.lastApprovedAt)}. Latest:{' '}
        {item.evidence.slice(0, 3).map((evidence, index) => (
          <span key={evidence.taskId}>
            {index ? ', ' : ''}
            <a href={routeHref({ view: 'task', id: evidence.taskId })}>{evidence.title}</a>
          </span>
        ))}
      </p>
      <p className="muted small">
        Creates the rule “{item.rule.name}”: {item.rule.conditions.map((c) => `${c.field} ${c.op}${c.value === undefined ? '' : ` ${JSON.stringify(c.value)}`}`).join(' and ')}. Any “ask Kenny” rule still wins; you can edit or delete it below in Approval rules.
      </p>
      <div className="suggestion-actions">
        <button type="button" className="primary" disabled={accept.isPending || dismiss.isPending} onClick={() => accept.mutate({ id: item.id })}>
          {accept.isPending ? 'Creating rule…' : 'Let them run by themselves'}
        </button>
        <button type="button" disabled={accept.isPending || dismiss.isPending} onClick={() => dismiss.mutate({ id: item.id })}>
          Keep asking
        </button>
        {error ? <span className="error-text" role="alert">{error.message}</span> : null}
      </div>
    </li>
  );
}

export function TrustSuggestions({ hideWhenEmpty = false }: { hideWhenEmpty?: boolean }) {
  const suggestions = useApi('suggestions:list', {});
  if (hideWhenEmpty && !suggestions.data?.items.length) return null;
  return (
    <section className="card trust-card" aria-label="Suggested rules">
      <header className="card-head">
        <h2>Suggested rules</h2>
      </header>
      {suggestions.isError ? <ErrorState error={suggestions.error} onRetry={() => void suggestions.refetch()} /> : null}
      {suggestions.data && suggestions.data.items.length === 0 ? (
        <p className="muted small">When you approve enough tasks of one kind without changing them (Settings: trust threshold), a rule letting them run by themselves is suggested here. Complaints, refunds, social posts, newsletters, bulk sends and budget changes are never suggested.</p>
      ) : null}
      {suggestions.data?.items.length ? (
        <ul className="suggestion-list">
          {suggestions.data.items.map((item) => (
            <SuggestionItem key={item.id} item={item} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}
