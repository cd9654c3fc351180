import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Task } from '../../../shared/domain';
import { openDb, type Db } from '../db/open-db';
import { withWriteLock } from '../db/write-lock';
import { createEngine } from '../index';
import { scriptedHandler, taskRow, tempDir } from '../test-support/engine-fixture';
import type { ExecutorContext } from './context';
import { OutcomeCarrier, type CarriedResult } from './outcome-carrier';

let dir: ReturnType<typeof tempDir>;
let db: Db;
beforeEach(() => {
  dir = tempDir();
  db = openDb(join(dir.path, 'mc.db'));
  db.exec(`CREATE TABLE written (task_id TEXT)`);
});
afterEach(() => {
  db.close();
  dir.cleanup();
});

const context = () => ({ db, settings: () => ({ leaseMs: 1_000 }) }) as unknown as ExecutorContext;
const task = (id: string) => ({ id }) as Task;
/** An outcome whose commit writes a row, so what committed can be read back. */
const outcome = (id: string) => ({
  task: task(id),
  commit: (): CarriedResult => {
    db.prepare('INSERT INTO written (task_id) VALUES (?)').run(id);
    return 'completed';
  },
});
const written = () => (db.prepare('SELECT task_id FROM written').all() as { task_id: string }[]).map((row) => row.task_id);

describe('outcome carrier (live group commit)', () => {
  it("commits a held outcome inside the next claim's transaction, once", async () => {
    const committed: string[] = [];
    const carrier = new OutcomeCarrier(context(), (done) => committed.push(done.id), 50);
    carrier.hold(outcome('a'));
    await withWriteLock(db, () => carrier.commitInto());
    await carrier.flush();
    await new Promise((resolve) => setTimeout(resolve, 80));
    expect(written()).toEqual(['a']);
    expect(committed).toEqual(['a']);
  });

  it('commits on its own when no claim follows within the carry time', async () => {
    const committed: string[] = [];
    const carrier = new OutcomeCarrier(context(), (done) => committed.push(done.id), 5);
    carrier.hold(outcome('b'));
    expect(written()).toEqual([]);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(written()).toEqual(['b']);
    expect(committed).toEqual(['b']);
  });

  it('hands a failed commit to the next flush instead of losing it silently', async () => {
    const carrier = new OutcomeCarrier(context(), () => undefined, 1);
    carrier.hold({ task: task('c'), commit: () => { throw new Error('disk full'); } });
    await new Promise((resolve) => setTimeout(resolve, 30));
    await expect(carrier.flush()).rejects.toThrow('disk full');
  });
});

describe('live runs through the carrier', () => {
  it('completes every task with one ledger row each when outcomes ride with the next claim', async () => {
    const engine = createEngine({ dbPath: join(dir.path, 'live.db'), env: { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'false' }, handlers: [scriptedHandler({ id: 'crashy' })] });
    const ids = Array.from({ length: 20 }, (_, i) => (engine.db.prepare(`INSERT INTO squad_tasks (title, assigned_agent) VALUES (?, 'Email Agent') RETURNING id`).get(`Reply ${i}`) as { id: string }).id);
    const summary = await engine.runCycle();
    expect(summary.executed).toBe(20);
    for (const id of ids) expect(taskRow(engine, id)).toMatchObject({ status: 'completed', execution_attempts: 1 });
    const ledger = engine.db.prepare(`SELECT state, count(*) AS n FROM task_executions GROUP BY state`).all();
    expect(ledger).toEqual([{ state: 'succeeded', n: 20 }]);
    await engine.close();
  });
});
