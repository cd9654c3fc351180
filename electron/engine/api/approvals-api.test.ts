import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createXHandler } from '../channels/x/x-handler';
import { MemorySecretStore } from '../secrets/types';

const xHandler = createXHandler({ env: {}, secrets: new MemorySecretStore() });
import type { Engine } from '../index';
import { tempDir, testEngine } from '../test-support/engine-fixture';

let dir: ReturnType<typeof tempDir>;
let engine: Engine;
beforeEach(() => {
  dir = tempDir();
  engine = testEngine({ dir: dir.path, handlers: [xHandler], env: { AGENT_DRY_RUN: 'true' } });
});
afterEach(async () => {
  await engine.close();
  dir.cleanup();
});

const post = (content: string) => engine.api['tasks:create']({ title: 'Weekend sale post', assignedAgent: 'Social Media Agent', metadata: { platform: 'x', content } });

describe('approvals', () => {
  it('lists waiting tasks with the exact preview and the rule that asked', async () => {
    const task = await post('Weekend sale: 20% off all Denon receivers');
    const { items, total } = await engine.api['approvals:list']({});
    expect(total).toBe(1);
    expect(items[0]).toMatchObject({
      task: { id: task.id, policyReason: 'Rule "Every social post needs approval"' },
      channel: 'x',
      preview: { detail: { kind: 'social_post', text: 'Weekend sale: 20% off all Denon receivers', characterLimit: 280 } },
    });
  });

  it('edit then approve: edits are validated against the channel schema and kept in the history', async () => {
    const task = await post('Old text');
    await expect(engine.api['approvals:approve']({ id: task.id, edits: { metadata: { platform: 'x', content: 'x'.repeat(281) } } })).rejects.toMatchObject({
      code: 'invalid_input',
      message: expect.stringMatching(/metadata\.content: the post counts 281 on X .*over X's limit of 280/),
    });
    expect((await engine.api['tasks:get']({ id: task.id })).task.approvedAt).toBeNull();
    const approved = await engine.api['approvals:approve']({ id: task.id, by: 'Kenny', edits: { metadata: { platform: 'x', content: 'New text' } } });
    // The edit, plus Kenny's feedback to the agent under one key (shared/owner-feedback.ts).
    expect(approved.metadata).toMatchObject({ platform: 'x', content: 'New text', owner_feedback: { decision: 'edited', by: 'Kenny', diff: { 'metadata.content': { before: 'Old text', after: 'New text' } } } });
    const edit = (await engine.api['tasks:get']({ id: task.id })).decisions.find((decision) => decision.kind === 'edited');
    expect(edit).toMatchObject({ actor: 'Kenny', details: { before: { metadata: { content: 'Old text' } }, after: { metadata: { content: 'New text' } } } });
  });

  it('bulk decisions report each task; reject in bulk needs a reason', async () => {
    const a = await post('one');
    const b = await post('two');
    await expect(engine.api['approvals:bulk']({ ids: [a.id, b.id], decision: 'reject' })).rejects.toMatchObject({ code: 'invalid_input' });
    const result = await engine.api['approvals:bulk']({ ids: [a.id, b.id, 'missing'], decision: 'approve' });
    expect(result.results.map((entry) => [entry.id, entry.ok])).toEqual([[a.id, true], [b.id, true], ['missing', false]]);
    expect(result.results[2]!.error).toMatch(/not found/);
  });

  it('cancel takes a waiting task out of the queue; re-queue refuses tasks that did not fail', async () => {
    const task = await post('cancel me');
    const cancelled = await engine.api['tasks:cancel']({ id: task.id, reason: 'sale moved' });
    expect(cancelled).toMatchObject({ status: 'rejected', rejectionReason: 'Cancelled: sale moved' });
    await expect(engine.api['tasks:requeue']({ id: task.id })).rejects.toMatchObject({ code: 'conflict' });
    await expect(engine.api['tasks:cancel']({ id: task.id })).rejects.toMatchObject({ code: 'conflict' });
  });

  it('rejects malformed input with a message naming the field', async () => {
    await expect(engine.api['tasks:create']({ title: '', assignedAgent: 'Email Agent' } as never)).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/title/) });
    await expect(engine.api['tasks:list']({ limit: 100_000 } as never)).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/limit/) });
  });

  it('searches and pages in SQL', async () => {
    for (const content of ['Sonos Era 300 back in stock', 'Denon AVR sale', 'Sonos Arc review']) await post(content);
    engine.db.prepare(`UPDATE squad_tasks SET title = metadata ->> '$.content'`).run();
    const found = await engine.api['tasks:list']({ search: 'sonos' });
    expect(found.items.map((item) => item.title).sort()).toEqual(['Sonos Arc review', 'Sonos Era 300 back in stock']);
    expect(found.total).toBe(2);
    const page = await engine.api['tasks:list']({ sort: 'title', direction: 'asc', limit: 1, offset: 1 });
    expect(page.items[0]!.title).toBe('Sonos Arc review');
  });
});
