/** Filters for the queue: status (incl. "needs approval"), agent, priority, full-text search. */
import { statusLabels } from './badges';
import { knownAgents, taskPriorities, taskStatuses, type TaskPriority, type TaskStatus } from '../../../shared/domain';

export interface QueueFilterState {
  status: TaskStatus | 'awaiting' | '';
  agent: string;
  priority: TaskPriority | '';
  search: string;
}

export const emptyFilters: QueueFilterState = { status: '', agent: '', priority: '', search: '' };

export function QueueFilters({ value, onChange }: { value: QueueFilterState; onChange: (next: QueueFilterState) => void }) {
  const set = <K extends keyof QueueFilterState>(key: K, next: QueueFilterState[K]) => onChange({ ...value, [key]: next });
  return (
    <div className="filters" role="search">
      <input
        type="search"
        className="search"
        placeholder="Search title, description, agent, customer e-mail…"
        aria-label="Search tasks"
        value={value.search}
        onChange={(event) => set('search', event.target.value)}
      />
      <select aria-label="Status" value={value.status} onChange={(event) => set('status', event.target.value as QueueFilterState['status'])}>
        <option value="">All statuses</option>
        <option value="awaiting">Needs approval</option>
        {taskStatuses.map((status) => (
          <option key={status} value={status}>
            {statusLabels[status]}
          </option>
        ))}
      </select>
      <select aria-label="Agent" value={value.agent} onChange={(event) => set('agent', event.target.value)}>
        <option value="">All agents</option>
        {knownAgents.map((agent) => (
          <option key={agent} value={agent}>
            {agent}
          </option>
        ))}
      </select>
      <select aria-label="Priority" value={value.priority} onChange={(event) => set('priority', event.target.value as QueueFilterState['priority'])}>
        <option value="">All priorities</option>
        {taskPriorities.map((priority) => (
          <option key={priority} value={priority}>
            {priority}
          </option>
        ))}
      </select>
      {value.status || value.agent || value.priority || value.search ? (
        <button type="button" className="ghost" onClick={() => onChange(emptyFilters)}>
          Clear
        </button>
      ) : null}
    </div>
  );
}
