/**
 * First paint of every dashboard view with 100,000 tasks (not a timed test): a real
 * `mission-control serve`, Debian's Chromium. For each view, the time from navigation start to
 * the view's data on screen, read in the page:
 * - cold: a fresh browser context and a new tab (no HTTP cache, no code cache, and Chromium starts
 *   the tab's renderer process first);
 * - cold in an open tab: a fresh context whose tab first shows a blank same-origin page, then
 *   navigates to the view (no HTTP cache, no code cache; the renderer process already runs, as
 *   when Kenny reloads or follows the sign-in link);
 * - warm: the same context loading it again.
 * Two baselines: the server's own time for the API calls that view made, replayed from Node one
 * after another (serve handles one request at a time), and the browser's floor: a blank
 * same-origin page in a fresh context and new tab, measured the same way (navigation start to its
 * element). Run alone: `npx tsx bench/first-paint.ts`.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Cookie } from 'playwright-core';
import type { MethodName } from '../shared/contract';
import { seedTasks } from '../e2e/support/seed';
import { startServe, type ServeHandle } from '../e2e/support/serve';

export interface ViewPaint {
  view: string;
  /** Medians over `runs` loads, ms from navigation start to the ready selector. */
  coldMs: number;
  /** Fresh context, its tab already showing a blank same-origin page. */
  openTabColdMs: number;
  warmMs: number;
  /** The API calls made by the cold load, and their server time replayed from Node (sum of medians). */
  calls: string[];
  serverMs: number;
}

export interface FirstPaintBench {
  tasks: number;
  runs: number;
  views: ViewPaint[];
  /** The browser's floor: a blank same-origin page, fresh context and new tab (median of `runs`). */
  blankMs: number;
  /** The same blank page navigated to from another blank page of the same origin (open tab). */
  openTabBlankMs: number;
  /** tasks:list queryMs of the queue's first page (the SQL alone). */
  queueQueryMs: number;
  loadAverage: number;
}

interface ViewSpec {
  view: string;
  hash: string;
  /** Present once the view shows its data (not its loading state). */
  ready: string;
}

const taskId = 'seed-000123';
const views: ViewSpec[] = [
  { view: 'Today', hash: '#/today', ready: '[data-testid="count-awaiting"]' },
  { view: 'Approvals', hash: '#/approvals', ready: '[data-row-id]' },
  { view: 'Queues', hash: '#/queues', ready: '.queue-item[data-task-id]' },
  { view: 'Logs', hash: '#/logs', ready: '.view.logs table.log-table' },
  { view: 'Settings', hash: '#/settings', ready: 'form[aria-label="Executor settings"]' },
  { view: 'Task detail', hash: `#/task/${taskId}`, ready: '.view.task-detail h1' },
];

