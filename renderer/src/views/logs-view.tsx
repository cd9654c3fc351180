/**
 * Logs and alerts: agent_logs filtered by level, agent (the line's or its task's: the executor
 * writes on behalf of the task's agent), event and words in the message, with a live tail (new
 * lines arrive by event); alerts above in a bounded, collapsible panel.
 */
import { useState } from 'react';
import { knownAgents, logLevels, type LogLevel } from '../../../shared/domain';
import { useApi } from '../hooks/use-api';
import { useDebounced } from '../hooks/use-debounced';
import { AlertsPanel } from '../components/alerts-panel';
import { LogTable } from '../components/log-table';
import { ErrorState, Loading } from '../components/states';

export function LogsView() {
  const [level, setLevel] = useState<LogLevel | ''>('');
  const [agent, setAgent] = useState('');
  const [eventType, setEventType] = useState('');
  const [text, setText] = useState('');
  const search = useDebounced(text.trim());
  const [live, setLive] = useState(true);
  const event = useDebounced(eventType.trim());
  const logs = useApi('logs:list', { level: level ? [level] : undefined, agent: agent || undefined, eventType: event || undefined, search: search || undefined, limit: 200 });
  // Paused tail: keep showing the lines that were on screen while new ones keep arriving.
  const [frozen, setFrozen] = useState<typeof logs.data>(undefined);
  const shown = live ? logs.data : (frozen ?? logs.data);
  const toggleLive = (next: boolean) => {
    setFrozen(next ? undefined : logs.data);
    setLive(next);
  };

  return (
    <div className="view logs">
      <header className="view-head">
        <h1>Logs &amp; alerts</h1>
      </header>
      <AlertsPanel />
      <section className="card" aria-label="Logs">
        <header className="card-head">
          <h2>Agent logs</h2>
          <div className="filters">
            <select aria-label="Level" value={level} onChange={(e) => setLevel(e.target.value as LogLevel | '')}>
              <option value="">All levels</option>
              {logLevels.map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
            <select aria-label="Agent" value={agent} onChange={(e) => setAgent(e.target.value)}>
              <option value="">All agents</option>
              {['Task Executor', ...knownAgents].map((name) => (
                <option key={name}>{name}</option>
              ))}
            </select>
            <input type="search" aria-label="Search log messages" placeholder="Search messages…" value={text} onChange={(e) => setText(e.target.value)} />
            <input aria-label="Event type" placeholder="event type (e.g. task_executed)" value={eventType} onChange={(e) => setEventType(e.target.value)} />
            <label className="inline">
              <input type="checkbox" checked={live} onChange={(e) => toggleLive(e.target.checked)} />
              Live tail
            </label>
          </div>
        </header>
        {logs.isPending ? <Loading /> : null}
        {logs.isError ? <ErrorState error={logs.error} onRetry={() => void logs.refetch()} /> : null}
        {shown ? <LogTable items={shown.items} empty="No log lines match these filters." /> : null}
      </section>
    </div>
  );
}
