/**
 * Edit then approve: the task's own editor (editors/editor-registry.ts: e-mail, post, newsletter,
 * SEO, Google Ads) with the live preview beside it, or the JSON of its metadata ("Advanced").
 * Every change is checked by the engine as it would run (approvals:preview, debounced); errors
 * show at their field and Approve stays disabled until the edit is valid. "Save edits" keeps the
 * task waiting, edited; either way the engine records what changed against the agent's proposal.
 */
import { useMemo, useState, type FormEvent } from 'react';
import type { ApprovalItem, TaskEdits } from '../../../shared/contract';
import { metadataSchema, type TaskMetadata } from '../../../shared/domain';
import { describeEdit, editChanges } from '../../../shared/edit-diff';
import { useApiMutation } from '../hooks/use-api';
import { editorFor } from './editors/editor-registry';
import { problemsOf, unplaced } from './editors/field-problems';
import { useEditPreview } from './editors/use-edit-preview';
import { trackApprovals } from './shell/undo-store';
import { Modal } from './modal';
import { PreviewView } from './preview-view';

interface Draft {
  title: string;
  description: string;
  metadata: TaskMetadata;
}

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

/** The edits a draft makes to the task (null: none). */
function editsOf(task: ApprovalItem['task'], draft: Draft): TaskEdits | null {
  const edits: TaskEdits = {};
  if (draft.title.trim() !== task.title) edits.title = draft.title.trim();
  if (draft.description !== (task.description ?? '')) edits.description = draft.description;
  if (JSON.stringify(draft.metadata) !== JSON.stringify(task.metadata)) edits.metadata = draft.metadata;
  return Object.keys(edits).length ? edits : null;
}

