/**
 * The rule dialog's conditions: one row per condition (field, what it must be, value), all must
 * hold. "Advanced" shows the same as JSON, where unknown keys are refused with their names.
 */
import { useState } from 'react';
import { conditionOps } from '../../../shared/approval-rules';
import { opWords, parseConditionsJson, suggestedFields, toRow, fromRow, type ConditionOp, type ConditionRow } from './rule-condition-text';

interface Props {
  rows: ConditionRow[];
  onChange: (rows: ConditionRow[]) => void;
}

export function RuleConditions({ rows, onChange }: Props) {
  const [json, setJson] = useState<string | null>(null);
  const [jsonError, setJsonError] = useState<string | null>(null);
  const set = (index: number, patch: Partial<ConditionRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));

  if (json !== null) {
    const apply = () => {
      const parsed = parseConditionsJson(json);
      if (!parsed.ok) return setJsonError(parsed.error);
      onChange(parsed.conditions.map(toRow));
      setJson(null);
      setJsonError(null);
    };
    return (
      <fieldset className="conditions">
        <legend>Conditions (advanced: JSON)</legend>
        <textarea className={`mono ${jsonError ? 'invalid' : ''}`} rows={7} value={json} onChange={(event) => setJson(event.target.value)} spellCheck={false} aria-label="Conditions as JSON" />
        {jsonError ? <p className="error-text small" role="alert">{jsonError}</p> : null}
        <div className="form-actions">
          <button type="button" onClick={() => { setJson(null); setJsonError(null); }}>
            Back to fields (discard)
          </button>
          <button type="button" onClick={apply}>
            Use this JSON
          </button>
        </div>
      </fieldset>
    );
  }

  return (
    <fieldset className="conditions">
      <legend>Conditions (all must hold; none: every task of the agent)</legend>
      <datalist id="rule-fields">
        {suggestedFields.map((field) => (
          <option key={field} value={field} />
        ))}
      </datalist>
      {rows.map((row, index) => {
        const check = fromRow(row);
        return (
          <div className="condition-row" key={index} role="group" aria-label={`Condition ${index + 1}`}>
            <input aria-label="Metadata field" list="rule-fields" placeholder="email_category" value={row.field} onChange={(event) => set(index, { field: event.target.value })} />
            <select aria-label="Must be" value={row.op} onChange={(event) => set(index, { op: event.target.value as ConditionOp })}>
              {conditionOps.map((op) => (
                <option key={op} value={op}>
                  {opWords[op]}
                </option>
              ))}
            </select>
            {row.op === 'exists' || row.op === 'missing' ? (
              <span />
            ) : (
              <input aria-label="Value" placeholder={row.op === 'in' || row.op === 'not_in' ? 'a, b, c' : 'value'} value={row.value} onChange={(event) => set(index, { value: event.target.value })} />
            )}
            <button type="button" className="ghost" aria-label={`Remove condition ${index + 1}`} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
              ×
            </button>
            {!check.ok ? <p className="error-text small condition-error">{check.error}</p> : null}
          </div>
        );
      })}
      <div className="form-actions">
        <button type="button" onClick={() => onChange([...rows, { field: '', op: 'eq', value: '' }])}>
          Add condition
        </button>
        <button type="button" className="ghost" onClick={() => setJson(JSON.stringify(rows.map((row) => { const check = fromRow(row); return check.ok ? check.condition : row; }), null, 2))}>
          Advanced (JSON)…
        </button>
      </div>
    </fieldset>
  );
}
