/**
 * One field of a task editor: its label, the input, and the validation errors that belong to it
 * (shown under the input, linked with aria-describedby). "Fix…" on a blocked task opens the editor
 * with the focus on the field it named (`data-autofocus`, picked up by Modal).
 */
import { useId, type ReactNode } from 'react';
import { isFocusTarget, messagesAt, type FieldProblem } from './field-problems';

export interface InputProps {
  id: string;
  'aria-invalid': boolean;
  'aria-describedby': string | undefined;
  'data-autofocus': true | undefined;
  'data-field': string;
}

export function Field({ label, field, problems, focusField, hint, children }: { label: string; field: string; problems: FieldProblem[]; focusField: string | null; hint?: ReactNode; children: (input: InputProps) => ReactNode }) {
  const id = useId();
  const messages = messagesAt(problems, field);
  const errorId = messages.length ? `${id}-error` : undefined;
  return (
    <div className={`editor-field ${messages.length ? 'has-error' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children({ id, 'aria-invalid': messages.length > 0, 'aria-describedby': errorId, 'data-autofocus': isFocusTarget(focusField, field) ? true : undefined, 'data-field': field })}
      {hint ? <div className="muted small">{hint}</div> : null}
      {messages.length ? (
        <ul className="field-error error-text small" id={errorId} data-testid={`error-${field}`}>
          {messages.map((message, index) => (
            <li key={index}>{message}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/** A metadata value as text for an input: strings as they are, lists joined with ", ". */
export function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(String).join(', ');
  return String(value);
}

/** Text from an input back to metadata: empty removes the key (undefined). */
export const fromText = (text: string): string | undefined => (text === '' ? undefined : text);
