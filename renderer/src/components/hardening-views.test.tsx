/**
 * Issue 16 on the dashboard: a damaged row is marked in the queue (the rest renders), and a wait
 * for another process's database lock is shown on the executor panel.
 */
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { TaskSummary } from '../../../shared/contract';
import { LockWaitLine } from './executor-panel';
import { QueueRow } from './queue-row';

const task: TaskSummary = {
  id: 'blob',
  title: '[damaged title: binary data (4 bytes)]',
  status: 'failed',
  assignedAgent: 'Jarvis',
  priority: 'medium',
  createdAt: '2026-11-29T10:00:00.000Z',
  updatedAt: '2026-11-29T10:00:00.000Z',
  executionAttempts: 0,
  executionError: 'Damaged row: title is binary data (4 bytes), expected text',
  requiresApproval: false,
  approvedAt: null,
  holdReason: null,
  notBefore: null,
  outcomeUnknown: false,
  damage: ['title is binary data (4 bytes), expected text'],
  dryRunVerdict: null,
  dryRunReason: null,
};

describe('damaged rows in the queue', () => {
  it('marks the row damaged and names the column', () => {
    const html = renderToStaticMarkup(<QueueRow index={0} start={0} task={task} />);
    expect(html).toContain('>damaged<');
    expect(html).toContain('title="Damaged row: title is binary data (4 bytes), expected text"');
  });
  it('shows healthy rows without the mark', () => {
    const { damage: _damage, ...healthy } = task;
    expect(renderToStaticMarkup(<QueueRow index={0} start={0} task={{ ...healthy, title: 'Fine' }} />)).not.toContain('damaged');
  });
});

describe('lock wait on the executor panel', () => {
  it('says the app is waiting while another process holds the lock', () => {
    const html = renderToStaticMarkup(<LockWaitLine lockWait={{ waitingSince: '2026-11-29T10:00:00.000Z', last: null }} />);
    expect(html).toMatch(/Waiting for the database: another process holds its write lock/);
  });
  it('reports the last long wait, and a refused change', () => {
    const html = renderToStaticMarkup(<LockWaitLine lockWait={{ waitingSince: null, last: { waitedMs: 5_200, at: '2026-11-29T10:00:00.000Z', acquired: false } }} />);
    expect(html).toMatch(/Last database lock wait: .* \(gave up; the change was refused, try again\)/);
    expect(renderToStaticMarkup(<LockWaitLine lockWait={{ waitingSince: null, last: { waitedMs: 40, at: '2026-11-29T10:00:00.000Z', acquired: true } }} />)).toBe('');
  });
});
