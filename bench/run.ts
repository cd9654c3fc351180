/**
 * `npm run bench`: every benchmark, figures printed as ratios against baselines measured in the
 * same run (never a timed test).
 */
import { formatBrowserQueueBench, runBrowserQueueBench } from './browser-queue';
import { bundleReport, formatBundleReport } from './bundle-size';
import { formatFirstPaintBench, runFirstPaintBench } from './first-paint';
import { fileURLToPath } from 'node:url';
import { runExecutorBench } from './executor-bench';
import { measureServeIdle } from './idle-cost';
import { runRoundTripBench } from './remote-round-trip';

const ratio = (value: number, baseline: number) => (Math.round((value / baseline) * 100) / 100).toFixed(2);
import { formatSocialPublishBench, runSocialPublishBench } from './social-publish-bench';

const executor = await runExecutorBench();
const peer = executor.plainjobJobsPerSecond;
console.log(`Executor throughput over ${executor.tasks} tasks (medians of alternating runs)`);
console.log(`  baseline plainjob (peer queue, same SQLite): ${peer} jobs/s`);
console.log(`  baseline raw transactions (1 update + 1 log): ${executor.rawTransactionsPerSecond} tasks/s`);
console.log(`  dry run, full pipeline: ${executor.pipelineTasksPerSecond} tasks/s = ${ratio(executor.pipelineTasksPerSecond, peer)}x plainjob (aim >= 1.0), ${executor.ratio}x raw`);
console.log(`  live, instant channel:  ${executor.livePipelineTasksPerSecond} tasks/s = ${ratio(executor.livePipelineTasksPerSecond, peer)}x plainjob (aim >= 0.5), ${executor.liveRatio}x raw`);
console.log(`  dry run of ${executor.validDryRunTasks} runnable Google Ads changes (preview, fingerprint, duplicate guard against earlier changes of the same subject; verdict: Google Ads not connected): ${executor.validDryRunTasksPerSecond} tasks/s = ${ratio(executor.validDryRunTasksPerSecond, peer)}x plainjob`);
console.log(`  live with SQLite's checkpoints inside the commits (before the checkpoint worker): ${executor.liveInlineCheckpointTasksPerSecond} tasks/s; worker ${ratio(executor.livePipelineTasksPerSecond, executor.liveInlineCheckpointTasksPerSecond)}x that`);
console.log(`  longest main-thread block in a 1,000-task cycle: ${executor.longestBlockMs} ms, the worst of ${executor.longestBlocks.map((block) => `${block.mode} ${block.ms}`).join(', ')} (baseline: one 60 Hz frame, 16.7 ms; ratio ${ratio(executor.longestBlockMs, 16.7)})`);
console.log(`Approve -> handler start over ${executor.approveToStartMs.samples} approvals (baseline: graphile-worker's 4 ms)`);
console.log(`  p50 ${executor.approveToStartMs.p50} ms (ratio ${ratio(executor.approveToStartMs.p50, 4)}), p99 ${executor.approveToStartMs.p99} ms, max ${executor.approveToStartMs.max} ms`);

const roundTrip = await runRoundTripBench(20);
const p = roundTrip.p50;
console.log(`Remote round trip (PostgreSQL insert -> executed -> result on the remote), p50 of ${roundTrip.runs}`);
console.log(`  ${p.total} ms (aim < 100 ms; ratio ${ratio(p.total, 100)}), max ${roundTrip.max} ms`);
console.log(`  notify ${p.notify} ms, pull ${p.pull} ms, wake ${p.wake} ms, run ${p.run} ms, push ${p.push} ms`);

const idle = await measureServeIdle(fileURLToPath(new URL('../out/main/cli.js', import.meta.url)));
if (typeof idle === 'string') console.log(`Idle cost of serve: ${idle}`);
else {
  console.log(`Idle cost of \`mission-control serve\` (empty database) over ${idle.seconds} s`);
  console.log(`  ${idle.ticks} CPU ticks = ${idle.cpuPercent} % CPU (aim < 0.1 %; ratio ${ratio(idle.cpuPercent, 0.1)}), RSS ${idle.rssMb} MB`);
}

console.log('Dashboard queue with 100,000 tasks (Chromium against mission-control serve)');
for (const line of formatBrowserQueueBench(await runBrowserQueueBench())) console.log(`  ${line}`);

console.log('Dashboard first paint of each view with 100,000 tasks (cold: fresh browser context; warm: reload)');
for (const line of formatFirstPaintBench(await runFirstPaintBench())) console.log(`  ${line}`);

console.log('Dashboard bundle (out/renderer, from the build manifest)');
for (const line of formatBundleReport(bundleReport())) console.log(`  ${line}`);

console.log('Social publishing: 100 approved posts against the local X and Graph API servers');
for (const line of formatSocialPublishBench(await runSocialPublishBench())) console.log(`  ${line}`);
