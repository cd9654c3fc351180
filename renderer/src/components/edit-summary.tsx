/**
 * What Kenny changed against the agent's proposal, in one line ("Edited by Kenny: subject
 * changed, body changed") with the field-by-field before/after behind "What changed": on the
 * approval card (a task saved with edits) and in the task's decision trail.
 */
import type { EditChange } from '../../../shared/edit-diff';
import { describeEdit, fieldLabel } from '../../../shared/edit-diff';

const shown = (value: unknown): string => {
  if (value === null || value === undefined || value === '') return '(none)';
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return text.length > 400 ? `${text.slice(0, 400)}…` : text;
};

export function EditSummary({ by, changes, testId }: { by: string; changes: EditChange[]; testId?: string }) {
  return (
    <div className="edit-note small" data-testid={testId}>
      <span>
        Edited by <strong>{by}</strong>: {describeEdit(changes)}.
      </span>
      <details>
        <summary className="muted">What changed</summary>
        <table className="table compact edit-diff">
          <thead>
            <tr><th>Field</th><th>Agent's proposal</th><th>Now</th></tr>
          </thead>
          <tbody>
            {changes.map((change) => (
              <tr key={change.field}>
                <td>{fieldLabel(change.field)}</td>
                <td className="muted"><del>{shown(change.before)}</del></td>
                <td><ins>{shown(change.after)}</ins></td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
