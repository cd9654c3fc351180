/**
 * Remote round trip against a real PostgreSQL 15: a task inserted on the remote (as the cloud
 * agents do) -> NOTIFY -> pulled into SQLite -> executed (live, a channel that answers at once) ->
 * its result pushed back and visible on the remote. p50 over the runs, with where the time goes.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { z } from 'zod';
import type { ChannelHandler, TaskInput } from '../electron/engine/channels/types';
import { createEngine } from '../electron/engine/index';
import { startSync } from '../electron/engine/sync/sync-service';
import { startPostgres } from '../electron/engine/sync/test-support/postgres';

export interface RoundTripPhases {
  /** Remote insert -> NOTIFY received by the app. */
  notify: number;
  /** NOTIFY -> the task is in SQLite (pull round). */
  pull: number;
  /** In SQLite -> the channel is called (policy, guard: remote claim, claim + intent). */
  wake: number;
  /** The channel call and the outcome commit. */
  run: number;
  /** Outcome committed -> completed is visible on the remote (push). */
  push: number;
  total: number;
}

export interface RoundTripResult {
  runs: number;
  p50: RoundTripPhases;
  max: number;
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const round2 = (ms: number) => Math.round(ms * 100) / 100;

export async function runRoundTripBench(runs = 20): Promise<RoundTripResult> {
  const postgres = await startPostgres();
  const dir = mkdtempSync(join(tmpdir(), 'mc-bench-rt-'));
  let started = 0;
  let finished = 0;
  const handler: ChannelHandler<TaskInput> = {
    id: 'instant',
    name: 'Instant',
    agent: 'Google Ads Agent',
    payloadSchema: z.custom<TaskInput>(() => true),
    limitKeys: () => [],
    preview: (task) => ({ channel: 'instant', summary: task.title, detail: { kind: 'generic', fields: {} } }),
    async execute() {
      started = performance.now();
      return { externalId: null, externalUrl: null, result: {} };
    },
  };
  const engine = createEngine({ dbPath: join(dir, 'rt.db'), env: { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'false', EXECUTOR_POLL_INTERVAL_MS: '3600000' }, handlers: [handler] });
  const sync = startSync(engine, { url: postgres.url });
  const observer = new pg.Client({ connectionString: postgres.url });
  await observer.connect();
  try {
    engine.start();
    await sync.syncOnce();
    let notifiedAt = 0;
    sync.on('notify', () => void (notifiedAt ||= performance.now()));
    const samples: RoundTripPhases[] = [];
    for (let i = 0; i < runs; i++) {
      notifiedAt = 0;
      started = 0;
      let pulledAt = 0;
      let id = '';
      const offPulled = engine.on('task:changed', (task) => void (task.id === id && !pulledAt && (pulledAt = performance.now())));
      const offDone = engine.on('task:changed', (task) => void (task.id === id && task.status === 'completed' && !finished && (finished = performance.now())));
      finished = 0;
      const t0 = performance.now();
      const inserted = await observer.query<{ id: string }>(
        `INSERT INTO squad_tasks (title, assigned_agent, metadata) VALUES ($1, 'Google Ads Agent', '{"bid_change_percent": -5}') RETURNING id`,
        [`Round trip ${i}`],
      );
      id = inserted.rows[0]!.id;
      // Visible on the remote: poll the remote row (1 ms apart) until the push lands.
      let remoteAt = 0;
      const deadline = t0 + 10_000;
      while (!remoteAt && performance.now() < deadline) {
        const row = await observer.query<{ status: string }>('SELECT status FROM squad_tasks WHERE id = $1', [id]);
        if (row.rows[0]?.status === 'completed') remoteAt = performance.now();
        else await new Promise((resolve) => setTimeout(resolve, 1));
      }
      offPulled();
      offDone();
      if (!remoteAt || !started || !pulledAt || !finished) throw new Error(`round trip ${i} did not complete (pulled ${!!pulledAt}, ran ${!!started}, remote ${!!remoteAt})`);
      const notify = notifiedAt ? notifiedAt - t0 : 0;
      samples.push({
        notify,
        pull: pulledAt - (notifiedAt || t0),
        wake: started - pulledAt,
        run: finished - started,
        push: remoteAt - finished,
        total: remoteAt - t0,
      });
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    const phase = (key: keyof RoundTripPhases) => round2(median(samples.map((sample) => sample[key])));
    return {
      runs,
      p50: { notify: phase('notify'), pull: phase('pull'), wake: phase('wake'), run: phase('run'), push: phase('push'), total: phase('total') },
      max: round2(Math.max(...samples.map((sample) => sample.total))),
    };
  } finally {
    await observer.end();
    await sync.stop();
    await engine.close();
    await postgres.destroy();
    rmSync(dir, { recursive: true, force: true });
  }
}
