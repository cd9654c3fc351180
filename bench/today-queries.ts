/**
 * Today's server calls with a long history, measured in-process (issue 14, "Fast with a long
 * history"): the calls renderer/src/boot/first-calls.ts makes for Today, the queue's agent
 * filter and default page, status:get, stats:get and digest:get, on 100,000 seeded tasks
 * (e2e/support/seed.ts) WITH ledger rows, since real databases have one execution row or more
 * per finished task and the dry-run verdict subqueries cost more with them.
 *
 * Run: `npx tsx bench/today-queries.ts [tasks]`. Prints min and median of 9 runs per call (ms).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { tasksListInputSchema } from '../shared/contract';
import { defaultDailyLimits } from '../shared/settings';
import { seedTasks } from '../e2e/support/seed';
import { openDb, type Db } from '../electron/engine/db/open-db';
import { buildDigest } from '../electron/engine/store/digest';
import { completionStats, statusCounts } from '../electron/engine/store/stats';
import { listTasks } from '../electron/engine/store/task-list';

const agents = ['Email Agent', 'Social Media Agent', 'Marketing Agent', 'SEO Agent', 'Google Ads Agent'];

/**
 * After seedTasks: a ledger row per finished task (completed: live success, or for one in six a
 * dry run with a verdict, a third of those a problem; failed: a live failure, some after a first
 * failed attempt), the policy columns (one in ten auto-executed tasks ran without a rule), and
 * 500 new tasks, 400 of them waiting for a decision.
 */
export function seedLedger(dbPath: string): { executions: number } {
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const tasks = db.prepare(`SELECT rowid AS n, id, status, created_at FROM squad_tasks WHERE status IN ('completed', 'failed', 'rejected')`).all() as { n: number; id: string; status: string; created_at: string }[];
  const execution = db.prepare(
    `INSERT INTO task_executions (task_id, attempt, idempotency_key, channel, dry_run, state, result, error_class, error_message, executor_id, started_at, finished_at)
     VALUES (?, ?, ? || ':' || ?, 'gmail', ?, ?, ?, ?, ?, 'bench', ?, ?)`,
  );
  const policy = db.prepare(
    `UPDATE squad_tasks SET policy_decision = ?, policy_rule_id = ?, requires_approval = ?, approved_at = ?, rejected_at = ?, last_execution_attempt = ?, execution_attempts = ?, updated_at = ? WHERE id = ?`,
  );
  // From migration 0019 on, the task carries its latest dry run's verdict (what the executor writes).
  const hasVerdictColumn = (db.prepare(`SELECT count(*) AS n FROM pragma_table_info('squad_tasks') WHERE name = 'dry_run_verdict'`).get() as { n: number }).n > 0;
  const setVerdict = hasVerdictColumn ? db.prepare(`UPDATE squad_tasks SET dry_run_verdict = ?, updated_at = ? WHERE id = ?`) : null;
  const verdicts = ['would_run', 'would_run', 'would_fail', 'would_run', 'would_be_held', 'not_connected'];
  let executions = 0;
  db.transaction(() => {
    for (const task of tasks) {
      const finished = new Date(new Date(task.created_at).getTime() + 60_000).toISOString();
      const approval = task.n % 3 === 0;
      const withoutRule = !approval && task.n % 10 === 1;
      if (task.status === 'rejected') {
        policy.run('require_approval', 'builtin-x', 1, null, finished, null, 0, finished, task.id);
        continue;
      }
      let attempt = 1;
      if (task.status === 'failed' && task.n % 4 === 0) {
        execution.run(task.id, attempt, task.id, attempt, 0, 'failed', null, 'retryable', 'Timed out', task.created_at, task.created_at);
        attempt++;
        executions++;
      }
      if (task.status === 'failed') execution.run(task.id, attempt, task.id, attempt, 0, 'failed', null, 'permanent', 'Address refused', finished, finished);
      else if (task.n % 6 === 0) {
        const verdict = verdicts[Math.floor(task.n / 6) % verdicts.length]!;
        const reason = verdict === 'would_run' ? null : `bench ${verdict}`;
        execution.run(task.id, attempt, task.id, attempt, 1, 'succeeded', JSON.stringify({ dryRun: true, verdict, reason, ...(verdict === 'would_fail' ? { wouldFail: reason } : {}) }), null, null, finished, finished);
        setVerdict?.run(verdict, finished, task.id);
      } else execution.run(task.id, attempt, task.id, attempt, 0, 'succeeded', JSON.stringify({ id: `msg-${task.n}` }), null, null, finished, finished);
      executions++;
      policy.run(
        approval ? 'require_approval' : 'auto_execute',
        withoutRule ? null : 'builtin-x',
        approval ? 1 : 0,
        approval ? finished : null,
        null,
        finished,
        attempt,
        finished,
        task.id,
      );
    }
    // Waiting for a decision and queued: the inbox and the queue are never empty in real use.
    const waiting = db.prepare(
      `INSERT INTO squad_tasks (id, title, status, assigned_agent, priority, requires_approval, policy_decision, policy_rule_id, metadata) VALUES (?, ?, 'new', ?, ?, ?, ?, 'builtin-x', '{}')`,
    );
    for (let i = 0; i < 500; i++) {
      const awaiting = i % 5 !== 0;
      waiting.run(`wait-${i}`, `Waiting task #${i}`, agents[i % agents.length], ['urgent', 'high', 'medium', 'low'][i % 4], awaiting ? 1 : 0, awaiting ? 'require_approval' : 'auto_execute');
    }
  })();
  db.close();
  return { executions };
}

