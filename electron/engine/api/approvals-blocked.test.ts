import { afterEach, describe, expect, it } from 'vitest';
import { createXHandler } from '../channels/x/x-handler';
import { MemorySecretStore } from '../secrets/types';

const xHandler = createXHandler({ env: {}, secrets: new MemorySecretStore() });
import type { AnyChannelHandler } from '../channels/types';
import type { Engine } from '../index';
import { tempDir, testEngine } from '../test-support/engine-fixture';

// X's handler, plus a blocking problem whenever the post mentions a competitor (as a channel's
// live check would report it).
const checkedX: AnyChannelHandler = {
  ...xHandler,
  preview: (payload) => {
    const preview = xHandler.preview(payload);
    const text = preview.detail.kind === 'social_post' ? preview.detail.text : '';
    return text.includes('Competitor') ? { ...preview, problems: [{ field: 'metadata.content', message: 'names a competitor' }] } : preview;
  },
};

let dir: ReturnType<typeof tempDir>;
let engine: Engine;
afterEach(async () => {
  await engine.close();
  dir.cleanup();
});
const start = (dryRun: boolean) => {
  dir = tempDir();
  engine = testEngine({ dir: dir.path, handlers: [checkedX], env: { AGENT_DRY_RUN: String(dryRun) } });
};
const post = (content: string) => engine.api['tasks:create']({ title: 'Post', assignedAgent: 'Social Media Agent', metadata: { platform: 'x', content } });

describe('approve refuses a task that cannot run (seen 5)', () => {
  it('refuses an invalid payload and preview problems with a conflict naming the problem; nothing is approved', async () => {
    start(false);
    const long = await post('x'.repeat(300));
    await expect(engine.api['approvals:approve']({ id: long.id })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/metadata\.content: the post counts 300 on X .*over X's limit of 280/) });
    const rival = await post('Better than Competitor');
    await expect(engine.api['approvals:approve']({ id: rival.id })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/metadata\.content: names a competitor/) });
    const bulk = await engine.api['approvals:bulk']({ ids: [long.id, rival.id], decision: 'approve' });
    expect(bulk.results.map((result) => result.ok)).toEqual([false, false]);
    for (const id of [long.id, rival.id]) expect((await engine.api['tasks:get']({ id })).task.approvedAt).toBeNull();
  });

  it('an edit that fixes the problem is approved; an edit that introduces one is refused', async () => {
    start(false);
    const rival = await post('Better than Competitor');
    await expect(engine.api['approvals:approve']({ id: rival.id, edits: { metadata: { platform: 'x', content: 'Competitor again' } } })).rejects.toMatchObject({ code: 'conflict' });
    const fixed = await engine.api['approvals:approve']({ id: rival.id, edits: { metadata: { platform: 'x', content: 'Best speakers in town' } } });
    expect(fixed.approvedAt).not.toBeNull();
  });

  it('in dry run nothing goes out, so the approval is allowed (the dry run reports "would fail")', async () => {
    start(true);
    const rival = await post('Better than Competitor');
    expect((await engine.api['approvals:approve']({ id: rival.id })).approvedAt).not.toBeNull();
  });
});
