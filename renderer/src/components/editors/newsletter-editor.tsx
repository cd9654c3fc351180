/**
 * A newsletter (Brevo): subject, preview text and the HTML, each starting from the task or its
 * draft row; the preview beside it renders the e-mail as subscribers will see it. An edit is kept
 * on the task (metadata overrides the draft row).
 */
import type { PreviewDetail } from '../../../../shared/preview';
import type { EditorEntry, EditorProps } from './editor-types';
import { asText, Field } from './field';

type Newsletter = Extract<PreviewDetail, { kind: 'newsletter' }>;

function NewsletterEditor({ metadata, set, problems, focusField, proposal }: EditorProps) {
  const draft = proposal?.detail.kind === 'newsletter' ? (proposal.detail as Newsletter) : null;
  const value = (key: string, fallback: string | null | undefined) => (metadata[key] !== undefined ? asText(metadata[key]) : fallback ?? '');
  return (
    <>
      <Field label="Subject" field="metadata.subject" problems={problems} focusField={focusField}>
        {(input) => <input {...input} value={value('subject', draft?.subject)} onChange={(event) => set('subject', event.target.value)} />}
      </Field>
      <Field label="Preview text" field="metadata.preview_text" problems={problems} focusField={focusField} hint="Shown after the subject in the inbox list">
        {(input) => <input {...input} value={value('preview_text', draft?.previewText)} onChange={(event) => set('preview_text', event.target.value)} />}
      </Field>
      <Field label="HTML (rendered on the right)" field="metadata.html_content" problems={problems} focusField={focusField}>
        {(input) => <textarea {...input} className="mono" rows={14} spellCheck={false} value={value('html_content', draft?.html)} onChange={(event) => set('html_content', event.target.value)} />}
      </Field>
    </>
  );
}

export const newsletterEditor: EditorEntry = { label: 'Newsletter', fields: ['metadata.subject', 'metadata.preview_text', 'metadata.html_content'], Editor: NewsletterEditor };
