// Trust that grows, end to end on a real database: Kenny's approvals through the API, then
// `mission-control suggestions list|accept|dismiss` (--json), and the rule it creates at work.
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createEngine, type Engine } from '../../engine/index';
import { tempDir } from '../../engine/test-support/engine-fixture';
import { runCliCaptured } from '../test-support/run-cli-captured';

let dir: ReturnType<typeof tempDir>;
let db: string;
beforeEach(() => {
  dir = tempDir();
  db = join(dir.path, 'cli.db');
});
afterEach(() => dir.cleanup());

const cli = (args: string[]) => runCliCaptured([...args, '--db', db]);

const open = () => createEngine({ dbPath: db, env: { AGENT_DRY_RUN: 'true' } });
const quote = (engine: Engine, n: number) =>
  engine.api['tasks:create']({
    title: `Quote for customer ${n}`,
    assignedAgent: 'Email Agent',
    metadata: { email_category: 'quote', to: `customer${n}@example.com`, subject: `Your quote #${n}`, body_text: `Hello customer ${n}, here is the quote you asked for: item ${n * 7}.` },
  });

/** Kenny rejects one quote reply, then approves `approvals` more without changes. */
async function history(approvals: number, options: { editLast?: boolean } = {}): Promise<string[]> {
  const engine = open();
  await engine.api['settings:update']({ trustThreshold: 3 });
  const ids: string[] = [];
  try {
    const rejected = await quote(engine, 0);
    await engine.api['approvals:reject']({ id: rejected.id, by: 'Kenny', reason: 'Wrong price' });
    for (let n = 1; n <= approvals; n++) {
      const task = await quote(engine, n);
      expect(task.policyDecision).toBe('require_approval');
      const edits = options.editLast && n === approvals ? { metadata: { ...task.metadata, body_text: 'Shorter.' } } : undefined;
      await engine.api['approvals:approve']({ id: task.id, by: 'Kenny', edits });
      ids.push(task.id);
    }
  } finally {
    await engine.close();
  }
  return ids;
}

describe('mission-control suggestions', () => {
  it('lists the suggestion with its evidence once the threshold is reached, and accept creates an ordinary rule that works', async () => {
    const ids = await history(3);
    const listed = JSON.parse((await cli(['suggestions', 'list', '--json'])).stdout) as { items: { id: string; count: number; evidence: { taskId: string }[]; label: string }[] };
    expect(listed.items).toHaveLength(1);
    expect(listed.items[0]).toMatchObject({ count: 3, label: 'Email Agent · email_category quote' });
    expect(listed.items[0]!.evidence.map((e) => e.taskId)).toEqual([...ids].reverse());
    const text = await cli(['suggestions', 'list']);
    expect(text.stdout).toContain('You approved 3 Email Agent · email_category quote tasks without changes. Let them run by themselves?');
    expect(text.stdout).toContain('rule: action missing and email_category eq "quote"');

    const accepted = await cli(['suggestions', 'accept', listed.items[0]!.id, '--by', 'Kenny']);
    expect(accepted.code).toBe(0);
    expect(accepted.stdout).toMatch(/^Created rule "Learned: Email Agent · email_category quote runs by itself" \(\w+\)/);
    expect(JSON.parse((await cli(['suggestions', 'list', '--json'])).stdout)).toEqual({ items: [] });

    const engine = open();
    try {
      const rule = (await engine.api['rules:list']({})).items.find((r) => r.name.startsWith('Learned:'));
      expect(rule).toMatchObject({ effect: 'auto_execute', enabled: true, builtin: false, agent: 'Email Agent', conditions: [{ field: 'action', op: 'missing' }, { field: 'email_category', op: 'eq', value: 'quote' }] });
      expect(rule!.description).toMatch(/^Suggested after 3 approvals without changes \(\d{4}-\d\d-\d\d to \d{4}-\d\d-\d\d\)\. Accepted by Kenny on \d{4}-\d\d-\d\d\.$/);
      const next = await quote(engine, 9);
      expect(next).toMatchObject({ policyDecision: 'auto_execute', policyRuleId: rule!.id });
      // still an ordinary rule: Kenny can switch it off
      const { builtin: _builtin, ...editable } = rule!;
      await engine.api['rules:upsert']({ ...editable, enabled: false });
      expect((await quote(engine, 10)).policyDecision).toBe('require_approval');
    } finally {
      await engine.close();
    }
  });

  it('below the threshold nothing is suggested; an edit resets the count; dismiss is remembered; an unknown id is refused', async () => {
    await history(2);
    expect(JSON.parse((await cli(['suggestions', 'list', '--json'])).stdout)).toEqual({ items: [] });
    dir.cleanup();
    dir = tempDir();
    db = join(dir.path, 'cli.db');
    await history(3, { editLast: true });
    expect(JSON.parse((await cli(['suggestions', 'list', '--json'])).stdout)).toEqual({ items: [] });
    dir.cleanup();
    dir = tempDir();
    db = join(dir.path, 'cli.db');
    await history(4);
    const [item] = (JSON.parse((await cli(['suggestions', 'list', '--json'])).stdout) as { items: { id: string }[] }).items;
    expect((await cli(['suggestions', 'dismiss', item!.id])).stdout).toBe('Dismissed: this kind of task will not be suggested again.\n');
    expect(JSON.parse((await cli(['suggestions', 'list', '--json'])).stdout)).toEqual({ items: [] });
    expect(await cli(['suggestions', 'accept', item!.id])).toMatchObject({ code: 1, stderr: expect.stringMatching(/Suggestion trust-[0-9a-f]+ .*not found/) });
    expect((await cli(['suggestions', 'maybe'])).stderr).toMatch(/unknown suggestions subcommand "maybe"/);
  });
});
