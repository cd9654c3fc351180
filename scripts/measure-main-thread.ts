/**
 * Is the main process a fine home for the engine? Measures how long the calls the shell makes on
 * Electron's main thread block it, on a database like Kenny's after months (100,000 finished
 * tasks, 200 awaiting approval): what the tray refresh and the notification watcher call after
 * each event burst, and one executor cycle. Run: `npx tsx scripts/measure-main-thread.ts`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { seedTasks } from '../e2e/support/seed';
import { createEngine } from '../electron/engine/index';

async function time(label: string, runs: number, fn: () => Promise<unknown>): Promise<void> {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)] ?? 0;
  console.log(`${label.padEnd(44)} median ${median.toFixed(1).padStart(7)} ms   max ${(samples.at(-1) ?? 0).toFixed(1).padStart(7)} ms   (${runs} runs)`);
}

const dir = mkdtempSync(join(tmpdir(), 'mc-main-thread-'));
const dbPath = join(dir, 'mission-control.db');
seedTasks(dbPath, 100_000);
const engine = createEngine({ dbPath, env: { AGENT_DRY_RUN: '1' } });
for (let i = 0; i < 200; i++) await engine.api['tasks:create']({ title: `Waiting ${i}`, assignedAgent: 'Email Agent', requiresApproval: true, metadata: { to: 'jo@example.com' } });
for (let i = 0; i < 20; i++) await engine.api['tasks:create']({ title: `Runnable ${i}`, assignedAgent: 'Jarvis' });

console.log('100,000 finished tasks + 200 awaiting approval + 20 new, dry-run:');
await time('tray refresh: status:get', 20, () => engine.api['status:get']({}));
await time('tray refresh: settings:get', 20, () => engine.api['settings:get']({}));
await time('tray refresh: alerts:list (unacknowledged)', 20, () => engine.api['alerts:list']({ unacknowledgedOnly: true, limit: 1000 }));
await time('watcher: approvals:list (limit 500)', 10, () => engine.api['approvals:list']({ limit: 500 }));
await time('dashboard: tasks:list first page', 20, () => engine.api['tasks:list']({}));
await time('dashboard: tasks:list search', 20, () => engine.api['tasks:list']({ search: 'amplifier' }));
await time('executor: runCycle (dry-run)', 3, () => engine.runCycle());
await engine.close();
