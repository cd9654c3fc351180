/**
 * Social publishing benchmark (not a timed test): 100 approved posts (50 X, 25 Facebook, 25
 * Instagram) published by the real executor through the real X and Meta handlers against the
 * local X API v2 and Graph API servers. Reports the wall time per post next to the servers' own
 * handling time per post; the difference is the executor's overhead (policy, claim, limits,
 * intent and outcome commits, the clients, HTTP on loopback). Run alone:
 * `npx tsx bench/social-publish-bench.ts`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { createMetaHandler } from '../electron/engine/channels/meta/meta-handler';
import { FakeGraphServer } from '../electron/engine/channels/meta/test-support/fake-graph-server';
import { FakeXServer } from '../electron/engine/channels/x/test-support/fake-x-server';
import { createXHandler } from '../electron/engine/channels/x/x-handler';
import { createEngine } from '../electron/engine/index';
import { MemorySecretStore } from '../electron/engine/secrets/types';

export interface SocialPublishBench {
  posts: number;
  wallMs: number;
  perPostMs: number;
  serverMsPerPost: number;
  requestsPerPost: number;
  overheadMsPerPost: number;
  published: { x: number; facebook: number; instagram: number };
}

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const round = (value: number) => Math.round(value * 100) / 100;

export async function runSocialPublishBench(count = 100): Promise<SocialPublishBench> {
  const x = await FakeXServer.start();
  const graph = await FakeGraphServer.start();
  graph.containerScript = ['FINISHED'];
  graph.quota.total = 10_000;
  const dir = mkdtempSync(join(tmpdir(), 'mc-social-bench-'));
  const secrets = new MemorySecretStore();
  const env = { X_CLIENT_ID: x.clientId, X_REFRESH_TOKEN: x.issueRefreshToken(), X_API_BASE_URL: x.baseUrl, META_PAGE_ID: graph.pageId, META_PAGE_ACCESS_TOKEN: graph.pageToken, META_GRAPH_BASE_URL: graph.baseUrl };
  const handlers = [createXHandler({ env, secrets }), createMetaHandler({ env, secrets, allowLocalMedia: true, instagramPace: { pollMs: 10, maxWaitMs: 5_000 } })];
  const engine = createEngine({ dbPath: join(dir, 'bench.db'), env: { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'false' }, handlers });
  try {
    const limits = (await engine.api['settings:get']({})).settings.dailyLimits;
    await engine.api['settings:update']({ dailyLimits: { ...limits, task_executor: 100_000, social_publish: 100_000 } });
    for (let index = 0; index < count; index++) {
      const platform = index % 4 === 1 ? 'facebook' : index % 4 === 3 ? 'instagram' : 'x';
      const metadata = platform === 'instagram' ? { platform, content: `Bench post ${index} #audico`, media_urls: [`${graph.baseUrl}/media/${index}.jpg`] } : { platform, content: `Bench post ${index}: Sonos Era 300 at https://audico.co.za/era-300` };
      const task = await engine.api['tasks:create']({ title: `Bench ${index}`, assignedAgent: 'Social Media Agent', metadata });
      await engine.api['approvals:approve']({ id: task.id, by: 'bench' });
    }
    // Warm the clients (token refresh, page read) outside the measurement.
    await handlers[0]!.connection!.check(new AbortController().signal);
    await (handlers[1] as ReturnType<typeof createMetaHandler>).account.page();
    x.handlingMs.length = 0;
    graph.handlingMs.length = 0;
    const started = performance.now();
    for (let cycle = 0; cycle < count * 2; cycle++) {
      await engine.runCycle();
      const left = engine.db.prepare(`SELECT count(*) AS n FROM squad_tasks WHERE assigned_agent = 'Social Media Agent' AND status != 'completed'`).get() as { n: number };
      if (left.n === 0) break;
    }
    const wallMs = performance.now() - started;
    const serverMs = sum(x.handlingMs) + sum(graph.handlingMs);
    const requests = x.handlingMs.length + graph.handlingMs.length;
    const done = engine.db.prepare(`SELECT count(*) AS n FROM squad_tasks WHERE status = 'completed'`).get() as { n: number };
    if (done.n !== count) throw new Error(`only ${done.n} of ${count} posts completed`);
    return {
      posts: count,
      wallMs: round(wallMs),
      perPostMs: round(wallMs / count),
      serverMsPerPost: round(serverMs / count),
      requestsPerPost: round(requests / count),
      overheadMsPerPost: round((wallMs - serverMs) / count),
      published: { x: x.live().length, facebook: graph.livePosts().length, instagram: graph.igMedia.length },
    };
  } finally {
    await engine.close();
    await x.close();
    await graph.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function formatSocialPublishBench(result: SocialPublishBench): string[] {
  return [
    `${result.posts} approved posts (X ${result.published.x}, Facebook ${result.published.facebook}, Instagram ${result.published.instagram}) in ${result.wallMs} ms`,
    `per post: ${result.perPostMs} ms wall, ${result.serverMsPerPost} ms in the servers' own handlers (${result.requestsPerPost} requests)`,
    `executor overhead per post (wall - server): ${result.overheadMsPerPost} ms`,
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const line of formatSocialPublishBench(await runSocialPublishBench())) console.log(line);
}
