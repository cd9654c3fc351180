/** Approval rules in evaluation order: enable/disable, edit, add, delete (built-ins cannot be deleted). */
import { useState } from 'react';
import type { ApprovalRule, ApprovalRuleInput } from '../../../shared/approval-rules';
import { useApi, useApiMutation } from '../hooks/use-api';
import { opWords } from './rule-condition-text';
import { RuleDialog } from './rule-dialog';
import { Empty, ErrorState, Loading } from './states';

function describe(rule: ApprovalRule): string {
  if (rule.conditions.length === 0) return 'every task';
  return rule.conditions.map((c) => `${c.field} ${opWords[c.op]}${c.value === undefined ? '' : ` ${Array.isArray(c.value) ? c.value.join(', ') : JSON.stringify(c.value)}`}`).join(' and ');
}

/** The rule as an upsert input: `builtin` is the engine's to decide, so it is not sent back. */
function ruleInput(rule: ApprovalRule, enabled: boolean): ApprovalRuleInput {
  const { builtin: _builtin, ...input } = rule;
  return { ...input, enabled };
}

export function RulesEditor() {
  const rules = useApi('rules:list', {});
  const upsert = useApiMutation('rules:upsert', ['rules:list']);
  const remove = useApiMutation('rules:delete', ['rules:list']);
  const [editing, setEditing] = useState<ApprovalRule | 'new' | null>(null);
  const error = upsert.error ?? remove.error;

  return (
    <section className="card" aria-label="Approval rules">
      <header className="card-head">
        <h2>Approval rules</h2>
        <button type="button" onClick={() => setEditing('new')}>
          Add rule
        </button>
      </header>
      <p className="muted small">Any matching “ask Kenny” rule wins over every “runs by itself” rule, and a task its agent asked approval for always waits. Conditions look at the task’s agent and metadata, never its title.</p>
      {rules.isPending ? <Loading /> : null}
      {rules.isError ? <ErrorState error={rules.error} onRetry={() => void rules.refetch()} /> : null}
      {rules.data && rules.data.items.length === 0 ? <Empty title="No rules">A task waits only when its agent asks for approval.</Empty> : null}
      {rules.data && rules.data.items.length > 0 ? (
        <table className="table rules-table">
          <colgroup>
            <col className="col-on" />
            <col className="col-rule" />
            <col className="col-agent" />
            <col />
            <col className="col-then" />
            <col className="col-actions" />
          </colgroup>
          <thead>
            <tr>
              <th>On</th>
              <th>Rule</th>
              <th>Agent</th>
              <th>When</th>
              <th>Then</th>
              <th />
            </tr>
          </thead>
          <tbody>
            {rules.data.items.map((rule) => (
              <tr key={rule.id} className={rule.enabled ? '' : 'disabled'}>
                <td>
                  <input type="checkbox" checked={rule.enabled} aria-label={`Enable ${rule.name}`} onChange={(event) => upsert.mutate(ruleInput(rule, event.target.checked))} />
                </td>
                <td>
                  <strong>{rule.name}</strong>
                  {rule.builtin ? <span className="chip">built-in</span> : null}
                  {rule.description ? <div className="muted small">{rule.description}</div> : null}
                </td>
                <td>{rule.agent ?? 'any'}</td>
                <td className="mono small">{describe(rule)}</td>
                <td>
                  <span className={`badge ${rule.effect === 'require_approval' ? 'badge-awaiting' : 'badge-completed'}`}>{rule.effect === 'require_approval' ? 'ask Kenny' : 'run'}</span>
                </td>
                <td className="nowrap">
                  <button type="button" className="ghost" onClick={() => setEditing(rule)}>
                    Edit
                  </button>
                  {!rule.builtin ? (
                    <button type="button" className="ghost danger" onClick={() => window.confirm(`Delete rule “${rule.name}”?`) && remove.mutate({ id: rule.id })}>
                      Delete
                    </button>
                  ) : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      {error ? <p className="error-text" role="alert">{error.message}</p> : null}
      {editing ? <RuleDialog rule={editing === 'new' ? null : editing} nextPosition={Math.max(0, ...(rules.data?.items ?? []).map((rule) => rule.position)) + 10} onClose={() => setEditing(null)} /> : null}
    </section>
  );
}
