/**
 * Browser benchmark (not a timed test): 100,000 tasks in a real `mission-control serve`, the
 * dashboard in Debian's Chromium. Measures, inside the page, the time to the first rendered queue
 * page and to a search result, printed beside the server-side query time (`tasks:list` queryMs)
 * for the same request. Run alone: `npx tsx bench/browser-queue.ts`.
 */
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { needle, needleCount, seedTasks } from '../e2e/support/seed';
import { startServe } from '../e2e/support/serve';

export interface BrowserQueueBench {
  tasks: number;
  seedMs: number;
  /**
   * Page load of #/queues (an old link: `/`, which the browser builds) to the first task row in the
   * DOM (cold = first load, warm = median of reloads). Search and scroll need that built app.
   */
  firstPageColdMs: number;
  firstPageWarmMs: number;
  /** Server-side SQL time of that first page (tasks:list queryMs, as shown in the page). */
  firstPageQueryMs: number;
  /** Per search: typing to the matching rows rendered, minus the search box's 250 ms debounce. */
  searches: { term: string; matches: number; browserMs: number; queryMs: number }[];
  /** Scroll to the last row (offset 99,800) to that row rendered. */
  scrollToEndMs: number;
}

const debounceMs = 250;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

// The in-page code is plain JavaScript text: tsx (esbuild keepNames) would wrap functions passed
// to page.evaluate with a `__name` helper that does not exist in the page.

/** Resolves with performance.now() once `selector` matches (checked on every DOM mutation). */
const waitForSelectorJs = `(selector) => new Promise((resolve) => {
  if (document.querySelector(selector)) return resolve(performance.now());
  const observer = new MutationObserver(() => {
    if (document.querySelector(selector)) { observer.disconnect(); resolve(performance.now()); }
  });
  observer.observe(document, { childList: true, subtree: true, attributes: true });
})`;

/** Loads #/queues and returns ms from navigation start to the first row, read in the page. */
async function firstRow(page: Page, url: string): Promise<number> {
  await page.goto(`${url}#/queues`, { waitUntil: 'commit' });
  return page.evaluate(`(${waitForSelectorJs})('.queue-item[data-task-id]')`);
}

async function queryMs(page: Page): Promise<number> {
  return Number(await page.getByTestId('queue-total').getAttribute('data-query-ms'));
}

/** Types `term` into the search box; resolves with ms until the new count and its rows are shown. */
async function search(page: Page, term: string, expected: (total: number) => boolean): Promise<{ ms: number; total: number }> {
  await page.evaluate(`(() => {
    const label = document.querySelector('[data-testid="queue-total"]');
    const before = label.getAttribute('data-total');
    window.__searchDone = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        const total = label.getAttribute('data-total');
        if (total && total !== before && (total === '0' || document.querySelector('.queue-item[data-task-id]'))) {
          observer.disconnect();
          resolve({ at: performance.now(), total: Number(total) });
        }
      });
      observer.observe(document.body, { attributes: true, childList: true, subtree: true });
    });
    window.__searchStart = performance.now();
  })()`);
  await page.getByLabel('Search tasks').fill(term);
  const result = await page.evaluate<{ ms: number; total: number }>(`window.__searchDone.then((done) => ({ ms: done.at - window.__searchStart, total: done.total }))`);
  if (!expected(result.total)) throw new Error(`search "${term}" found ${result.total} tasks`);
  return result;
}

export async function runBrowserQueueBench(options: { tasks?: number; executablePath?: string } = {}): Promise<BrowserQueueBench> {
  const tasks = options.tasks ?? 100_000;
  let seedMs = 0;
  const server = await startServe({
    prepare: (dbPath) => {
      const start = performance.now();
      seedTasks(dbPath, tasks);
      seedMs = performance.now() - start;
    },
  });
  const browser = await chromium.launch({
    executablePath: options.executablePath ?? process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(server.authUrl);
    const firstPageColdMs = await firstRow(page, server.url);
    const warm: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.goto('about:blank');
      warm.push(await firstRow(page, server.url));
    }
    const firstPageQueryMs = await queryMs(page);

    const searches: BrowserQueueBench['searches'] = [];
    for (const term of [needle, 'amplifier', 'refund amplifier', 'projector', 'nothingmatchesthis']) {
      await page.getByLabel('Search tasks').fill('');
      await page.getByTestId('queue-total').and(page.locator(`[data-total="${tasks}"]`)).waitFor();
      const result = await search(page, term, (total) => (term === needle ? total === needleCount : term === 'nothingmatchesthis' ? total === 0 : total > 0));
      searches.push({ term, matches: result.total, browserMs: Math.max(0, result.ms - debounceMs), queryMs: await queryMs(page) });
    }

    await page.getByLabel('Search tasks').fill('');
    await page.getByTestId('queue-total').and(page.locator(`[data-total="${tasks}"]`)).waitFor();
    const scrollStart = await page.evaluate<number>(`(() => {
      const element = document.querySelector('[data-testid="queue-scroll"]');
      element.scrollTo({ top: element.scrollHeight });
      return performance.now();
    })()`);
    const scrollEnd = await page.evaluate<number>(`(${waitForSelectorJs})('.queue-item[aria-rowindex="${tasks}"][data-task-id]')`);
    const scrollToEndMs = scrollEnd - scrollStart;
    return { tasks, seedMs, firstPageColdMs, firstPageWarmMs: median(warm), firstPageQueryMs, searches, scrollToEndMs };
  } finally {
    await browser.close();
    await server.stop();
  }
}

/** Human-readable lines for `npm run bench`. */
export function formatBrowserQueueBench(result: BrowserQueueBench): string[] {
  const ms = (value: number) => `${value.toFixed(1)} ms`;
  return [
    `browser queue (${result.tasks.toLocaleString('en')} tasks, Chromium headless; seeded in ${ms(result.seedMs)})`,
    `  first queue page built by the browser (an old #/queues link, which serve does not render ahead; the path /queues is in the first-paint figures), in the tab that signed in: first load ${ms(result.firstPageColdMs)}, reloads ${ms(result.firstPageWarmMs)}   | server query ${ms(result.firstPageQueryMs)}`,
    ...result.searches.map((entry) => `  search "${entry.term}" (${entry.matches} matches): ${ms(entry.browserMs)} in the browser after the ${debounceMs} ms debounce   | server query ${ms(entry.queryMs)}`),
    `  scroll to the last row: ${ms(result.scrollToEndMs)}`,
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  runBrowserQueueBench()
    .then((result) => {
      for (const line of formatBrowserQueueBench(result)) console.log(line);
    })
    .catch((error: unknown) => {
      console.error(error);
      process.exitCode = 1;
    });
}
