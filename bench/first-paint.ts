/**
 * First paint of every dashboard view with 100,000 tasks (not a timed test): a real
 * `mission-control serve`, Debian's Chromium, loading the view's path route (`/queues`), which
 * serve renders ahead (electron/server/page-render.ts) unless `serverRender: false`
 * (`--no-server-render`). For each view, two times from navigation start, read in the page:
 * - painted: the view's data in the DOM, then the next frame (a task posted from the frame's
 *   requestAnimationFrame runs after that frame is painted), so the rows are on screen, not only
 *   in the DOM;
 * - interactive: `<html data-hydrated>` (set by the app once the view is hydrated or rendered:
 *   renderer/src/ssr/app-tree.tsx), then the next frame. A server-rendered page is painted
 *   before it is interactive; a page the client builds is both at once.
 * Each is measured
 * - cold: a fresh browser context and a new tab (no HTTP cache, no code cache, and Chromium starts
 *   the tab's renderer process first);
 * - cold in an open tab: a fresh context whose tab first shows a blank same-origin page, then
 *   navigates to the view (no HTTP cache, no code cache; the renderer process already runs, as
 *   when Kenny reloads or follows the sign-in link);
 * - warm: the same context loading it again.
 * Baselines: the page's HTML fetched from Node (its server render included); the server's own
 * time for the API calls the page made, replayed from Node one after another (serve handles one
 * request at a time); and the browser's floor: a blank same-origin page in a fresh context and
 * new tab, measured the same way (its element, then the next frame). Run alone:
 * `npx tsx bench/first-paint.ts` (MC_BENCH_TASKS, MC_BENCH_RUNS, MC_BENCH_SERVER_RENDER=0,
 * MC_BENCH_VIEWS=Queues,Logs, MC_BENCH_OMNIBOX=1).
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Cookie } from 'playwright-core';
import type { MethodName } from '../shared/contract';
import { baseHeaders, openerPolicyFor } from '../electron/server/http-util';
import { dashboardCsp } from '../electron/server/static-files';
import { seedTasks } from '../e2e/support/seed';
import { startServe, type ServeHandle } from '../e2e/support/serve';

/** Medians over `runs` loads, ms from navigation start: painted and interactive. */
export interface PaintTimes {
  painted: number;
  interactive: number;
  /**
   * The browser's own record: its first-contentful-paint entry, the time the first frame with
   * text was presented (NaN when it gave none). Later than `painted`, which is when the page's
   * main thread had produced that frame.
   */
  contentful: number;
}

export interface ViewPaint {
  view: string;
  cold: PaintTimes;
  /** Fresh context, its tab already showing a blank same-origin page. */
  openTabCold: PaintTimes;
  warm: PaintTimes;
  /** The page's HTML fetched from Node with the session cookie (its server render included), median of 3. */
  pageMs: number;
  /** The API calls made by the cold load, and their server time replayed from Node (sum of medians). */
  calls: string[];
  serverMs: number;
}

export interface FirstPaintBench {
  tasks: number;
  runs: number;
  serverRender: boolean;
  /** The new windows' omnibox popup renderers were left on (`MC_BENCH_OMNIBOX=1`). */
  omniboxPopup: boolean;
  views: ViewPaint[];
  /** The browser's floor: a blank same-origin page, fresh context and new tab (median of `runs`). */
  blankMs: number;
  /**
   * The same blank page sent with the dashboard's own response headers for a navigation Kenny
   * starts (http-util.ts's baseHeaders and the CSP), as the views are measured.
   */
  blankWithHeadersMs: number;
  /**
   * The same with the Cross-Origin-Opener-Policy a tab opened by another site gets
   * (http-util.ts's openerPolicyFor): Chromium moves the fresh tab's navigation to another
   * renderer process, which a page without it does not wait for.
   */
  blankWithOpenerPolicyMs: number;
  /** The same blank page navigated to from another blank page of the same origin (open tab). */
  openTabBlankMs: number;
  /** tasks:list queryMs of the queue's first page (the SQL alone). */
  queueQueryMs: number;
  loadAverage: number;
}

