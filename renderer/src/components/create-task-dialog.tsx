/** New task: title, agent, priority, approval flag, description and metadata JSON (validated). */
import { useState, type FormEvent } from 'react';
import { knownAgents, metadataSchema, taskPriorities, type TaskPriority } from '../../../shared/domain';
import { useApiMutation } from '../hooks/use-api';
import { navigate } from '../hooks/use-route';
import { Modal } from './modal';

export function CreateTaskDialog({ onClose }: { onClose: () => void }) {
  const [title, setTitle] = useState('');
  const [agent, setAgent] = useState<string>('Email Agent');
  const [priority, setPriority] = useState<TaskPriority>('medium');
  const [requiresApproval, setRequiresApproval] = useState(false);
  const [description, setDescription] = useState('');
  const [metadataText, setMetadataText] = useState('{}');
  const create = useApiMutation('tasks:create');

  let metadataError: string | null = null;
  let metadata: Record<string, unknown> = {};
  try {
    const parsed = metadataSchema.safeParse(JSON.parse(metadataText || '{}'));
    if (parsed.success) metadata = parsed.data;
    else metadataError = 'Metadata must be a JSON object.';
  } catch (error) {
    metadataError = `Not valid JSON: ${(error as Error).message}`;
  }

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (metadataError) return;
    create.mutate(
      { title, assignedAgent: agent, priority, requiresApproval, description: description || undefined, metadata },
      {
        onSuccess: (task) => {
          onClose();
          navigate({ view: 'task', id: task.id });
        },
      },
    );
  };

  return (
    <Modal title="New task" onClose={onClose} wide>
      <form className="form" onSubmit={submit}>
        <label>
          Title
          <input value={title} onChange={(event) => setTitle(event.target.value)} required maxLength={500} autoFocus />
        </label>
        <div className="form-row">
          <label>
            Agent
            <select value={agent} onChange={(event) => setAgent(event.target.value)}>
              {knownAgents.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </label>
          <label>
            Priority
            <select value={priority} onChange={(event) => setPriority(event.target.value as TaskPriority)}>
              {taskPriorities.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
          </label>
          <label className="inline">
            <input type="checkbox" checked={requiresApproval} onChange={(event) => setRequiresApproval(event.target.checked)} />
            Requires approval
          </label>
        </div>
        <label>
          Description
          <textarea value={description} onChange={(event) => setDescription(event.target.value)} rows={3} />
        </label>
        <label>
          Metadata (JSON)
          <textarea className={`mono ${metadataError ? 'invalid' : ''}`} value={metadataText} onChange={(event) => setMetadataText(event.target.value)} rows={6} spellCheck={false} aria-label="Metadata JSON" />
        </label>
        {metadataError ? <p className="error-text">{metadataError}</p> : null}
        {create.error ? <p className="error-text" role="alert">{create.error.message}</p> : null}
        <div className="form-actions">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="primary" disabled={!title.trim() || !!metadataError || create.isPending}>
            Create task
          </button>
        </div>
      </form>
    </Modal>
  );
}
