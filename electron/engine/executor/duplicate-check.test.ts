// The duplicate guard in the executor's path: the policy pass holds a likely repeat for Kenny
// (never drops it), prepareTask catches one the policy pass never fingerprinted, and approving
// anyway records "not a duplicate". Real engine, real SQLite file, a fake clock.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { ChannelHandler, TaskInput } from '../channels/types';
import { createXHandler } from '../channels/x/x-handler';
import type { Engine } from '../index';
import { MemorySecretStore } from '../secrets/types';
import { taskRow, tempDir, TestClock, testEngine } from '../test-support/engine-fixture';

/** An SEO channel whose preview is the change itself; counts its calls. */
function seoHandler(): ChannelHandler<TaskInput> & { calls: string[] } {
  const calls: string[] = [];
  return {
    id: 'seo-test',
    name: 'SEO (test)',
    agent: 'SEO Agent',
    calls,
    payloadSchema: z.custom<TaskInput>((value) => typeof value === 'object' && value !== null),
    limitKeys: () => [],
    preview: (task) => ({
      channel: 'seo-test',
      summary: `Set the meta description of product ${String(task.metadata.product_id)}`,
      detail: { kind: 'seo_change', changeType: 'meta_description', productIds: [Number(task.metadata.product_id)], changes: [{ productId: Number(task.metadata.product_id), field: 'meta_description', before: null, after: String(task.metadata.value) }] },
    }),
    async execute(_payload, context) {
      calls.push(context.taskId);
      return { externalId: `seo-${calls.length}`, externalUrl: null, result: {} };
    },
  };
}

let dir: ReturnType<typeof tempDir>;
let engine: Engine;
let clock: TestClock;
let seo: ReturnType<typeof seoHandler>;
beforeEach(() => {
  dir = tempDir();
  clock = new TestClock();
  seo = seoHandler();
  engine = testEngine({ dir: dir.path, now: clock.now, handlers: [createXHandler({ env: {}, secrets: new MemorySecretStore() }), seo], env: { AGENT_DRY_RUN: 'false' } });
});
afterEach(async () => {
  await engine.close();
  dir.cleanup();
});

const post = (title: string, content: string) => engine.api['tasks:create']({ title, assignedAgent: 'Social Media Agent', metadata: { platform: 'x', content } });
const seoTask = (title: string, value: string) =>
  engine.api['tasks:create']({ title, assignedAgent: 'SEO Agent', metadata: { change_type: 'meta_description', affected_products: 1, product_id: 42, value } });

