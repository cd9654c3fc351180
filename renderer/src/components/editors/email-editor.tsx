/**
 * A composed e-mail (Gmail): to, cc, subject, text body and, when the agent wrote one, the HTML
 * body; the preview beside it renders the e-mail as the customer will see it. A task that sends
 * a Gmail draft is sent as it is in Gmail: its text is edited in Gmail (or replaced in Advanced).
 */
import type { EditorEntry, EditorProps } from './editor-types';
import { asText, Field, fromText } from './field';

function EmailEditor({ metadata, set, problems, focusField }: EditorProps) {
  if (metadata.draft_id !== undefined) {
    return (
      <p className="muted small" data-testid="draft-note">
        This task sends Gmail draft <code>{asText(metadata.draft_id)}</code> exactly as it is in Gmail (shown on the right). Change its text in Gmail, or replace it with a composed message in Advanced.
      </p>
    );
  }
  const text = (key: string, label: string, hint?: string) => (
    <Field label={label} field={`metadata.${key}`} problems={problems} focusField={focusField} hint={hint}>
      {(input) => <input {...input} value={asText(metadata[key])} onChange={(event) => set(key, fromText(event.target.value))} />}
    </Field>
  );
  return (
    <>
      {text('to', 'To', 'Addresses separated by commas')}
      {text('cc', 'Cc')}
      {text('subject', 'Subject')}
      <Field label="Body (plain text)" field="metadata.body_text" problems={problems} focusField={focusField}>
        {(input) => <textarea {...input} rows={8} value={asText(metadata.body_text)} onChange={(event) => set('body_text', fromText(event.target.value))} />}
      </Field>
      {metadata.body_html !== undefined ? (
        <Field label="Body (HTML, rendered on the right)" field="metadata.body_html" problems={problems} focusField={focusField}>
          {(input) => <textarea {...input} className="mono" rows={8} spellCheck={false} value={asText(metadata.body_html)} onChange={(event) => set('body_html', event.target.value)} />}
        </Field>
      ) : null}
    </>
  );
}

export const emailEditor: EditorEntry = { label: 'E-mail', fields: ['metadata.to', 'metadata.cc', 'metadata.subject', 'metadata.body_text', 'metadata.body_html'], Editor: EmailEditor };
