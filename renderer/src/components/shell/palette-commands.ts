/**
 * What the command palette offers for what Kenny typed: views, executor actions and, from two
 * characters on, tasks found by the queue's search. Pure, so it is unit-tested.
 */
import type { Route } from '../../hooks/use-route';
import { statusLabels } from '../badges';

export type PaletteCommand =
  | { kind: 'go'; label: string; route: Route }
  | { kind: 'pause' | 'resume' | 'runNow'; label: string }
  | { kind: 'task'; label: string; id: string; hint: string };

const views: { label: string; route: Route; words: string }[] = [
  { label: 'Go to Today', route: { view: 'today' }, words: 'today home dashboard' },
  { label: 'Go to Approvals', route: { view: 'approvals' }, words: 'approvals inbox waiting decide' },
  { label: 'Go to Queues', route: { view: 'queues' }, words: 'queues tasks all list search' },
  { label: 'Go to Logs & alerts', route: { view: 'logs' }, words: 'logs alerts events' },
  { label: 'Go to Settings', route: { view: 'settings' }, words: 'settings rules channels limits' },
];

const matches = (text: string, query: string) => query.split(/\s+/).filter(Boolean).every((word) => text.toLowerCase().includes(word.toLowerCase()));

/** Commands for `query` (empty: all views and actions); `paused` chooses Pause or Resume. */
export function paletteCommands(query: string, paused: boolean, tasks: { id: string; title: string; assignedAgent: string; status: keyof typeof statusLabels }[]): PaletteCommand[] {
  const q = query.trim();
  const actions: PaletteCommand[] = [
    paused ? { kind: 'resume', label: 'Resume the executor' } : { kind: 'pause', label: 'Pause the executor' },
    { kind: 'runNow', label: 'Run now (poll once)' },
  ];
  const found: PaletteCommand[] = [
    ...views.filter((view) => matches(`${view.label} ${view.words}`, q)).map((view) => ({ kind: 'go' as const, label: view.label, route: view.route })),
    ...actions.filter((action) => matches(`${action.label} executor`, q)),
  ];
  if (q.length >= 2) found.push(...tasks.map((task) => ({ kind: 'task' as const, label: task.title, id: task.id, hint: `${task.assignedAgent} · ${statusLabels[task.status]}` })));
  return found;
}
