import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createXHandler } from '../channels/x/x-handler';
import type { Engine } from '../index';
import { MemorySecretStore } from '../secrets/types';
import { tempDir, testEngine } from '../test-support/engine-fixture';

const xHandler = createXHandler({ env: {}, secrets: new MemorySecretStore() });

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

describe('approvals:preview (the editor\'s live preview)', () => {
  it('previews the edit without saving it, and names the field an invalid edit breaks', async () => {
    const task = await post('Old text');
    const good = await engine.api['approvals:preview']({ id: task.id, edits: { metadata: { platform: 'x', content: 'New text https://audico.co.za/sale' } } });
    expect(good).toMatchObject({ channel: 'x', previewError: null, preview: { detail: { kind: 'social_post', text: 'New text https://audico.co.za/sale', characterCount: 32 } } });
    const bad = await engine.api['approvals:preview']({ id: task.id, edits: { metadata: { platform: 'mastodon', content: 'Hi' } } });
    expect(bad.previewError).toMatch(/metadata\.platform: .*expected one of/);
    expect((await engine.api['tasks:get']({ id: task.id })).task.metadata).toEqual({ platform: 'x', content: 'Old text' });
    await expect(engine.api['approvals:preview']({ id: 'missing' })).rejects.toMatchObject({ code: 'not_found' });
  });
});

describe('a post over its platform\'s limit (seen 6)', () => {
  it('is previewed with its text and the problem beside it, not replaced by the error; it still cannot be approved live', async () => {
    const text = `Big sale ${'on Denon '.repeat(36)}`.trim();
    const task = await post(text);
    const { items } = await engine.api['approvals:list']({});
    expect(items[0]).toMatchObject({ previewError: null, preview: { detail: { kind: 'social_post', text } } });
    expect(items[0]!.preview!.problems).toEqual([{ field: 'metadata.content', message: expect.stringMatching(/counts \d+ on X .*over X's limit of 280/) }]);
    expect((await engine.api['tasks:get']({ id: task.id })).preview?.detail).toMatchObject({ text });
  });
});

describe('approvals:save and the diff against the proposal', () => {
  it('saves edits without deciding; the card and the trail show what changed against the agent\'s proposal', async () => {
    const task = await post('Old text');
    await engine.api['approvals:save']({ id: task.id, by: 'Kenny', edits: { metadata: { platform: 'x', content: 'Second text' } } });
    await engine.api['approvals:save']({ id: task.id, by: 'Kenny', edits: { title: 'Weekend sale (edited)', metadata: { platform: 'x', content: 'Third text' } } });
    const { items } = await engine.api['approvals:list']({});
    expect(items[0]!.task.approvedAt).toBeNull();
    // Against the proposal ("Old text"), not the previous save ("Second text").
    expect(items[0]!.edited).toMatchObject({
      by: 'Kenny',
      changes: [
        { field: 'title', before: 'Weekend sale post', after: 'Weekend sale (edited)' },
        { field: 'metadata.content', before: 'Old text', after: 'Third text' },
      ],
    });
    await engine.api['approvals:approve']({ id: task.id, by: 'Kenny', edits: { metadata: { platform: 'x', content: 'Final text' } } });
    const edits = (await engine.api['tasks:get']({ id: task.id })).decisions.filter((decision) => decision.kind === 'edited');
    expect(edits).toHaveLength(3);
    expect(edits[2]!.details).toMatchObject({
      diff: { 'metadata.content': { before: 'Third text', after: 'Final text' } },
      proposalDiff: { title: { before: 'Weekend sale post', after: 'Weekend sale (edited)' }, 'metadata.content': { before: 'Old text', after: 'Final text' } },
    });
  });

  it('refuses an edit the channel cannot run, and edits of a task already decided', async () => {
    const task = await post('Old text');
    await expect(engine.api['approvals:save']({ id: task.id, edits: { metadata: { platform: 'x', content: 'x'.repeat(281) } } })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/metadata\.content/) });
    await engine.api['approvals:approve']({ id: task.id });
    await expect(engine.api['approvals:save']({ id: task.id, edits: { title: 'Late' } })).rejects.toMatchObject({ code: 'conflict' });
    const { items } = await engine.api['approvals:list']({});
    expect(items).toHaveLength(0);
  });
});
