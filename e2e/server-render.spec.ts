/**
 * Issue 14, "the first queue page on screen in under 300 ms cold": `serve` sends a path route's
 * first page as HTML (electron/server/page-render.ts, the real app rendered in-process), so the
 * rows are painted before any script runs; the client then hydrates it with the same answers:
 * no "Loading" flash, the server's nodes kept, no console error (test.ts's guard fails on any,
 * React's hydration errors included), and it works: links, keys, the palette.
 */
import type { Page } from '@playwright/test';
import { expectAccessible, shootSizes } from './support/a11y';
import { seedTasks } from './support/seed';
import { startServe, type ServeHandle } from './support/serve';
import { shoot } from './support/shots';
import { expect, test } from './support/test';

let server: ServeHandle;
const waiting: string[] = [];

test.beforeAll(async () => {
  server = await startServe({ prepare: (dbPath) => seedTasks(dbPath, 2_000) });
  for (const name of ['Lerato', 'Sipho', 'Anele']) {
    const task = await server.rpc('tasks:create', { title: `Reply to ${name}`, assignedAgent: 'Email Agent', requiresApproval: true, metadata: { to: `${name.toLowerCase()}@example.com`, subject: 'Your order', body_text: 'It ships today.' } });
    waiting.push(task.id);
  }
});
test.afterAll(async () => {
  expect(await server?.stop()).toBe(0);
});

/**
 * Records, from before the HTML is parsed, whether a loading state ever showed, the first row
 * node the parser made, and whether the queue's count ever said it was updating.
 */
async function watchFirstPaint(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __loadingSeen?: string[]; __firstRow?: Element | null; __updatingSeen?: boolean };
    w.__loadingSeen = [];
    w.__firstRow = null;
    w.__updatingSeen = false;
    new MutationObserver((records) => {
      if (document.querySelector('[data-testid="queue-total"]')?.textContent?.includes('updating')) w.__updatingSeen = true;
      for (const record of records) {
        for (const node of Array.from(record.addedNodes)) {
          if (!(node instanceof Element)) continue;
          if (node.matches('[aria-busy="true"], .view-loading') || node.querySelector('[aria-busy="true"], .view-loading')) w.__loadingSeen!.push(node.outerHTML.slice(0, 120));
          w.__firstRow ??= node.matches('.queue-item[data-task-id]') ? node : node.querySelector('.queue-item[data-task-id]');
        }
      }
    }).observe(document, { childList: true, subtree: true, characterData: true });
  });
}

test('the HTML response itself carries the first queue page, and only for a signed-in request', async ({ page, playwright }) => {
  await page.goto(server.authUrl);
  const signedIn = await page.request.get(`${server.url}queues`);
  const html = await signedIn.text();
  expect(signedIn.headers()['cache-control']).toBe('no-store');
  expect(html.match(/class="queue-row queue-item[^"]*"[^>]*data-task-id="/g)?.length ?? 0).toBeGreaterThanOrEqual(20);
  expect(html).toContain('2,003 tasks');
  expect(html).toContain('id="mc-ssr"');
  const anonymous = await playwright.request.newContext();
  const plain = await (await anonymous.get(`${server.url}queues`)).text();
  expect(plain).toContain('<div id="root"></div>');
  expect(plain).not.toContain('mc-ssr');
  expect(plain).not.toMatch(/data-task-id|tasks<\/span>/);
  await anonymous.dispose();
});

test('with JavaScript off, the server HTML alone shows the queue in light and dark (screenshots)', async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  try {
    await page.goto(server.authUrl);
    await page.goto(`${server.url}queues`);
    await expect(page.locator('.queue-item[data-task-id]').first()).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Queues' })).toBeVisible();
    await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
    await shootSizes(page, 'ssr-queues-no-js', shoot);
    // The theme picked in the app (its cookie) is on <html> before any script could run.
    await context.addCookies([{ name: 'mc_theme', value: 'dark', url: server.url }]);
    await page.goto(`${server.url}queues`);
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).not.toBe('rgb(255, 255, 255)');
    await shoot(page, 'ssr-queues-no-js-cookie-dark', ['light']);
  } finally {
    await context.close();
  }
});

