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
import { tasksListInputSchema } from '../shared/contract';
import { defaultDailyLimits } from '../shared/settings';
import { seedTasks } from '../e2e/support/seed';
import { openDb, type Db } from '../electron/engine/db/open-db';
import { buildDigest } from '../electron/engine/store/digest';
import { completionStats, statusCounts } from '../electron/engine/store/stats';
import { listTasks } from '../electron/engine/store/task-list';
import { seedLedger, seededAgents } from '../electron/engine/test-support/long-history';

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

export function measureToday(db: Db, handledAgents: readonly string[] = seededAgents): { name: string; min: number; median: number; total?: number }[] {
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