describe('duplicate guard in the executor', () => {
  it('holds the same post text (links and spaces aside) for a decision, linked both ways; approve anyway is recorded', async () => {
    const first = await post('Black Friday post', 'Black Friday: 20% off Denon! https://www.audico.co.za/denon?utm_source=x');
    clock.advance(3_600_000);
    const second = await post('Black Friday post (again)', 'Black Friday:  20% off Denon!\nhttps://audico.co.za/denon');
    const { items } = await engine.api['approvals:list']({});
    const held = items.find((item) => item.task.id === second.id)!;
    expect(held.task.policyReason).toBe('Possible duplicate of "Black Friday post": the same post text');
    expect(held.duplicate).toMatchObject({ of: { id: first.id, title: 'Black Friday post', status: 'new' }, clearedBy: null });
    expect((await engine.api['tasks:get']({ id: first.id })).duplicate?.duplicatedBy).toEqual([
      { id: second.id, title: 'Black Friday post (again)', status: 'new', reason: 'Possible duplicate of "Black Friday post": the same post text', clearedBy: null },
    ]);
    const alerts = (await engine.api['alerts:list']({})).items.filter((alert) => alert.metadata.task_id === second.id);
    expect(alerts.map((alert) => alert.title)).toEqual(['Possible duplicate: Black Friday post (again)']);

    await engine.api['approvals:approve']({ id: second.id, by: 'Kenny' });
    const detail = await engine.api['tasks:get']({ id: second.id });
    expect(detail.duplicate).toMatchObject({ clearedBy: 'Kenny', of: { id: first.id } });
    expect(detail.decisions.map((d) => d.kind)).toEqual(['policy', 'not_duplicate', 'approved']);
    expect(detail.decisions[1]).toMatchObject({ actor: 'Kenny', details: { duplicateOf: first.id } });
  });

  it('a different post, or the same text on another platform, is not held as a duplicate', async () => {
    await post('Post one', 'Black Friday: 20% off Denon!');
    const other = await post('Post two', 'New in: Bowers & Wilkins 607 S3, in stock now.');
    const facebook = await engine.api['tasks:create']({ title: 'Facebook', assignedAgent: 'Social Media Agent', metadata: { platform: 'facebook', content: 'Black Friday: 20% off Denon!' } });
    await engine.api['approvals:list']({});
    for (const id of [other.id, facebook.id]) expect(taskRow(engine, id).policy_reason).toBe('Rule "Every social post needs approval"');
  });

  it('the same SEO change already applied waits for Kenny instead of running; approved anyway it runs once', async () => {
    const applied = await seoTask('Meta description for product 42', 'Denon AVR-X2800H 7.2 receiver');
    await engine.runCycle();
    expect(taskRow(engine, applied.id).status).toBe('completed');
    clock.advance(86_400_000);
    const again = await seoTask('Meta description for product 42 (again)', 'Denon AVR-X2800H 7.2 receiver');
    await engine.runCycle();
    expect(taskRow(engine, again.id)).toMatchObject({
      status: 'new',
      requires_approval: 1,
      policy_reason: 'Possible duplicate of "Meta description for product 42": the same SEO change, already applied',
    });
    expect(seo.calls).toEqual([applied.id]);
    await engine.api['approvals:approve']({ id: again.id });
    await engine.runCycle();
    expect(seo.calls).toEqual([applied.id, again.id]);
    // created 8 days after the others: outside the window (7 days), not compared
    const createdAt = new Date(Date.parse(String(taskRow(engine, again.id).created_at)) + 8 * 86_400_000).toISOString();
    const later = engine.db
      .prepare(`INSERT INTO squad_tasks (title, assigned_agent, metadata, created_at) VALUES ('Next week', 'SEO Agent', ?, ?) RETURNING id`)
      .get(JSON.stringify({ change_type: 'meta_description', affected_products: 1, product_id: 42, value: 'Denon AVR-X2800H 7.2 receiver' }), createdAt) as { id: string };
    await engine.runCycle();
    expect(taskRow(engine, later.id).status).toBe('completed');
  });

  it('prepareTask holds a task the policy pass never fingerprinted (decided before the guard); an approved one keeps its approval', async () => {
    const applied = await seoTask('Applied', 'Same text');
    await engine.runCycle();
    const insert = engine.db.prepare(
      `INSERT INTO squad_tasks (title, assigned_agent, metadata, policy_decision, policy_reason, requires_approval, approved_at, approved_by) VALUES (?, 'SEO Agent', ?, 'auto_execute', 'old', ?, ?, ?) RETURNING id`,
    );
    const metadata = JSON.stringify({ change_type: 'meta_description', affected_products: 1, product_id: 42, value: 'Same text' });
    const unseen = (insert.get('Decided before the guard', metadata, 0, null, null) as { id: string }).id;
    const approved = (insert.get('Approved before the guard', metadata, 1, clock.now().toISOString(), 'Kenny') as { id: string }).id;
    await engine.runCycle();
    expect(taskRow(engine, unseen)).toMatchObject({ status: 'new', requires_approval: 1, policy_reason: 'Possible duplicate of "Applied": the same SEO change, already applied' });
    expect(taskRow(engine, approved).status).toBe('completed');
    expect(seo.calls).toEqual([applied.id, approved]);
    // the link is recorded for the page (the most recent match: the applied task or the other one held)
    expect([applied.id, unseen]).toContain((await engine.api['tasks:get']({ id: approved })).duplicate?.of?.id);
  });

  it('costs one bounded, indexed read per task: only the earlier tasks of the same subject are read', () => {
    const plan = engine.db
      .prepare(`EXPLAIN QUERY PLAN SELECT f.*, t.title, t.status FROM task_fingerprints f JOIN squad_tasks t ON t.id = f.task_id
        WHERE f.channel = ? AND f.subject = ? AND f.created_at >= ? AND f.created_at <= ? AND f.task_id <> ? AND f.kind <> 'none' ORDER BY f.created_at DESC LIMIT 200`)
      .all('x', 'platform:x', '2026-11-01', '2026-11-30', 'a') as { detail: string }[];
    expect(plan.map((row) => row.detail).join('\n')).toMatch(/SEARCH f USING INDEX idx_task_fingerprints_subject \(channel=\? AND subject=\? AND created_at>\? AND created_at<\?\)/);
  });
});
