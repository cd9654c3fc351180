/**
 * `npm run bench`: every benchmark, figures printed as ratios against baselines measured in the
 * same run (never a timed test).
 */
import { formatBrowserQueueBench, runBrowserQueueBench } from './browser-queue';
import { runExecutorBench } from './executor-bench';
import { formatSocialPublishBench, runSocialPublishBench } from './social-publish-bench';

const executor = await runExecutorBench();
console.log('Executor throughput (dry run, full pipeline) vs raw better-sqlite3 transactions');
console.log(`  raw transactions:   ${executor.rawTransactionsPerSecond} tasks/s`);
console.log(`  executor pipeline:  ${executor.pipelineTasksPerSecond} tasks/s over ${executor.tasks} tasks`);
console.log(`  ratio:              ${executor.ratio} (aim: >= 0.333)`);
console.log(`  live, instant channel: ${executor.livePipelineTasksPerSecond} tasks/s, ratio ${executor.liveRatio} (intent and outcome commit separately)`);
console.log(`Approve -> handler start over ${executor.approveToStartMs.samples} approvals`);
console.log(`  p50 ${executor.approveToStartMs.p50} ms, p99 ${executor.approveToStartMs.p99} ms, max ${executor.approveToStartMs.max} ms (aim: p50 < 10 ms)`);

console.log('Dashboard queue with 100,000 tasks (Chromium against mission-control serve)');
for (const line of formatBrowserQueueBench(await runBrowserQueueBench())) console.log(`  ${line}`);

console.log('Social publishing: 100 approved posts against the local X and Graph API servers');
for (const line of formatSocialPublishBench(await runSocialPublishBench())) console.log(`  ${line}`);
