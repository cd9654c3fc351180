/**
 * Issue 14, "fast with a long history": views are separate chunks fetched when first opened, and a
 * chunk that cannot be fetched (serve stopped, app updated under the page) shows what happened and
 * a Retry that works, never a blank page. The loading and error states are screenshot at 1280x800
 * and 1024x640, light and dark; axe finds no serious/critical issue.
 */
import AxeBuilder from '@axe-core/playwright';
import { type Page, type Request, type Route } from '@playwright/test';
import { expect, test } from './support/test';
import { shoot } from './support/shots';
import { startServe, type ServeHandle } from './support/serve';
import { openBridgeWindow } from './support/bridge-window';

let server: ServeHandle;

test.beforeAll(async () => {
  server = await startServe();
  await server.rpc('tasks:create', { title: 'Reply to Lerato', assignedAgent: 'Email Agent', requiresApproval: true, metadata: { to: 'lerato@example.com', subject: 'Your order', body_text: 'It ships today.' } });
});
test.afterAll(async () => {
  expect(await server?.stop()).toBe(0);
});

// A chunk that cannot be fetched is reported by Chromium and by React's caught-error log.
test.use({ allowConsole: [/Failed to fetch dynamically imported module|could not be loaded|settings-view/] });

async function axe(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`).join(' | ')}`)).toEqual([]);
}

async function shootBoth(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await shoot(page, name, ['light', 'dark']);
  await page.setViewportSize({ width: 1024, height: 640 });
  await shoot(page, `${name}-1024x640`, ['light', 'dark']);
  await page.setViewportSize({ width: 1280, height: 800 });
}

const chunkOf = (request: Request) => /\/assets\/([a-z-]+?)-[\w-]{8}\.js$/.exec(new URL(request.url()).pathname)?.[1] ?? null;

test('each view is fetched when first opened, not with the first page', async ({ page }) => {
  await page.goto(server.authUrl);
  await page.goto('about:blank');
  const fetched: string[] = [];
  page.on('request', (request) => {
    const chunk = chunkOf(request);
    if (chunk) fetched.push(chunk);
  });
  await page.goto(`${server.url}#/queues`);
  await expect(page.locator('.queue-item[data-task-id]').first()).toBeVisible();
  expect(fetched).toContain('queues-view');
  for (const other of ['settings-view', 'approvals-view', 'today-view', 'logs-view', 'task-detail-view', 'completion-chart']) expect(fetched, `${other} loaded with Queues`).not.toContain(other);

  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  expect(fetched).toContain('settings-view');
  expect(fetched).not.toContain('completion-chart');

  // The charts come with Today, and only there.
  await page.getByRole('link', { name: 'Today' }).click();
  await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  await expect.poll(() => fetched.includes('completion-chart')).toBe(true);

  // Opened once, a view comes back without another fetch.
  const before = fetched.length;
  await page.getByRole('link', { name: 'Settings' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  expect(fetched.slice(before)).not.toContain('settings-view');
});

test('a view that is still loading shows its title and an announced status, not a blank page', async ({ page }) => {
  test.slow(); // eight screenshots and axe while a request is held
  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/queues`);
  await expect(page.locator('.queue-item[data-task-id]').first()).toBeVisible();
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  await page.route(/\/assets\/settings-view-[\w-]+\.js$/, async (route: Route) => {
    await held;
    await route.continue();
  });
  await page.getByRole('link', { name: 'Settings' }).click();
  const status = page.getByRole('status').filter({ hasText: 'Loading Settings…' });
  await expect(status).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await shootBoth(page, 'lazy-view-loading');
  await axe(page);
  release();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(status).toHaveCount(0);
});

test('a view whose chunk cannot be fetched says so, and Retry loads it', async ({ page }) => {
  test.slow(); // eight screenshots and axe
  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/queues`);
  await expect(page.locator('.queue-item[data-task-id]').first()).toBeVisible();
  let refused = 0;
  await page.route(/\/assets\/settings-view-[\w-]+\.js$/, async (route: Route) => {
    refused++;
    await route.abort('connectionrefused');
  });
  await page.getByRole('link', { name: 'Settings' }).click();
  const alert = page.getByRole('alert').filter({ hasText: 'Couldn’t load Settings' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText('Check that Mission Control is still running');
  expect(refused).toBeGreaterThan(0);
  // The rest of the app still works: navigation is there and another view opens.
  await expect(page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  await shootBoth(page, 'lazy-view-load-failed');
  await axe(page);

  // Still unreachable: Retry fetches again and says so again.
  const refusedBefore = refused;
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(alert).toBeVisible();
  expect(refused).toBeGreaterThan(refusedBefore);

  // Back: Retry shows the view without reloading the page.
  await page.unroute(/\/assets\/settings-view-[\w-]+\.js$/);
  await page.evaluate('window.notReloaded = true');
  await alert.getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByRole('heading', { name: 'Settings' })).toBeVisible();
  await expect(page.getByRole('form', { name: 'Executor settings' })).toBeVisible();
  expect(await page.evaluate('window.notReloaded === true')).toBe(true);
});

test('from file:// with the desktop bridge (as the Electron window loads it), views load on demand', async () => {
  const { browser, page, problems, open } = await openBridgeWindow(server);
  try {
    const fetched: string[] = [];
    page.on('request', (request) => {
      const match = /\/assets\/([a-z-]+?)-[\w-]{8}\.js$/.exec(request.url());
      if (match && request.url().startsWith('file:')) fetched.push(match[1]!);
    });
    await open('#/queues');
    await expect(page.locator('.queue-item[data-task-id]').first()).toBeVisible();
    expect(fetched).toContain('queues-view');
    expect(fetched).not.toContain('settings-view');
    await page.getByRole('link', { name: 'Settings' }).click();
    await expect(page.getByRole('form', { name: 'Executor settings' })).toBeVisible();
    expect(fetched).toContain('settings-view');
    expect(problems).toEqual([]);
  } finally {
    await browser.close();
  }
});