// Plain JavaScript text: tsx would wrap a function passed to page.evaluate with a `__name` helper.
const readyAtJs = `(selector) => new Promise((resolve) => {
  if (document.querySelector(selector)) return resolve(performance.now());
  const observer = new MutationObserver(() => {
    if (document.querySelector(selector)) { observer.disconnect(); resolve(performance.now()); }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** A same-origin page with nothing to load: answered by the browser context itself (routing). */
const blankPath = '__bench-blank';
const blankSpec: ViewSpec = { view: 'blank', hash: blankPath, ready: '#blank' };

async function routeBlank(context: BrowserContext): Promise<void> {
  await context.route(`**/${blankPath}*`, (route) => route.fulfill({ status: 200, contentType: 'text/html; charset=utf-8', body: '<!doctype html><title>blank</title><p id="blank">blank</p>' }));
}

/**
 * One load of `spec` in a new tab of `context`. `openTab`: the tab first shows the blank page,
 * then routing is switched off (it would slow every request of the view) and the tab navigates.
 */
async function load(context: BrowserContext, url: string, spec: ViewSpec, calls?: { method: string; body: string }[], openTab = false): Promise<number> {
  const page = await context.newPage();
  try {
    if (openTab) {
      await page.goto(`${url}${blankPath}-first`);
      if (spec !== blankSpec) await context.unrouteAll();
    }
    if (calls) {
      page.on('request', (request) => {
        const match = /\/api\/rpc\/([^?]+)/.exec(request.url());
        if (match) calls.push({ method: decodeURIComponent(match[1]!), body: request.postData() ?? '{}' });
      });
    }
    await page.goto(`${url}${spec.hash}`, { waitUntil: 'commit' });
    return await page.evaluate<number>(`(${readyAtJs})(${JSON.stringify(spec.ready)})`);
  } finally {
    await page.close();
  }
}

/** The server's time for the calls, one after another, as the median of three replays each. */
async function serverTime(server: ServeHandle, calls: { method: string; body: string }[]): Promise<number> {
  let total = 0;
  for (const call of calls) {
    const samples: number[] = [];
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      await server.rpc(call.method as MethodName, JSON.parse(call.body) as never);
      samples.push(performance.now() - start);
    }
    total += median(samples);
  }
  return total;
}

async function settle(server: ServeHandle): Promise<void> {
  // serve's start-up (first cycle, status counts over 100,000 rows) is not what a view waits for.
  for (let i = 0; i < 20; i++) {
    const start = performance.now();
    await server.rpc('status:get', {});
    if (performance.now() - start < 20) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

export async function runFirstPaintBench(options: { tasks?: number; runs?: number; executablePath?: string } = {}): Promise<FirstPaintBench> {
  const tasks = options.tasks ?? 100_000;
  const runs = options.runs ?? 3;
  const server = await startServe({ prepare: (dbPath) => seedTasks(dbPath, tasks) });
  let browser: Browser | null = null;
  try {
    for (let i = 0; i < 20; i++) {
      await server.rpc('tasks:create', { title: `Reply to customer ${i}`, assignedAgent: 'Email Agent', requiresApproval: true, metadata: { to: `customer${i}@example.com`, subject: 'Your order', body_text: 'It ships today.' } });
    }
    await settle(server);
    browser = await chromium.launch({
      executablePath: options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
    });
    const signIn = await browser.newContext();
    await (await signIn.newPage()).goto(server.authUrl);
    const cookies: Cookie[] = await signIn.cookies();
    await signIn.close();

    const fresh = async (withBlank: boolean) => {
      const context = await browser!.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addCookies(cookies);
      if (withBlank) await routeBlank(context);
      return context;
    };
    const blank: number[] = [];
    const openTabBlank: number[] = [];
    for (let i = 0; i < runs; i++) {
      for (const [samples, openTab] of [[blank, false], [openTabBlank, true]] as const) {
        const context = await fresh(true);
        samples.push(await load(context, server.url, blankSpec, undefined, openTab));
        await context.close();
      }
    }

    const results: ViewPaint[] = [];
    for (const spec of views) {
      const cold: number[] = [];
      const openTabCold: number[] = [];
      const calls: { method: string; body: string }[] = [];
      for (let i = 0; i < runs; i++) {
        let context = await fresh(false);
        cold.push(await load(context, server.url, spec, i === 0 ? calls : undefined));
        await context.close();
        context = await fresh(true);
        openTabCold.push(await load(context, server.url, spec, undefined, true));
        await context.close();
      }
      const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
      await context.addCookies(cookies);
      await load(context, server.url, spec);
      const warm: number[] = [];
      for (let i = 0; i < runs; i++) warm.push(await load(context, server.url, spec));
      await context.close();
      await settle(server);
      results.push({ view: spec.view, coldMs: median(cold), openTabColdMs: median(openTabCold), warmMs: median(warm), calls: calls.map((call) => call.method), serverMs: await serverTime(server, calls) });
    }
    const queue = await server.rpc('tasks:list', { offset: 0, limit: 200, sort: 'priority', direction: 'asc' });
    const { loadavg } = await import('node:os');
    return { tasks, runs, views: results, blankMs: median(blank), openTabBlankMs: median(openTabBlank), queueQueryMs: queue.queryMs ?? Number.NaN, loadAverage: loadavg()[0]! };
  } finally {
    await browser?.close();
    await server.stop();
  }
}

/** Human-readable lines for `npm run bench`. */
export function formatFirstPaintBench(result: FirstPaintBench): string[] {
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const ratio = (value: number, base: number) => (value / base).toFixed(1);
  const queues = result.views.find((view) => view.view === 'Queues');
  return [
    `first paint with ${result.tasks.toLocaleString('en')} tasks, Chromium headless, medians of ${result.runs} (1-min load average ${result.loadAverage.toFixed(1)})`,
    `  browser floor (blank same-origin page): new tab ${ms(result.blankMs)}, open tab ${ms(result.openTabBlankMs)}`,
    ...result.views.map(
      (view) =>
        `  ${view.view}: cold ${ms(view.coldMs)}, cold in an open tab ${ms(view.openTabColdMs)}, warm ${ms(view.warmMs)}   | server ${ms(view.serverMs)} for ${view.calls.length} calls (${[...new Set(view.calls)].join(', ')}); ratio to server: cold ${ratio(view.coldMs, view.serverMs)}, open tab ${ratio(view.openTabColdMs, view.serverMs)}, warm ${ratio(view.warmMs, view.serverMs)}; cold minus the new-tab floor ${ms(view.coldMs - result.blankMs)}, open tab minus its floor ${ms(view.openTabColdMs - result.openTabBlankMs)}`,
    ),
    `  queue first page: SQL ${result.queueQueryMs.toFixed(1)} ms; cold paint ${ms(queues?.coldMs ?? Number.NaN)}, in an open tab ${ms(queues?.openTabColdMs ?? Number.NaN)} (aim < 300 ms)`,
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runFirstPaintBench()
    .then((result) => {
      for (const line of formatFirstPaintBench(result)) console.log(line);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
