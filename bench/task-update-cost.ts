/**
 * What migration 0019's indexes cost the executor per task update (issue 17 counts index
 * maintenance per task): 2,000 UPDATEs in one transaction with exactly the change set of a dry
 * run's completion (executor/dry-run.ts) and of a live claim (executor/claim.ts), on a database
 * migrated up to 0018 ("before") and on one with every migration ("after"), alternating, each run
 * on 2,000 fresh runnable tasks among 20,000 finished ones. CPU time, min of the runs (the machine
 * is shared).
 *
 * Run: `npx tsx bench/task-update-cost.ts [runs]`.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { findMigrationsFolder, openDb, type Db } from '../electron/engine/db/open-db';
import { updateTaskColumns } from '../electron/engine/store/tasks';

const batch = 2_000;
const casWhere = `AND status = 'new' AND execution_attempts = ? AND rejected_at IS NULL AND (requires_approval = 0 OR approved_at IS NOT NULL)`;

type Variant = 'dry run, would run' | 'dry run, would fail' | 'dry run, ran without a rule' | 'live claim';
const variants: Variant[] = ['dry run, would run', 'dry run, would fail', 'dry run, ran without a rule', 'live claim'];

function database(dir: string, name: string, upTo: number | null): Db {
  let migrationsFolder = findMigrationsFolder();
  if (upTo !== null) {
    const folder = join(dir, `migrations-${name}`);
    cpSync(migrationsFolder, folder, { recursive: true });
    const journalPath = join(folder, 'meta', '_journal.json');
    const journal = JSON.parse(readFileSync(journalPath, 'utf8')) as { entries: { idx: number }[] };
    journal.entries = journal.entries.filter((entry) => entry.idx <= upTo);
    writeFileSync(journalPath, JSON.stringify(journal));
    migrationsFolder = folder;
  }
  const db = openDb(join(dir, `${name}.db`), { migrationsFolder });
  const insert = db.prepare(`INSERT INTO squad_tasks (title, status, assigned_agent, priority, completed_at, policy_decision, policy_rule_id) VALUES (?, 'completed', ?, 'medium', ?, 'auto_execute', 'builtin-x')`);
  db.transaction(() => {
    for (let i = 0; i < 20_000; i++) insert.run(`Finished ${i}`, i % 2 ? 'Email Agent' : 'SEO Agent', new Date(Date.UTC(2026, 10, 1) + i * 1000).toISOString());
  })();
  return db;
}

/** 2,000 runnable tasks, then the timed transaction of 2,000 updates; CPU µs per update (user + system: less sensitive than wall time to the other processes on a shared machine). */
function run(db: Db, variant: Variant, withVerdict: boolean): number {
  const withoutRule = variant === 'dry run, ran without a rule';
  const insert = db.prepare(
    `INSERT INTO squad_tasks (title, assigned_agent, priority, policy_decision, policy_rule_id) VALUES (?, 'Email Agent', 'medium', 'auto_execute', ?) RETURNING id`,
  );
  const ids = db.transaction(() => Array.from({ length: batch }, (_, i) => (insert.get(`Runnable ${i}`, withoutRule ? null : 'builtin-x') as { id: string }).id))();
  const now = new Date();
  const nowIso = now.toISOString();
  const changes: Record<string, unknown> =
    variant === 'live claim'
      ? { status: 'in_progress', lease_owner: 'bench', lease_expires_at: nowIso, execution_attempts: 1, last_execution_attempt: nowIso, hold_reason: null, not_before: null }
      : { status: 'completed', lease_owner: null, lease_expires_at: null, execution_attempts: 1, last_execution_attempt: nowIso, completed_at: nowIso, execution_error: null, hold_reason: null, not_before: null };
  if (withVerdict) changes.dry_run_verdict = variant === 'live claim' ? null : variant === 'dry run, would fail' ? 'would_fail' : 'would_run';
  const started = process.cpuUsage();
  db.transaction(() => {
    for (const id of ids) if (!updateTaskColumns(db, id, changes, now, casWhere, [0])) throw new Error(`update lost: ${id}`);
  })();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / batch;
}

if (process.argv[1]?.endsWith('task-update-cost.ts')) {
  const runs = Number(process.argv[2] ?? 7);
  const dir = mkdtempSync(join(tmpdir(), 'mc-update-cost-'));
  try {
    for (const variant of variants) {
      const before = database(dir, `before-${variants.indexOf(variant)}`, 18);
      const after = database(dir, `after-${variants.indexOf(variant)}`, null);
      const samples = { before: [] as number[], after: [] as number[] };
      for (let i = 0; i < runs; i++) {
        samples.before.push(run(before, variant, false));
        samples.after.push(run(after, variant, true));
      }
      before.close();
      after.close();
      const min = (values: number[]) => Math.min(...values);
      const b = min(samples.before);
      const a = min(samples.after);
      console.log(`${variant.padEnd(28)} before ${b.toFixed(1).padStart(6)} µs  after ${a.toFixed(1).padStart(6)} µs  ratio ${(a / b).toFixed(2)}`);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
