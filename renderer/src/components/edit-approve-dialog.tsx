/**
 * Edit then approve: title, description and metadata (a JSON editor checked as you type). The
 * engine validates the edits against the channel's payload schema and records them in the
 * history; its error is shown here and nothing is approved.
 */
import { useMemo, useState, type FormEvent } from 'react';
import type { ApprovalItem } from '../../../shared/contract';
import { metadataSchema, type TaskMetadata } from '../../../shared/domain';
import { useApiMutation } from '../hooks/use-api';
import { trackApprovals } from './shell/undo-store';
import { Modal } from './modal';
import { PreviewView } from './preview-view';

function parseMetadata(text: string): { value: TaskMetadata } | { error: string } {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    return { error: `Not valid JSON: ${(error as Error).message}` };
  }
  const parsed = metadataSchema.safeParse(raw);
  return parsed.success ? { value: parsed.data } : { error: 'Metadata must be a JSON object ({ … }).' };
}

/** `focusField`: the metadata path to fix ("Fix…" on a blocker); the JSON editor gets the focus. */
export function EditApproveDialog({ item, onClose, onApproved, focusField = null }: { item: ApprovalItem; onClose: () => void; onApproved?: () => void; focusField?: string | null }) {
  const { task } = item;
  const [title, setTitle] = useState(task.title);
  const [description, setDescription] = useState(task.description ?? '');
  const [metadataText, setMetadataText] = useState(() => JSON.stringify(task.metadata, null, 2));
  const approve = useApiMutation('approvals:approve');
  const metadata = useMemo(() => parseMetadata(metadataText), [metadataText]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if ('error' in metadata) return;
    const edits: { title?: string; description?: string; metadata?: TaskMetadata } = {};
    if (title.trim() !== task.title) edits.title = title.trim();
    if (description !== (task.description ?? '')) edits.description = description;
    if (JSON.stringify(metadata.value) !== JSON.stringify(task.metadata)) edits.metadata = metadata.value;
    approve.mutate({ id: task.id, edits: Object.keys(edits).length ? edits : undefined, undo: true }, { onSuccess: (approved) => { trackApprovals([approved]); onApproved?.(); onClose(); } });
  };

  return (
    <Modal title="Edit then approve" onClose={onClose} wide>
      <form onSubmit={submit} className="form edit-form">
        <div className="edit-columns">
          <div className="edit-fields">
            {focusField ? (
              <p className="warn-text small" data-testid="fix-field">
                Fix <code>{focusField}</code> ({focusField.replace(/^metadata\./, '')} in the metadata below), then save.
              </p>
            ) : null}
            <label>
              Title
              <input value={title} onChange={(event) => setTitle(event.target.value)} maxLength={500} required />
            </label>
            <label>
              Description
              <textarea value={description} onChange={(event) => setDescription(event.target.value)} rows={3} />
            </label>
            <label>
              Metadata (JSON)
              <textarea
                className={`mono json-editor ${'error' in metadata ? 'invalid' : ''}`}
                value={metadataText}
                onChange={(event) => setMetadataText(event.target.value)}
                rows={12}
                spellCheck={false}
                aria-invalid={'error' in metadata}
                aria-label="Metadata JSON"
                data-autofocus={focusField ? true : undefined}
              />
            </label>
            {'error' in metadata ? <p className="error-text" role="alert">{metadata.error}</p> : null}
          </div>
          <div className="edit-preview">
            <div className="muted small">Current preview (before your edits)</div>
            <PreviewView preview={item.preview} error={item.previewError} />
          </div>
        </div>
        {approve.error ? (
          <p className="error-text" role="alert" data-testid="edit-error">
            Not approved: {approve.error.message}
          </p>
        ) : null}
        <div className="form-actions">
          <span className="muted small">Ctrl/⌘+Enter to save</span>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={'error' in metadata || !title.trim() || approve.isPending}>
            {approve.isPending ? 'Approving…' : 'Save and approve'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