/** `focusField`: the metadata path to fix ("Fix…" on a blocker); its input gets the focus. */
export function EditApproveDialog({ item, onClose, onApproved, onSaved, focusField = null }: { item: ApprovalItem; onClose: () => void; onApproved?: () => void; onSaved?: () => void; focusField?: string | null }) {
  const { task } = item;
  const entry = editorFor(item);
  // "Fix…" on a field no editor shows opens the JSON, where every field is.
  const editorShowsFocus = !focusField || !!entry?.fields.some((field) => focusField === field || focusField.startsWith(`${field}.`));
  const [tab, setTab] = useState<'editor' | 'json'>(entry && editorShowsFocus ? 'editor' : 'json');
  const [draft, setDraft] = useState<Draft>({ title: task.title, description: task.description ?? '', metadata: task.metadata });
  const [jsonText, setJsonText] = useState(() => JSON.stringify(task.metadata, null, 2));
  const [jsonError, setJsonError] = useState<string | null>(null);
  const approve = useApiMutation('approvals:approve');
  const save = useApiMutation('approvals:save');

  const edits = useMemo(() => editsOf(task, draft), [task, draft]);
  const live = useEditPreview(task.id, edits, { preview: item.preview, previewError: item.previewError, channel: item.channel });
  const problems = problemsOf(live.result);
  // An untouched description stays as stored ('' and null are both "none").
  const changes = edits ? describeEdit(editChanges(task, { ...draft, description: draft.description === (task.description ?? '') ? task.description : draft.description })) : null;
  const blocked = !!jsonError || !draft.title.trim() || live.checking || !!live.failed;
  const canApprove = !blocked && problems.length === 0 && !approve.isPending;
  // The payload does not parse (no preview at all); a provider copy that could not be loaded does not stop a save.
  const payloadBroken = !!(live.result.previewError && live.result.channel && !live.result.preview);
  const canSave = !!edits && !blocked && !payloadBroken && !save.isPending;

  const set = (key: string, value: unknown) =>
    setDraft((old) => {
      const metadata = { ...old.metadata };
      if (value === undefined) delete metadata[key];
      else metadata[key] = value;
      return { ...old, metadata };
    });
  const showTab = (next: 'editor' | 'json') => {
    if (next === 'json') {
      setJsonText(JSON.stringify(draft.metadata, null, 2));
      setJsonError(null);
    }
    setTab(next);
  };
  const editJson = (text: string) => {
    setJsonText(text);
    const parsed = parseMetadata(text);
    setJsonError('error' in parsed ? parsed.error : null);
    if ('value' in parsed) setDraft((old) => ({ ...old, metadata: parsed.value }));
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!canApprove) return;
    approve.mutate({ id: task.id, edits: edits ?? undefined, undo: true }, { onSuccess: (approved) => { trackApprovals([approved]); onApproved?.(); onClose(); } });
  };
  const saveOnly = () => {
    if (!canSave || !edits) return;
    save.mutate({ id: task.id, edits }, { onSuccess: () => { onSaved?.(); onClose(); } });
  };
  const others = tab === 'editor' && entry ? unplaced(problems, entry.fields) : [];
  const Editor = entry?.Editor;

  return (
    <Modal title="Edit then approve" onClose={onClose} wide>
      <form onSubmit={submit} className="form edit-form">
        <div className="tabs" role="tablist" aria-label="How to edit">
          {entry ? (
            <button type="button" role="tab" aria-selected={tab === 'editor'} className={tab === 'editor' ? 'tab tab-on' : 'tab'} onClick={() => showTab('editor')}>
              {entry.label}
            </button>
          ) : null}
          <button type="button" role="tab" aria-selected={tab === 'json'} className={tab === 'json' ? 'tab tab-on' : 'tab'} onClick={() => showTab('json')}>
            Advanced (JSON)
          </button>
        </div>
        <div className="edit-columns">
          <div className="edit-fields" role="tabpanel" aria-label={tab === 'editor' && entry ? entry.label : 'Advanced (JSON)'}>
            {focusField ? (
              <p className="warn-text small" data-testid="fix-field">
                Fix <code>{focusField}</code>{tab === 'json' ? ` (${focusField.replace(/^metadata\./, '')} in the metadata below)` : ''}, then approve.
              </p>
            ) : null}
            {others.length ? (
              <ul className="error-text small" data-testid="edit-problems" aria-label="Problems to fix">
                {others.map((problem, index) => (
                  <li key={index}>{problem.field ? <code>{problem.field}</code> : null} {problem.message}</li>
                ))}
              </ul>
            ) : null}
            <label>
              Title
              <input value={draft.title} onChange={(event) => setDraft((old) => ({ ...old, title: event.target.value }))} maxLength={500} required />
            </label>
            {tab === 'editor' && Editor ? (
              <Editor metadata={draft.metadata} set={set} problems={problems} focusField={focusField} preview={live.result.preview} proposal={item.preview} />
            ) : (
              <>
                <label>
                  Description
                  <textarea value={draft.description} onChange={(event) => setDraft((old) => ({ ...old, description: event.target.value }))} rows={3} />
                </label>
                <label>
                  Metadata (JSON)
                  <textarea
                    className={`mono json-editor ${jsonError ? 'invalid' : ''}`}
                    value={jsonText}
                    onChange={(event) => editJson(event.target.value)}
                    rows={12}
                    spellCheck={false}
                    aria-invalid={!!jsonError}
                    aria-label="Metadata JSON"
                    data-autofocus={focusField && !editorShowsFocus ? true : undefined}
                  />
                </label>
                {jsonError ? <p className="error-text" role="alert">{jsonError}</p> : null}
                {problems.length ? (
                  <ul className="error-text small" data-testid="edit-problems" aria-label="Problems to fix">
                    {problems.map((problem, index) => (
                      <li key={index}>{problem.field ? <code>{problem.field}</code> : null} {problem.message}</li>
                    ))}
                  </ul>
                ) : null}
              </>
            )}
            {item.edited ? (
              <p className="muted small" data-testid="earlier-edit">
                Edited earlier by {item.edited.by}: {describeEdit(item.edited.changes)}.
              </p>
            ) : null}
            {changes ? (
              <p className="small" data-testid="edit-changes">
                Your changes: {changes}.
              </p>
            ) : null}
          </div>
          <div className="edit-preview">
            <div className="muted small" role="status" data-testid="live-status">
              {live.failed ? `Could not check the edit: ${live.failed}` : live.checking ? 'Checking your edit…' : edits ? 'Preview of your edit, checked by the engine' : 'Preview as the agent proposed it'}
            </div>
            <PreviewView preview={live.result.preview} error={live.result.previewError} />
          </div>
        </div>
        {approve.error || save.error ? (
          <p className="error-text" role="alert" data-testid="edit-error">
            {approve.error ? `Not approved: ${approve.error.message}` : `Not saved: ${save.error!.message}`}
          </p>
        ) : null}
        <div className="form-actions">
          <span className="muted small">Ctrl/⌘+Enter to approve</span>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" onClick={saveOnly} disabled={!canSave} title="Keep it waiting, with your edits">
            {save.isPending ? 'Saving…' : 'Save edits'}
          </button>
          <button type="submit" className="primary" disabled={!canApprove} title={canApprove ? 'Approve with your edits' : 'Fix the problems first'}>
            {approve.isPending ? 'Approving…' : 'Save and approve'}
          </button>
        </div>
      </form>
    </Modal>
  );
}
