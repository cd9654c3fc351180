/**
 * Ctrl/⌘+K: a command palette. Type to filter; ↑/↓ choose, Enter runs: go to a view, pause or
 * resume the executor, run now, or open a task found by the queue's full-text search.
 */
import { useEffect, useState, type KeyboardEvent } from 'react';
import { useApi, useApiMutation } from '../../hooks/use-api';
import { useDebounced } from '../../hooks/use-debounced';
import { navigate } from '../../hooks/use-route';
import { announce } from '../announce';
import { shortcutsBlocked } from '../dialog-guard';
import { Modal } from '../modal';
import { paletteCommands, type PaletteCommand } from './palette-commands';

function Palette({ onClose }: { onClose: () => void }) {
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const search = useDebounced(query.trim(), 150);
  const status = useApi('status:get', {});
  const tasks = useApi('tasks:list', { search, limit: 8, sort: 'updatedAt', direction: 'desc' }, { enabled: search.length >= 2 });
  const pause = useApiMutation('executor:pause');
  const resume = useApiMutation('executor:resume');
  const runNow = useApiMutation('executor:runNow');
  const commands = paletteCommands(query, status.data?.paused ?? false, search.length >= 2 ? (tasks.data?.items ?? []) : []);
  const active = Math.min(index, Math.max(commands.length - 1, 0));

  const run = (command: PaletteCommand | undefined) => {
    if (!command) return;
    onClose();
    if (command.kind === 'go') navigate(command.route);
    else if (command.kind === 'task') navigate({ view: 'task', id: command.id });
    else if (command.kind === 'pause') pause.mutate({}, { onSuccess: () => announce('Executor paused.') });
    else if (command.kind === 'resume') resume.mutate({}, { onSuccess: () => announce('Executor resumed.') });
    else runNow.mutate({}, { onSuccess: (summary) => announce(`Ran once: ${summary.executed} executed, ${summary.failed} failed.`) });
  };

  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      setIndex((active + (event.key === 'ArrowDown' ? 1 : commands.length - 1)) % Math.max(commands.length, 1));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      run(commands[active]);
    }
  };

  return (
    <Modal title="Command palette" onClose={onClose}>
      <div className="palette">
        <input
          type="text"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={commands[active] ? `palette-${active}` : undefined}
          aria-label="Command or task to find"
          placeholder="Go to…, pause, run now, or a task’s words"
          value={query}
          onChange={(event) => {
            setQuery(event.target.value);
            setIndex(0);
          }}
          onKeyDown={onKeyDown}
          data-autofocus
        />
        <ul id="palette-list" role="listbox" aria-label="Commands" className="palette-list">
          {commands.map((command, i) => (
            <li key={`${command.kind}-${command.label}-${i}`} id={`palette-${i}`} role="option" aria-selected={i === active} className={i === active ? 'active' : ''} onMouseEnter={() => setIndex(i)} onClick={() => run(command)}>
              <span className="ellipsis">{command.kind === 'task' ? `Open task: ${command.label}` : command.label}</span>
              {command.kind === 'task' ? <span className="muted small nowrap">{command.hint}</span> : null}
            </li>
          ))}
          {commands.length === 0 ? <li className="muted small">{tasks.isFetching ? 'Searching…' : 'Nothing matches.'}</li> : null}
        </ul>
      </div>
    </Modal>
  );
}

export function CommandPalette() {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKey = (event: globalThis.KeyboardEvent) => {
      if (event.key.toLowerCase() !== 'k' || !(event.ctrlKey || event.metaKey) || event.altKey) return;
      event.preventDefault();
      if (!shortcutsBlocked()) setOpen(true);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  return open ? <Palette onClose={() => setOpen(false)} /> : null;
}
