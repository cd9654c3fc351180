/**
 * Paired comparison of one view's cold first paint between two source trees (not part of
 * `npm run bench`): a `serve` from each tree (each built first: `npx electron-vite build` in it),
 * one Chromium, and cold loads (fresh context, new tab) alternating between them, so both see the
 * same machine at the same moment. On a machine whose floor moves by 20-50 ms from run to run,
 * the paired median difference is what separates a change from the noise (docs/benchmarks.md).
 *
 *   npx tsx bench/first-paint-ab.ts /path/to/before /path/to/after
 *
 * Environment: MC_AB_PAIRS (default 15), MC_AB_PATH (default `queues`), MC_AB_READY (the selector
 * that means the view's data is in the DOM; default a queue row), MC_AB_OPEN_TAB=1 (the tab first
 * shows a blank same-origin page, as the bench's "open tab"), MC_BENCH_TASKS (default 100,000).
 * Prints, per tree, the median painted and first-contentful-paint times, then the paired medians.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium, type Cookie } from 'playwright-core';
import type { ServeHandle } from '../e2e/support/serve';
import { chromiumArgs, contentfulJs, paintedAtJs } from './first-paint';

const median = (values: number[]) => {
  const sorted = values.filter((value) => !Number.isNaN(value)).sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
};

async function startFrom(tree: string, tasks: number): Promise<ServeHandle> {
  // Each tree's own seed and serve helpers, so its own build and CLI are what runs.
  const { seedTasks } = (await import(pathToFileURL(resolve(tree, 'e2e/support/seed.ts')).href)) as typeof import('../e2e/support/seed');
  const { startServe } = (await import(pathToFileURL(resolve(tree, 'e2e/support/serve.ts')).href)) as typeof import('../e2e/support/serve');
  const server = await startServe({ prepare: (dbPath) => seedTasks(dbPath, tasks) });
  for (let i = 0; i < 20; i++) await server.rpc('status:get', {});
  return server;
}

async function main(): Promise<void> {
  const trees = process.argv.slice(2);
  if (trees.length !== 2) throw new Error('usage: npx tsx bench/first-paint-ab.ts <tree-before> <tree-after>');
  const pairs = Number(process.env.MC_AB_PAIRS ?? 15);
  const path = process.env.MC_AB_PATH ?? 'queues';
  const ready = process.env.MC_AB_READY ?? '.queue-item[data-task-id]';
  const servers: ServeHandle[] = [];
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs() });
  try {
    for (const tree of trees) servers.push(await startFrom(tree, Number(process.env.MC_BENCH_TASKS ?? 100_000)));
    const cookies: Cookie[][] = [];
    for (const server of servers) {
      const signIn = await browser.newContext();
      await (await signIn.newPage()).goto(server.authUrl);
      cookies.push(await signIn.cookies());
      await signIn.close();
    }
    const samples = servers.map(() => ({ painted: [] as number[], contentful: [] as number[] }));
    for (let i = 0; i < pairs; i++) {
      // Alternate which tree goes first, so neither always follows the other's load.
      for (const k of i % 2 === 0 ? [0, 1] : [1, 0]) {
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        try {
          await context.addCookies(cookies[k]!);
          const page = await context.newPage();
          if (process.env.MC_AB_OPEN_TAB === '1') {
            await context.route('**/__ab-blank', (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><p>blank</p>' }));
            await page.goto(`${servers[k]!.url}__ab-blank`);
            await context.unrouteAll();
          }
          await page.goto(`${servers[k]!.url}${path}`, { waitUntil: 'commit' });
          samples[k]!.painted.push(await page.evaluate<number>(`(${paintedAtJs})(${JSON.stringify(ready)})`));
          samples[k]!.contentful.push(await page.evaluate<number>(contentfulJs));
        } finally {
          await context.close();
        }
      }
    }
    const ms = (value: number) => `${Math.round(value)} ms`;
    trees.forEach((tree, k) => console.log(`${tree}: painted ${ms(median(samples[k]!.painted))}, first-contentful-paint ${ms(median(samples[k]!.contentful))} (${samples[k]!.painted.map(Math.round).join(' ')})`));
    const paired = (key: 'painted' | 'contentful') => median(samples[1]![key].map((value, i) => value - samples[0]![key][i]!));
    console.log(`after minus before, paired medians of ${pairs}: painted ${ms(paired('painted'))}, first-contentful-paint ${ms(paired('contentful'))}`);
  } finally {
    await browser.close();
    for (const server of servers) await server.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
