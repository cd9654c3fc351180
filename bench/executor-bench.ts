/**
 * Executor benchmarks, reported as ratios against a baseline measured in the same run:
 * - throughput: dry-run tasks/s through the full pipeline (policy, claim + limits + intent,
 *   preview, outcome, logs) against raw better-sqlite3 transactions doing the minimum a task
 *   needs (one status update + one log row per transaction) on the same schema; and the same
 *   in live mode with a channel that answers at once (two commits per task: the intent before
 *   the call, the outcome after), so the dry-run figure is not mistaken for live throughput;
 * - approve-to-start: delay from an approve call to the handler starting (p50/p99).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { z } from 'zod';
import type { ChannelHandler, TaskInput } from '../electron/engine/channels/types';
import { openDb } from '../electron/engine/db/open-db';
import { createEngine } from '../electron/engine/index';
import { longestBlockDuring } from './idle-cost';
import { plainjobJobsPerSecond } from './plainjob-peer';

export interface ExecutorBenchResult {
  tasks: number;
  /** plainjob (the leanest better-sqlite3 queue) on the same machine, alternating runs with ours. */
  plainjobJobsPerSecond: number;
  /** Longest event-loop block during a 1,000-task dry-run cycle (ms); the desktop's main thread. The worst of the cycles below. */
  longestBlockMs: number;
  /** The longest block of each measured 1,000-task cycle: three dry runs, then one live. */
  longestBlocks: { mode: 'dry-run' | 'live'; ms: number }[];
  rawTransactionsPerSecond: number;
  pipelineTasksPerSecond: number;
  ratio: number;
  /** Live mode with a channel that answers at once: claim+intent and outcome commit separately. */
  livePipelineTasksPerSecond: number;
  liveRatio: number;
  /** Live again with SQLite's own checkpoints inside the commits (what the worker replaced). */
  liveInlineCheckpointTasksPerSecond: number;
  /** Dry run of runnable Google Ads changes (2,000 tasks): the duplicate guard compares each. */
  validDryRunTasks: number;
  validDryRunTasksPerSecond: number;
  approveToStartMs: { samples: number; p50: number; p99: number; max: number };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

/**
 * The throughput workload: bid changes that name a campaign but no ad group, so the Google Ads
 * payload refuses them. A dry run of each is a "would fail" verdict with its reason: policy, parse,
 * verdict, ledger row and log, but no preview and no duplicate comparison (nothing to fingerprint).
 * `valid` adds a distinct ad group per task: the full dry run of a runnable change, where the
 * duplicate guard compares each task with the earlier changes of the same ad group.
 */
function insertTasks(db: ReturnType<typeof openDb>, count: number, valid = false): void {
  const insert = valid
    ? db.prepare(`INSERT INTO squad_tasks (title, assigned_agent, metadata) VALUES (?, 'Google Ads Agent', json_object('ad_group_id', ?, 'bid_change_percent', 5))`)
    : db.prepare(`INSERT INTO squad_tasks (title, assigned_agent, metadata) VALUES (?, 'Google Ads Agent', json_object('bid_change_percent', 5, 'campaign', ?))`);
  db.transaction(() => {
    for (let i = 0; i < count; i++) insert.run(`Lower bids on campaign ${i}`, valid ? String(100_000 + i) : `Speakers ${i}`);
  })();
}

function rawBaseline(dir: string, count: number, run = 0): number {
  const db = openDb(join(dir, `raw-${run}.db`));
  insertTasks(db, count);
  const ids = (db.prepare('SELECT id FROM squad_tasks').all() as { id: string }[]).map((row) => row.id);
  const update = db.prepare(`UPDATE squad_tasks SET status = 'completed', completed_at = ?, updated_at = ? WHERE id = ?`);
  const log = db.prepare(`INSERT INTO agent_logs (agent_name, event_type, message, task_id) VALUES ('Task Executor', 'task_completed', ?, ?)`);
  const perTask = db.transaction((id: string) => {
    const now = new Date().toISOString();
    update.run(now, now, id);
    log.run(`Completed ${id}`, id);
  });
  const started = performance.now();
  for (const id of ids) perTask(id);
  const seconds = (performance.now() - started) / 1000;
  db.close();
  return count / seconds;
}

/**
 * A channel that answers at once. Like every real channel (each has a reconcile path: DESIGN.md),
 * it can say after a crash whether a call happened, so the executor may group its claims
 * (executor/live-group.ts); here nothing is ever sent, so the answer is "not sent".
 */
const instantAdsChannel: ChannelHandler<TaskInput> = {
  id: 'instant',
  name: 'Instant',
  agent: 'Google Ads Agent',
  payloadSchema: z.custom<TaskInput>(() => true),
  limitKeys: () => [],
  preview: (task) => ({ channel: 'instant', summary: task.title, detail: { kind: 'generic', fields: {} } }),
  execute: async () => ({ externalId: null, externalUrl: null, result: {} }),
  reconcile: async () => ({ status: 'not_sent', evidence: 'the instant channel sends nothing' }),
};

interface PipelineOptions {
  /** Wraps the measured cycle (the longest-block probe). */
  onCycle?: (cycle: () => Promise<unknown>) => Promise<unknown>;
  /** Default true; false measures SQLite's own checkpoints inside the commits. */
  checkpointOffThread?: boolean;
  /** Runnable Google Ads changes instead of the refused ones (insertTasks). */
  validTasks?: boolean;
}