interface ViewSpec {
  view: string;
  /** The path route, without the leading slash. */
  path: string;
  /** Present once the view shows its data (not its loading state). */
  ready: string;
}

const taskId = 'seed-000123';
const views: ViewSpec[] = [
  { view: 'Today', path: 'today', ready: '[data-testid="count-awaiting"]' },
  { view: 'Approvals', path: 'approvals', ready: '[data-row-id]' },
  { view: 'Queues', path: 'queues', ready: '.queue-item[data-task-id]' },
  { view: 'Logs', path: 'logs', ready: '.view.logs table.log-table' },
  { view: 'Settings', path: 'settings', ready: 'form[aria-label="Executor settings"]' },
  { view: 'Task detail', path: `task/${taskId}`, ready: '.view.task-detail h1' },
];

// Plain JavaScript text: tsx would wrap a function passed to page.evaluate with a `__name` helper.
// Resolves with the time of the frame after `selector` matched: a task posted from that frame's
// requestAnimationFrame runs once the frame is painted.
export const paintedAtJs = `(selector) => new Promise((resolve) => {
  const painted = () => requestAnimationFrame(() => setTimeout(() => resolve(performance.now()), 0));
  if (document.querySelector(selector)) return painted();
  const observer = new MutationObserver(() => {
    if (document.querySelector(selector)) { observer.disconnect(); painted(); }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})`;
const interactive = 'html[data-hydrated]';
/** The first-contentful-paint entry's time (presentation), waited for up to a second; NaN without one. */
export const contentfulJs = `new Promise((resolve) => {
  const entry = () => performance.getEntriesByType('paint').find((item) => item.name === 'first-contentful-paint');
  const start = performance.now();
  const poll = () => (entry() ? resolve(entry().startTime) : performance.now() - start > 1000 ? resolve(Number.NaN) : setTimeout(poll, 20));
  poll();
})`;

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? Number.NaN;

/** A same-origin page with nothing to load: answered by the browser context itself (routing). */
const blankPath = '__bench-blank';
const blankSpec: ViewSpec = { view: 'blank', path: blankPath, ready: '#blank' };
const blankWithHeadersSpec: ViewSpec = { view: 'blank', path: `${blankPath}-headers`, ready: '#blank' };
const blankWithOpenerPolicySpec: ViewSpec = { view: 'blank', path: `${blankPath}-opener-policy`, ready: '#blank' };

/** The dashboard's headers for the blank page's variants (none for the plain one). */
function blankHeaders(url: string): Record<string, string> {
  const dashboard = { ...baseHeaders, 'Content-Security-Policy': dashboardCsp };
  if (url.endsWith('-headers')) return { ...dashboard, ...openerPolicyFor('none') };
  if (url.endsWith('-opener-policy')) return { ...dashboard, ...openerPolicyFor('cross-site') };
  return {};
}

async function routeBlank(context: BrowserContext): Promise<void> {
  await context.route(`**/${blankPath}*`, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'text/html; charset=utf-8',
      headers: blankHeaders(route.request().url()),
      body: '<!doctype html><title>blank</title><p id="blank">blank</p>',
    }),
  );
}

/**
 * One load of `spec` in a new tab of `context`. `openTab`: the tab first shows the blank page,
 * then routing is switched off (it would slow every request of the view) and the tab navigates.
 */
