// Feedback to the agents (issue 15) through the real sync: an edit before approving and a
// rejection reach Supabase under squad_tasks.metadata.owner_feedback and as squad_messages rows
// to the agent; with sync off (before it is enabled) they stay in the task's local history.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Harness } from './test-support/harness';
import { startPostgres, type TestPostgres } from './test-support/postgres';

let remote: TestPostgres;
let harness: Harness;

beforeAll(async () => {
  remote = await startPostgres();
  harness = new Harness(() => remote.url);
});
afterAll(async () => {
  await harness?.cleanup();
  await remote?.destroy();
});

/** A task from the cloud that waits for Kenny; Jarvis's are manual (marked done, never approved), so edits go to a post. */
async function remoteTask(title: string, metadata: Record<string, unknown>, agent = 'Jarvis'): Promise<string> {
  const { rows } = await remote.query<{ id: string }>(
    `INSERT INTO squad_tasks (title, assigned_agent, requires_approval, metadata) VALUES ($1, $3, true, $2::jsonb) RETURNING id::text`,
    [title, JSON.stringify(metadata), agent],
  );
  return rows[0]!.id;
}

describe('feedback to the agents through sync', () => {
  it('an edit and a rejection go back to the cloud with the task, once each', async () => {
    const edited = await remoteTask('Draft the supplier reply', { platform: 'x', content: 'Tell Denon we need 12 units' }, 'Social Media Agent');
    const rejected = await remoteTask('Offer a 30% discount to Sam', { discount_percent: 30 });
    const s = harness.start('feedback');
    await s.sync.syncOnce();
    await s.engine.api['approvals:approve']({ id: edited, by: 'Kenny', edits: { title: 'Reply to Denon', metadata: { platform: 'x', content: 'Tell Denon we need 10 units' } } });
    await s.engine.api['approvals:reject']({ id: rejected, by: 'Kenny', reason: 'We never discount more than 10%' });
    await s.sync.syncOnce();
    await s.sync.syncOnce(); // a second round pushes nothing twice

    const cloudTask = async (id: string) => (await remote.query<{ title: string; metadata: Record<string, unknown> }>('SELECT title, metadata FROM squad_tasks WHERE id = $1', [id])).rows[0]!;
    const editedRow = await cloudTask(edited);
    expect(editedRow.title).toBe('Reply to Denon');
    expect(editedRow.metadata).toMatchObject({
      content: 'Tell Denon we need 10 units',
      owner_feedback: {
        decision: 'edited',
        by: 'Kenny',
        reason: null,
        diff: { title: { before: 'Draft the supplier reply', after: 'Reply to Denon' }, 'metadata.content': { before: 'Tell Denon we need 12 units', after: 'Tell Denon we need 10 units' } },
      },
    });
    expect(Object.keys((editedRow.metadata.owner_feedback as { diff: object }).diff)).toEqual(['title', 'metadata.content']);
    const rejectedRow = await cloudTask(rejected);
    expect(rejectedRow.metadata).toMatchObject({ discount_percent: 30, owner_feedback: { decision: 'rejected', by: 'Kenny', reason: 'We never discount more than 10%', diff: {} } });

    const messages = (
      await remote.query<{ id: string; from_agent: string; to_agent: string; message: string; task_id: string; data: Record<string, unknown> }>(
        'SELECT id::text, from_agent, to_agent, message, task_id::text, data FROM squad_messages ORDER BY created_at',
      )
    ).rows;
    expect(messages.map(({ from_agent, to_agent, task_id, message }) => ({ from_agent, to_agent, task_id, message }))).toEqual([
      { from_agent: 'Kenny', to_agent: 'Social Media Agent', task_id: edited, message: 'Kenny approved "Draft the supplier reply" with edits. title: Draft the supplier reply → Reply to Denon; metadata.content: Tell Denon we need 12 units → Tell Denon we need 10 units' },
      { from_agent: 'Kenny', to_agent: 'Jarvis', task_id: rejected, message: 'Kenny rejected "Offer a 30% discount to Sam": We never discount more than 10%' },
    ]);
    // the message and the metadata carry the same feedback, linked by id
    expect(messages[0]!.data).toEqual({ owner_feedback: editedRow.metadata.owner_feedback });
    expect((editedRow.metadata.owner_feedback as { message_id: string }).message_id).toBe(messages[0]!.id);
    await s.close();
  });

  it('with sync stopped the feedback stays in the task history, and is pushed once when sync runs again', async () => {
    const id = await remoteTask('Post the winter promo', { text: 'Winter promo' });
    const s = harness.start('offline');
    await s.sync.syncOnce();
    await s.sync.stop();
    await s.engine.api['approvals:reject']({ id, by: 'Kenny', reason: 'Wrong season for Cape Town' });
    const local = s.engine.db.prepare('SELECT from_agent, to_agent, message FROM squad_messages WHERE task_id = ?').all(id);
    expect(local).toEqual([{ from_agent: 'Kenny', to_agent: 'Jarvis', message: 'Kenny rejected "Post the winter promo": Wrong season for Cape Town' }]);
    const detail = await s.engine.api['tasks:get']({ id });
    expect(detail.task.metadata.owner_feedback).toMatchObject({ decision: 'rejected', reason: 'Wrong season for Cape Town' });
    expect(detail.decisions.find((d) => d.kind === 'rejected')?.reason).toBe('Wrong season for Cape Town');
    // Still queued (the outbox kept recording since sync was first enabled): pushed when sync runs again.
    const queued = s.engine.db.prepare(`SELECT count(*) AS n FROM sync_outbox WHERE entity = 'message' AND state = 'pending'`).get() as { n: number };
    expect(queued.n).toBe(1);
    await s.close();
    const again = harness.start('offline');
    await again.sync.syncOnce();
    const cloud = await remote.query('SELECT message FROM squad_messages WHERE task_id = $1', [id]);
    expect(cloud.rows).toEqual([{ message: 'Kenny rejected "Post the winter promo": Wrong season for Cape Town' }]);
    await again.close();
  });
});