test('the client hydrates the queue without a loading flash, keeps the server nodes, and it works', async ({ page }) => {
  await watchFirstPaint(page);
  await page.goto(server.authUrl);
  // The queue's pages (Today, left behind, may still ask for its own lists, without an offset).
  const listCalls: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/rpc/tasks:list') && request.postData()?.includes('"offset"')) listCalls.push(request.postData()!);
  });
  await page.goto(`${server.url}queues`);
  // The page carries the first screen's rows of the queue's page (ssr/embed.ts) ...
  const carried = await page.evaluate(() => {
    const payload = JSON.parse(document.getElementById('mc-ssr')!.textContent!) as { answers: { method: string; value: { items: unknown[] }; partial?: boolean }[] };
    const list = payload.answers.find((answer) => answer.method === 'tasks:list')!;
    return { rows: list.value.items.length, partial: list.partial ?? false };
  });
  expect(carried).toEqual({ rows: 60, partial: true });
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  // ... and the hydrated view asks once for the whole page, which changes no row on screen.
  await expect.poll(() => listCalls.length).toBe(1);
  expect(JSON.parse(listCalls[0]!)).toEqual({ sort: 'priority', direction: 'asc', offset: 0, limit: 200 });
  await expect(page.locator('.queue-item[aria-rowindex="30"][data-task-id]')).toHaveCount(1);
  const state = await page.evaluate(() => {
    const w = window as unknown as { __loadingSeen: string[]; __firstRow: Element | null; __updatingSeen: boolean; __mcFirstCalls?: { entries: unknown[] } };
    const now = document.querySelector('.queue-item[data-task-id]');
    const seen = w.__firstRow;
    return {
      loading: w.__loadingSeen,
      updating: w.__updatingSeen,
      sameRow: seen !== null && seen === now,
      rows: `parsed: ${seen ? `${seen.getAttribute('data-task-id')} connected=${seen.isConnected}` : 'none'}; now: ${now?.getAttribute('data-task-id') ?? 'none'}`,
      started: w.__mcFirstCalls?.entries.length ?? 0,
    };
  });
  expect(state.loading, 'no loading state shown').toEqual([]);
  expect(state.updating, 'completing the carried page is not shown as "updating"').toBe(false);
  expect(state.sameRow, `the first row is the node the server sent (hydrated, not rebuilt): ${state.rows}`).toBe(true);
  expect(state.started, 'boot asked for nothing the page already carried').toBe(0);
  await expect(page.getByTestId('queue-total')).toHaveText('2,003 tasks');
  // Rows beyond the carried ones come from that one call: scrolled to, they show without another.
  await page.getByTestId('queue-scroll').evaluate((element) => element.scrollTo({ top: 36 * 100 }));
  await expect(page.locator('.queue-item[aria-rowindex="110"][data-task-id]')).toHaveCount(1);
  expect(listCalls).toHaveLength(1);
  await page.getByTestId('queue-scroll').evaluate((element) => element.scrollTo({ top: 0 }));
  await expect(page.locator('.queue-item[aria-rowindex="1"][data-task-id]')).toHaveCount(1);

  await shootSizes(page, 'ssr-queues-hydrated', shoot);
  await expectAccessible(page, 'queues (server-rendered, hydrated)', '.app');

  // A click moves with the history API (no page load), Back returns.
  const first = page.locator('.queue-item[data-task-id]').first();
  const id = await first.getAttribute('data-task-id');
  await first.click();
  await expect(page).toHaveURL(`${server.url}task/${id}`);
  await expect(page.locator('.view.task-detail h1')).toBeVisible();
  expect(await page.evaluate(() => performance.getEntriesByType('navigation').length)).toBe(1);
  await page.goBack();
  await expect(page).toHaveURL(`${server.url}queues`);
  await expect(page.locator('.queue-item[data-task-id]').first()).toBeVisible();
  // Shortcuts: the sheet and the command palette.
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: /shortcuts/i })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // Shortcuts wait out a closing dialog (dialog-guard.ts), as triage.spec.ts does.
  await page.waitForTimeout(450);
  await page.keyboard.press('Control+k');
  await expect(page.getByRole('dialog', { name: 'Command palette' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  // The theme toggle works after hydration and keeps the cookie in step.
  await page.getByRole('button', { name: /Theme:/ }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  expect((await page.context().cookies()).find((cookie) => cookie.name === 'mc_theme')?.value).toBe('dark');
});

test('dark theme from the cookie hydrates without a mismatch', async ({ page }) => {
  await page.goto(server.authUrl);
  await page.context().addCookies([{ name: 'mc_theme', value: 'dark', url: server.url }]);
  await page.addInitScript(() => localStorage.setItem('mc-theme', 'dark'));
  await page.goto(`${server.url}queues`);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('button', { name: 'Theme: dark' })).toBeVisible();
});

test('the inbox is rendered ahead too, and j/k/Enter work once hydrated', async ({ page }) => {
  await page.goto(server.authUrl);
  const html = await (await page.request.get(`${server.url}approvals`)).text();
  for (const id of waiting) expect(html).toContain(`data-row-id="${id}"`);
  await page.goto(`${server.url}approvals`);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const rows = page.locator('[data-row-id]');
  await expect(rows).toHaveCount(3);
  const firstId = await rows.nth(0).getAttribute('data-row-id');
  const secondId = await rows.nth(1).getAttribute('data-row-id');
  await page.keyboard.press('j');
  await expect(page.locator(`[data-row-id="${secondId}"]`)).toHaveAttribute('aria-current', 'true');
  await page.keyboard.press('k');
  await expect(page.locator(`[data-row-id="${firstId}"]`)).toHaveAttribute('aria-current', 'true');
  await page.locator(`[data-row-id="${firstId}"] .row-title`).focus();
  await page.keyboard.press('Enter');
  await expect(page).toHaveURL(`${server.url}task/${firstId}`);
});

test('Today, the page after signing in, is rendered ahead with its cards and hydrates without a loading flash', async ({ page }) => {
  await watchFirstPaint(page);
  // Signing in leads to Today at its own path, which the server renders.
  await page.goto(server.authUrl);
  await expect(page).toHaveURL(`${server.url}today`);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  const html = await (await page.request.get(`${server.url}today`)).text();
  expect(html).toContain('id="mc-ssr"');
  expect(html).toMatch(/data-testid="count-awaiting">3</);
  // `/` is Today too, rendered ahead, with the script that hides it for an old `/#/…` link.
  const home = await (await page.request.get(server.url)).text();
  expect(home).toMatch(/data-testid="count-awaiting">3</);
  expect(home).toContain('<script src="/hash-link.js"></script></head>');
  expect(html).not.toContain('hash-link.js');
  await expect(page.getByTestId('count-awaiting')).toHaveText('3');
  // Its cards came with the page: only the chart (its own lazy chunk, its data asked once
  // hydrated) is loading in it, and the view never showed its loading state.
  expect(html.match(/state-loading/g)?.length ?? 0, 'loading states in the HTML').toBe(1);
  expect(await page.evaluate(() => (window as unknown as { __loadingSeen: string[] }).__loadingSeen)).toEqual([]);
  await expect(page.getByRole('heading', { name: 'Waiting for you' })).toBeVisible();
  await shootSizes(page, 'ssr-today-hydrated', shoot);
  await expectAccessible(page, 'today (server-rendered, hydrated)', '.app');
});

test('every predicted view hydrates cleanly from its rendered page', async ({ page }) => {
  await page.goto(server.authUrl);
  await expect(page.locator('[data-testid="count-awaiting"]')).toBeVisible();
  for (const [path, ready] of [
    ['task/seed-000123', '.view.task-detail h1'],
    ['logs', '.view.logs'],
    ['settings', 'form[aria-label="Executor settings"]'],
  ] as const) {
    const html = await (await page.request.get(`${server.url}${path}`)).text();
    expect(html, `/${path} rendered ahead`).toContain('id="mc-ssr"');
    await page.goto(`${server.url}${path}`);
    await expect(page.locator(ready).first()).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  }
});

test('the bare address is Today rendered ahead, and hydrates', async ({ page }) => {
  await watchFirstPaint(page);
  await page.goto(server.authUrl);
  await page.goto(server.url);
  await expect(page.locator('html')).toHaveAttribute('data-hydrated', 'true');
  await expect(page).toHaveURL(server.url);
  await expect(page.getByTestId('count-awaiting')).toHaveText('3');
  expect(await page.evaluate(() => (window as unknown as { __loadingSeen: string[] }).__loadingSeen)).toEqual([]);
  await expect(page.locator('html')).not.toHaveAttribute('data-mc-stale-page');
  await shootSizes(page, 'ssr-home-hydrated', shoot);
  await expectAccessible(page, 'today at / (server-rendered, hydrated)', '.app');
});

test('old hash links still open their view, at its path, and Today never shows first', async ({ page }) => {
  // Before every frame: was the Today the server rendered at `/` on screen?
  await page.addInitScript(() => {
    const w = window as unknown as { __todayShown: number; __frames: number };
    w.__todayShown = 0;
    w.__frames = 0;
    const check = () => {
      w.__frames++;
      const count = document.querySelector('[data-testid="count-awaiting"]');
      if (count && count.checkVisibility({ visibilityProperty: true }) && !/\/(task|queues)/.test(location.pathname)) w.__todayShown++;
      if (w.__frames < 600) requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  });
  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/task/seed-000007`);
  await expect(page).toHaveURL(`${server.url}task/seed-000007`);
  await expect(page.locator('.view.task-detail h1')).toBeVisible();
  await page.goto(`${server.url}#/queues`);
  await expect(page).toHaveURL(`${server.url}queues`);
  await expect(page.locator('.queue-item[data-task-id]').first()).toBeVisible();
  await expect(page.locator('html')).not.toHaveAttribute('data-mc-stale-page');
  const seen = await page.evaluate(() => {
    const w = window as unknown as { __todayShown: number; __frames: number };
    return { shown: w.__todayShown, frames: w.__frames };
  });
  expect(seen.frames).toBeGreaterThan(0);
  expect(seen.shown).toBe(0);
});