async function load(context: BrowserContext, url: string, spec: ViewSpec, calls?: { method: string; body: string }[], openTab = false): Promise<PaintTimes> {
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
    await page.goto(`${url}${spec.path}`, { waitUntil: 'commit' });
    const painted = page.evaluate<number>(`(${paintedAtJs})(${JSON.stringify(spec.ready)})`);
    const ready = spec.view === 'blank' ? painted : page.evaluate<number>(`(${paintedAtJs})(${JSON.stringify(interactive)})`);
    const times = { painted: await painted, interactive: await ready };
    return { ...times, contentful: await page.evaluate<number>(contentfulJs) };
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

/** The page's HTML fetched from Node with the session cookie, median of three (the server render's cost when on). */
async function pageTime(url: string, cookies: Cookie[]): Promise<number> {
  const cookie = cookies.map((item) => `${item.name}=${item.value}`).join('; ');
  const samples: number[] = [];
  for (let i = 0; i < 3; i++) {
    const start = performance.now();
    await (await fetch(url, { headers: { cookie } })).text();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

/** Medians of each figure. */
const medianTimes = (samples: PaintTimes[]): PaintTimes => ({
  painted: median(samples.map((s) => s.painted)),
  interactive: median(samples.map((s) => s.interactive)),
  contentful: median(samples.map((s) => s.contentful)),
});

/**
 * Defaults: 100,000 tasks, 3 runs, the server render on, every view. `MC_BENCH_TASKS`,
 * `MC_BENCH_RUNS`, `MC_BENCH_SERVER_RENDER=0`, `MC_BENCH_VIEWS` (names, comma-separated:
 * `Queues,Logs`) and `MC_BENCH_OMNIBOX=1` set them when run alone.
 */
/**
 * Headless Chromium (156) opens every new page in a window of its own, and each window starts
 * its omnibox popup's WebUI renderer (chrome://omnibox-popup.top-chrome): about 0.2 s of CPU
 * that competed with the page for the machine's two cores during a cold load. A tab opened in
 * a browser already running does not start one; the bench switches them off unless
 * `omniboxPopup` (`MC_BENCH_OMNIBOX=1`).
 */
const noOmniboxPopup = '--disable-features=WebUIOmniboxPopup,WebUIOmniboxAimPopup,WebUIOmniboxFullPopup';

/** The bench's Chromium flags (also bench/first-paint-ab.ts). */
export const chromiumArgs = (omniboxPopup = false) => ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync', ...(omniboxPopup ? [] : [noOmniboxPopup])];

export async function runFirstPaintBench(options: { tasks?: number; runs?: number; executablePath?: string; serverRender?: boolean; views?: string[]; omniboxPopup?: boolean } = {}): Promise<FirstPaintBench> {
  const tasks = options.tasks ?? 100_000;
  const chosen = options.views ? views.filter((spec) => options.views!.includes(spec.view)) : views;
  if (chosen.length === 0) throw new Error(`no view named ${options.views!.join(', ')}; the views are ${views.map((spec) => spec.view).join(', ')}`);
  const runs = options.runs ?? 3;
  const serverRender = options.serverRender ?? true;
  const server = await startServe({ prepare: (dbPath) => seedTasks(dbPath, tasks), args: serverRender ? [] : ['--no-server-render'] });
  let browser: Browser | null = null;
  try {
    for (let i = 0; i < 20; i++) {
      await server.rpc('tasks:create', { title: `Reply to customer ${i}`, assignedAgent: 'Email Agent', requiresApproval: true, metadata: { to: `customer${i}@example.com`, subject: 'Your order', body_text: 'It ships today.' } });
    }
    await settle(server);
    browser = await chromium.launch({
      executablePath: options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      headless: true,
      args: chromiumArgs(options.omniboxPopup),
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
    const blank: PaintTimes[] = [];
    const openTabBlank: PaintTimes[] = [];
    const blankWithHeaders: PaintTimes[] = [];
    const blankWithOpenerPolicy: PaintTimes[] = [];
    for (let i = 0; i < runs; i++) {
      for (const [samples, spec, openTab] of [
        [blank, blankSpec, false],
        [openTabBlank, blankSpec, true],
        [blankWithHeaders, blankWithHeadersSpec, false],
        [blankWithOpenerPolicy, blankWithOpenerPolicySpec, false],
      ] as const) {
        const context = await fresh(true);
        samples.push(await load(context, server.url, spec, undefined, openTab));
        await context.close();
      }
    }

    const results: ViewPaint[] = [];
    for (const spec of chosen) {
      const cold: PaintTimes[] = [];
      const openTabCold: PaintTimes[] = [];
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
      const warm: PaintTimes[] = [];
      for (let i = 0; i < runs; i++) warm.push(await load(context, server.url, spec));
      await context.close();
      await settle(server);
      results.push({
        view: spec.view,
        cold: medianTimes(cold),
        openTabCold: medianTimes(openTabCold),
        warm: medianTimes(warm),
        pageMs: await pageTime(`${server.url}${spec.path}`, cookies),
        calls: calls.map((call) => call.method),
        serverMs: await serverTime(server, calls),
      });
    }
    const queue = await server.rpc('tasks:list', { offset: 0, limit: 200, sort: 'priority', direction: 'asc' });
    const { loadavg } = await import('node:os');
    return { tasks, runs, serverRender, omniboxPopup: options.omniboxPopup ?? false, views: results, blankMs: medianTimes(blank).painted, blankWithHeadersMs: medianTimes(blankWithHeaders).painted, blankWithOpenerPolicyMs: medianTimes(blankWithOpenerPolicy).painted, openTabBlankMs: medianTimes(openTabBlank).painted, queueQueryMs: queue.queryMs ?? Number.NaN, loadAverage: loadavg()[0]! };
  } finally {
    await browser?.close();
    await server.stop();
  }
}

/** Human-readable lines for `npm run bench`. */
export function formatFirstPaintBench(result: FirstPaintBench): string[] {
  const ms = (value: number) => `${value.toFixed(0)} ms`;
  const pair = (times: PaintTimes) => `${ms(times.painted)} / ${ms(times.interactive)}`;
  const queues = result.views.find((view) => view.view === 'Queues');
  return [
    `first paint with ${result.tasks.toLocaleString('en')} tasks, server render ${result.serverRender ? 'on' : 'off'}, Chromium headless (omnibox popup renderers ${result.omniboxPopup ? 'on' : 'off'}), medians of ${result.runs} (1-min load average ${result.loadAverage.toFixed(1)})`,
    `  browser floor (blank same-origin page, painted): new tab ${ms(result.blankMs)}, open tab ${ms(result.openTabBlankMs)}; new tab with the dashboard's response headers ${ms(result.blankWithHeadersMs)}, and with the Cross-Origin-Opener-Policy a tab another site opens gets (Chromium moves it to another renderer process) ${ms(result.blankWithOpenerPolicyMs)}`,
    `  each view: painted / interactive (hydrated), ms from navigation start; [the browser's first-contentful-paint entry, cold]`,
    ...result.views.map(
      (view) =>
        `  ${view.view}: cold ${pair(view.cold)} [${ms(view.cold.contentful)}], cold in an open tab ${pair(view.openTabCold)}, warm ${pair(view.warm)} | page HTML ${ms(view.pageMs)}; API ${ms(view.serverMs)} for ${view.calls.length} calls from the page (${[...new Set(view.calls)].join(', ') || 'none'}); painted minus the floor: cold ${ms(view.cold.painted - result.blankMs)} (${ms(view.cold.painted - result.blankWithHeadersMs)} over the floor with its headers), open tab ${ms(view.openTabCold.painted - result.openTabBlankMs)}`,
    ),
    `  queue first page: SQL ${result.queueQueryMs.toFixed(1)} ms; cold painted ${ms(queues?.cold.painted ?? Number.NaN)} (interactive ${ms(queues?.cold.interactive ?? Number.NaN)}), in an open tab painted ${ms(queues?.openTabCold.painted ?? Number.NaN)} (interactive ${ms(queues?.openTabCold.interactive ?? Number.NaN)}) (aim: painted < 300 ms cold)`,
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const count = (name: string) => (process.env[name] ? Number(process.env[name]) : undefined);
  runFirstPaintBench({ tasks: count('MC_BENCH_TASKS'), runs: count('MC_BENCH_RUNS'), serverRender: process.env.MC_BENCH_SERVER_RENDER !== '0', omniboxPopup: process.env.MC_BENCH_OMNIBOX === '1', views: process.env.MC_BENCH_VIEWS?.split(',').map((name) => name.trim()) })
    .then((result) => {
      for (const line of formatFirstPaintBench(result)) console.log(line);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