async function pipeline(dir: string, count: number, mode: 'dry-run' | 'live', run = 0, options: PipelineOptions = {}): Promise<number> {
  const { onCycle, checkpointOffThread = true, validTasks = false } = options;
  const live = mode === 'live';
  const engine = createEngine({
    checkpointOffThread,
    dbPath: join(dir, `pipeline-${mode}-${run}${checkpointOffThread ? '' : '-inline'}${validTasks ? '-valid' : ''}.db`),
    env: { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: live ? 'false' : 'true' },
    handlers: live ? [instantAdsChannel] : undefined,
  });
  if (live) await engine.api['settings:update']({ dailyLimits: { ...(await engine.api['settings:get']({})).settings.dailyLimits, task_executor: count } });
  insertTasks(engine.db, count, validTasks);
  const started = performance.now();
  let summary = { executed: 0 };
  const cycle = async () => void (summary = await engine.runCycle());
  await (onCycle ? onCycle(cycle) : cycle());
  const seconds = (performance.now() - started) / 1000;
  if (summary.executed !== count) throw new Error(`pipeline executed ${summary.executed} of ${count}`);
  await engine.close();
  return count / seconds;
}

async function approveToStart(dir: string, samples: number): Promise<ExecutorBenchResult['approveToStartMs']> {
  let onStart: (() => void) | null = null;
  const handler: ChannelHandler<TaskInput> = {
    id: 'bench',
    name: 'Bench',
    agent: 'Email Agent',
    payloadSchema: z.custom<TaskInput>(() => true),
    limitKeys: () => [],
    preview: (task) => ({ channel: 'bench', summary: task.title, detail: { kind: 'generic', fields: {} } }),
    async execute() {
      onStart?.();
      return { externalId: null, externalUrl: null, result: {} };
    },
  };
  const engine = createEngine({ dbPath: join(dir, 'latency.db'), env: { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'false', EXECUTOR_POLL_INTERVAL_MS: '3600000' }, handlers: [handler] });
  await engine.api['settings:update']({ dailyLimits: { ...(await engine.api['settings:get']({})).settings.dailyLimits, task_executor: 100_000 } });
  engine.start();
  const delays: number[] = [];
  for (let i = 0; i < samples; i++) {
    const task = await engine.api['tasks:create']({ title: `Reply ${i}`, assignedAgent: 'Email Agent', requiresApproval: true });
    const started = new Promise<number>((resolve) => (onStart = () => resolve(performance.now())));
    const t0 = performance.now();
    await engine.api['approvals:approve']({ id: task.id });
    delays.push((await started) - t0);
  }
  await engine.close();
  delays.sort((a, b) => a - b);
  const round = (ms: number) => Math.round(ms * 1000) / 1000;
  return { samples, p50: round(percentile(delays, 50)), p99: round(percentile(delays, 99)), max: round(delays[delays.length - 1]!) };
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * Ours and the peer alternate (ours, plainjob, ours, plainjob…) so a busy moment of the machine
 * falls on both; each figure is the median of its runs. A first, uncounted run of each warms the
 * JIT (our first dry run in a process ran at about 60 % of the later ones, which made the median
 * of three depend on which warm run came out lower).
 */
export async function runExecutorBench(tasks = 5_000, latencySamples = 300, rounds = 5): Promise<ExecutorBenchResult> {
  const dir = mkdtempSync(join(tmpdir(), 'mc-bench-'));
  try {
    const warmUp = 1_000;
    await plainjobJobsPerSecond(dir, warmUp, 1_000);
    await pipeline(dir, warmUp, 'dry-run', 1_000);
    await pipeline(dir, warmUp, 'live', 1_000);
    const raws: number[] = [];
    const dry: number[] = [];
    const lives: number[] = [];
    const livesInline: number[] = [];
    const peers: number[] = [];
    for (let round = 0; round < rounds; round++) {
      raws.push(rawBaseline(join(dir), tasks, round));
      peers.push(await plainjobJobsPerSecond(dir, tasks, round * 2));
      dry.push(await pipeline(dir, tasks, 'dry-run', round));
      peers.push(await plainjobJobsPerSecond(dir, tasks, round * 2 + 1));
      lives.push(await pipeline(dir, tasks, 'live', round));
      livesInline.push(await pipeline(dir, tasks, 'live', round, { checkpointOffThread: false }));
    }
    const [raw, piped, live, peer] = [median(raws), median(dry), median(lives), median(peers)];
    const validDryRunTasks = 2_000;
    const validDry: number[] = [];
    for (let round = 0; round < rounds; round++) validDry.push(await pipeline(dir, validDryRunTasks, 'dry-run', round, { validTasks: true }));
    // One cycle's longest block depends on where a garbage collection falls: several cycles, the worst counts.
    const longestBlocks: ExecutorBenchResult['longestBlocks'] = [];
    for (const mode of ['dry-run', 'dry-run', 'dry-run', 'live'] as const) {
      await pipeline(dir, 1_000, mode, rounds + longestBlocks.length, { onCycle: async (cycle) => void longestBlocks.push({ mode, ms: await longestBlockDuring(cycle) }) });
    }
    const longestBlockMs = Math.max(...longestBlocks.map((block) => block.ms));
    const latency = await approveToStart(dir, latencySamples);
    const ratio = (value: number) => Math.round((value / raw) * 1000) / 1000;
    return {
      tasks,
      plainjobJobsPerSecond: Math.round(peer),
      longestBlockMs,
      longestBlocks,
      rawTransactionsPerSecond: Math.round(raw),
      pipelineTasksPerSecond: Math.round(piped),
      ratio: ratio(piped),
      livePipelineTasksPerSecond: Math.round(live),
      liveRatio: ratio(live),
      liveInlineCheckpointTasksPerSecond: Math.round(median(livesInline)),
      validDryRunTasks,
      validDryRunTasksPerSecond: Math.round(median(validDry)),
      approveToStartMs: latency,
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