/** The calls of the table in docs/benchmarks.md ("Today with a long history"). */
export const todayCalls: { name: string; input: Record<string, unknown> }[] = [
  { name: 'completed, dryRun no_problem, updatedAt desc, 6', input: { status: ['completed'], dryRun: 'no_problem', sort: 'updatedAt', direction: 'desc', limit: 6 } },
  { name: 'failed, updatedAt desc, 6', input: { status: ['failed'], sort: 'updatedAt', direction: 'desc', limit: 6 } },
  { name: 'dryRun any_problem, 1', input: { dryRun: 'any_problem', limit: 1 } },
  { name: 'awaitingApproval, priority asc, 6', input: { awaitingApproval: true, sort: 'priority', direction: 'asc', limit: 6 } },
  { name: 'ranWithoutRule, updatedAt desc, 6', input: { ranWithoutRule: true, sort: 'updatedAt', direction: 'desc', limit: 6 } },
  { name: 'agent Email Agent, priority asc, 200', input: { agent: ['Email Agent'], sort: 'priority', direction: 'asc', limit: 200 } },
  { name: 'queue default page (priority asc, 200)', input: { sort: 'priority', direction: 'asc', offset: 0, limit: 200 } },
  { name: 'status failed, priority asc, 200', input: { status: ['failed'], sort: 'priority', direction: 'asc', limit: 200 } },
  { name: 'unfiltered, updatedAt desc, 200', input: { sort: 'updatedAt', direction: 'desc', limit: 200 } },
  { name: 'unfiltered, createdAt desc, 200', input: { sort: 'createdAt', direction: 'desc', limit: 200 } },
  { name: 'search "invoice", priority asc, 200', input: { search: 'invoice', sort: 'priority', direction: 'asc', limit: 200 } },
  { name: 'dryRun would_fail, 200', input: { dryRun: 'would_fail', limit: 200 } },
];

function timed(run: () => unknown, times = 9): { min: number; median: number } {
  const samples: number[] = [];
  for (let i = 0; i < times; i++) {
    const started = performance.now();
    run();
    samples.push(performance.now() - started);
  }
  samples.sort((a, b) => a - b);
  return { min: samples[0]!, median: samples[Math.floor(samples.length / 2)]! };
}

export function measureToday(db: Db, handledAgents: readonly string[] = agents): { name: string; min: number; median: number; total?: number }[] {
  const rows: { name: string; min: number; median: number; total?: number }[] = [];
  for (const call of todayCalls) {
    const query = tasksListInputSchema.parse(call.input);
    const { total } = listTasks(db, query, handledAgents);
    rows.push({ name: `tasks:list ${call.name}`, ...timed(() => listTasks(db, query, handledAgents)), total });
  }
  let tick = Date.now();
  // A new 10 s bucket each run: statusCounts recounts instead of answering from its memo.
  rows.push({ name: 'status:get counts', ...timed(() => statusCounts(db, handledAgents, new Date((tick += 10_000)))) });
  rows.push({ name: 'stats:get', ...timed(() => completionStats(db, new Date())) });
  const day = new Date().toISOString().slice(0, 10);
  rows.push({ name: 'digest:get', ...timed(() => buildDigest(db, { day, timeZone: 'UTC', dailyLimits: defaultDailyLimits, now: new Date() })) });
  return rows;
}

if (process.argv[1]?.endsWith('today-queries.ts')) {
  const count = Number(process.argv[2] ?? 100_000);
  const dir = mkdtempSync(join(tmpdir(), 'mc-today-'));
  try {
    const path = join(dir, 'today.db');
    seedTasks(path, count);
    const { executions } = seedLedger(path);
    const db = openDb(path);
    console.log(`${count} tasks, ${executions} ledger rows`);
    for (const row of measureToday(db)) console.log(`${row.name.padEnd(58)} min ${row.min.toFixed(2).padStart(7)}  median ${row.median.toFixed(2).padStart(7)}${row.total === undefined ? '' : `  total ${row.total}`}`);
    db.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
