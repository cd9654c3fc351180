/**
 * The connect form of one channel, generated from its declaration: a method picker when it has
 * several, one input per field (secrets masked and never echoed back), fields the environment
 * supplies shown locked with their variable, and the engine's refusals at their field
 * (aria-invalid + aria-describedby).
 */
import { useId } from 'react';
import type { ChannelDescriptor, ConnectionField } from '../../../shared/channel-connection';
import { lockedFields } from './channel-actions';

export interface ConnectFormProps {
  formId: string;
  descriptor: ChannelDescriptor;
  methodId: string;
  onMethod: (id: string) => void;
  values: Record<string, string>;
  onValue: (key: string, value: string) => void;
  errors: Record<string, string>;
  envSet: readonly string[];
  hidden: boolean;
  onSubmit: () => void;
}

const inputType = (field: ConnectionField) => (field.type === 'secret' ? 'password' : field.type === 'number' ? 'text' : field.type);

export function ChannelConnectForm(props: ConnectFormProps) {
  const base = useId();
  const method = props.descriptor.methods.find((candidate) => candidate.id === props.methodId) ?? props.descriptor.methods[0]!;
  const locked = lockedFields(method, props.envSet);
  return (
    <form
      id={props.formId}
      className="channel-panel"
      hidden={props.hidden}
      aria-label={`Connect ${props.descriptor.name}`}
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        props.onSubmit();
      }}
    >
      {props.descriptor.methods.length > 1 ? (
        <label className="channel-method">
          Connect with
          <select value={method.id} onChange={(event) => props.onMethod(event.target.value)}>
            {props.descriptor.methods.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.label}
              </option>
            ))}
          </select>
        </label>
      ) : null}
      {method.help ? <p className="muted small">{method.help}</p> : null}
      <div className="form-row">
        {method.fields.map((field) => {
          const id = `${base}-${field.key}`;
          const error = props.errors[field.key];
          const env = locked.get(field.key);
          const described = [error ? `${id}-error` : null, field.help || env ? `${id}-help` : null].filter(Boolean).join(' ') || undefined;
          return (
            <div className="channel-field" key={`${method.id}-${field.key}`}>
              <label htmlFor={id}>
                {field.label}
                {field.required ? null : <span className="muted"> (optional)</span>}
              </label>
              <input
                id={id}
                name={field.key}
                type={env ? 'text' : inputType(field)}
                value={env ? `Set by ${env}` : (props.values[field.key] ?? '')}
                disabled={!!env}
                readOnly={!!env}
                onChange={(event) => props.onValue(field.key, event.target.value)}
                placeholder={field.placeholder}
                autoComplete="off"
                spellCheck={false}
                inputMode={field.type === 'number' ? 'numeric' : undefined}
                aria-invalid={error ? true : undefined}
                aria-describedby={described}
              />
              {env || field.help ? (
                <span id={`${id}-help`} className="muted small">
                  {env ? `Locked: the ${env} environment variable supplies it.` : field.help}
                </span>
              ) : null}
              {error ? (
                <span id={`${id}-error`} className="error-text small" data-field-error={field.key}>
                  {error}
                </span>
              ) : null}
            </div>
          );
        })}
      </div>
    </form>
  );
}
