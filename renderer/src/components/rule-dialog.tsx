/** Create or edit one approval rule; conditions are a JSON array checked against the shared schema. */
import { useState, type FormEvent } from 'react';
import { z } from 'zod';
import { ruleConditionSchema, type ApprovalRule, type RuleEffect } from '../../../shared/approval-rules';
import { knownAgents } from '../../../shared/domain';
import { useApiMutation } from '../hooks/use-api';
import { Modal } from './modal';

const conditionsSchema = z.array(ruleConditionSchema).max(20);

export function RuleDialog({ rule, nextPosition, onClose }: { rule: ApprovalRule | null; nextPosition: number; onClose: () => void }) {
  const [name, setName] = useState(rule?.name ?? '');
  const [agent, setAgent] = useState(rule?.agent ?? '');
  const [effect, setEffect] = useState<RuleEffect>(rule?.effect ?? 'require_approval');
  const [description, setDescription] = useState(rule?.description ?? '');
  const [position, setPosition] = useState(rule?.position ?? nextPosition);
  const [conditionsText, setConditionsText] = useState(JSON.stringify(rule?.conditions ?? [{ field: 'email_category', op: 'eq', value: 'complaint' }], null, 2));
  const upsert = useApiMutation('rules:upsert', ['rules:list']);

  let conditionsError: string | null = null;
  let conditions: z.infer<typeof conditionsSchema> = [];
  try {
    const parsed = conditionsSchema.safeParse(JSON.parse(conditionsText));
    if (parsed.success) conditions = parsed.data;
    else conditionsError = parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ');
  } catch (error) {
    conditionsError = `Not valid JSON: ${(error as Error).message}`;
  }

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
        <label>
          Conditions (JSON: all must hold; ops eq, neq, in, not_in, gt, gte, lt, lte, exists, missing)
          <textarea className={`mono ${conditionsError ? 'invalid' : ''}`} rows={8} value={conditionsText} onChange={(event) => setConditionsText(event.target.value)} spellCheck={false} aria-label="Conditions JSON" />
        </label>
        {conditionsError ? <p className="error-text">{conditionsError}</p> : null}
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
