/**
 * Create or edit one approval rule. Conditions are entered as fields (RuleConditions), each checked
 * against the shared schema with a message; the JSON view refuses unknown keys.
 */
import { useState, type FormEvent } from 'react';
import type { ApprovalRule, RuleEffect } from '../../../shared/approval-rules';
import { knownAgents } from '../../../shared/domain';
import { useApiMutation } from '../hooks/use-api';
import { Modal } from './modal';
import { fromRow, toRow, type ConditionRow } from './rule-condition-text';
import { RuleConditions } from './rule-conditions';

export function RuleDialog({ rule, nextPosition, onClose }: { rule: ApprovalRule | null; nextPosition: number; onClose: () => void }) {
  const [name, setName] = useState(rule?.name ?? '');
  const [agent, setAgent] = useState(rule?.agent ?? '');
  const [effect, setEffect] = useState<RuleEffect>(rule?.effect ?? 'require_approval');
  const [description, setDescription] = useState(rule?.description ?? '');
  const [position, setPosition] = useState(rule?.position ?? nextPosition);
  const [rows, setRows] = useState<ConditionRow[]>(() => (rule?.conditions ?? [{ field: 'email_category', op: 'eq', value: 'complaint' }]).map(toRow));
  const upsert = useApiMutation('rules:upsert', ['rules:list']);

  const checked = rows.map(fromRow);
  const conditions = checked.flatMap((check) => (check.ok ? [check.condition] : []));
  const conditionsError = checked.flatMap((check) => (check.ok ? [] : [check.error])).join('; ') || null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (conditionsError) return;
    upsert.mutate(
      { id: rule?.id, position, name, agent: agent || null, conditions, effect, enabled: rule?.enabled ?? true, description },
      { onSuccess: onClose },
    );
  };

  return (
    <Modal title={rule ? `Edit rule “${rule.name}”` : 'New approval rule'} onClose={onClose} wide>
      <form className="form" onSubmit={submit}>
        <div className="form-row">
          <label>
            Name
            <input value={name} onChange={(event) => setName(event.target.value)} required maxLength={200} />
          </label>
          <label>
            Agent
            <select value={agent} onChange={(event) => setAgent(event.target.value)}>
              <option value="">any agent</option>
              {knownAgents.map((item) => (
                <option key={item}>{item}</option>
              ))}
            </select>
          </label>
          <label>
            Position (lower is checked first)
            <input type="number" value={position} onChange={(event) => setPosition(Math.trunc(Number(event.target.value)))} />
          </label>
          <label>
            Then
            <select value={effect} onChange={(event) => setEffect(event.target.value as RuleEffect)}>
              <option value="require_approval">ask Kenny (require approval)</option>
              <option value="auto_execute">run without asking</option>
            </select>
          </label>
        </div>
        <RuleConditions rows={rows} onChange={setRows} />
        <label>
          Description
          <input value={description} onChange={(event) => setDescription(event.target.value)} maxLength={2000} />
        </label>
        {upsert.error ? <p className="error-text" role="alert">{upsert.error.message}</p> : null}
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!!conditionsError || !name.trim() || upsert.isPending}>
            Save rule
          </button>
        </div>
      </form>
    </Modal>
  );
}
