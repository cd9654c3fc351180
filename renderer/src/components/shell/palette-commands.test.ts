import { describe, expect, it } from 'vitest';
import { paletteCommands } from './palette-commands';

describe('paletteCommands', () => {
  it('lists every view and the executor actions for an empty query; Pause or Resume by state', () => {
    const all = paletteCommands('', false, []);
    expect(all.map((command) => command.label)).toEqual(['Go to Today', 'Go to Approvals', 'Go to Queues', 'Go to Logs & alerts', 'Go to Settings', 'Pause the executor', 'Run now (poll once)']);
    expect(paletteCommands('', true, []).some((command) => command.kind === 'resume')).toBe(true);
  });

  it('filters by words and adds found tasks from two characters on', () => {
    const tasks = [{ id: 't1', title: 'Reply to Lerato', assignedAgent: 'Email Agent', status: 'new' as const }];
    expect(paletteCommands('inbox', false, tasks).map((command) => command.label)).toEqual(['Go to Approvals', 'Reply to Lerato']);
    expect(paletteCommands('l', false, tasks).some((command) => command.kind === 'task')).toBe(false);
    expect(paletteCommands('pause', false, []).map((command) => command.kind)).toEqual(['pause']);
  });
});
