/**
 * Issue 14, "fast with a long history": the page's boot script (renderer/src/boot) starts each
 * route's view chunk and first data calls before the app's own scripts run, and the app uses
 * every one of those answers instead of asking again. A call that drifted from what the view asks
 * (other parameters, other key order) shows up here as an unused answer. serve runs with
 * --no-server-render here: a page the server renders carries its answers instead
 * (server-render.spec.ts); boot's calls serve the pages the client builds itself.
 */
import { expect, test } from './support/test';
import { seedTasks } from './support/seed';
import { startServe, type ServeHandle } from './support/serve';
import { openBridgeWindow } from './support/bridge-window';

let server: ServeHandle;

test.beforeAll(async () => {
  server = await startServe({ prepare: (dbPath) => seedTasks(dbPath, 500), args: ['--no-server-render'] });
  await server.rpc('tasks:create', { title: 'Reply to Lerato', assignedAgent: 'Email Agent', requiresApproval: true, metadata: { to: 'lerato@example.com', subject: 'Your order', body_text: 'It ships today.' } });
});
test.afterAll(async () => {
  expect(await server?.stop()).toBe(0);
});

const routes: { path: string; ready: string; chunk: string | null }[] = [
  { path: 'today', ready: '[data-testid="count-awaiting"]', chunk: 'today-view' },
  { path: 'approvals', ready: '[data-row-id]', chunk: 'approvals-view' },
  { path: 'queues', ready: '.queue-item[data-task-id]', chunk: 'queues-view' },
  { path: 'task/seed-000123', ready: '.view.task-detail h1', chunk: 'task-detail-view' },
  { path: 'logs', ready: '.view.logs table.log-table', chunk: 'logs-view' },
  { path: 'settings', ready: 'form[aria-label="Executor settings"]', chunk: 'settings-view' },
];

interface Started {
  method: string;
  body: string;
  used: boolean;
}

for (const route of routes) {
  test(`/${route.path}: the first calls start before the app runs and each answer is used once`, async ({ page }) => {
    await page.goto(server.authUrl);
    await page.goto('about:blank');
    const requested: string[] = [];
    page.on('request', (request) => {
      const method = /\/api\/rpc\/([^?]+)/.exec(request.url())?.[1];
      if (method) requested.push(`${decodeURIComponent(method)} ${request.postData() ?? ''}`);
    });
    await page.goto(`${server.url}${route.path}`);
    await expect(page.locator(route.ready).first()).toBeVisible();
    // Let the view settle: a call it makes after the first render still has to find its answer.
    await page.waitForTimeout(300);

    const started = await page.evaluate(() => (window as unknown as { __mcFirstCalls?: { entries: Started[] } }).__mcFirstCalls?.entries.map(({ method, body, used }) => ({ method, body, used })) ?? null);
    expect(started, 'boot stashed the first calls').not.toBeNull();
    expect(started!.length).toBeGreaterThanOrEqual(2);
    expect(started!.filter((call) => !call.used).map((call) => `${call.method} ${call.body}`), 'started but never used').toEqual([]);
    // The answer stood in for the view's first call, which did not go over the wire itself: boot's
    // request plus at most one refetch (the event stream's connection invalidates some queries).
    for (const call of started!) expect(requested.filter((line) => line === `${call.method} ${call.body}`).length, `${call.method} ${call.body}`).toBeLessThanOrEqual(2);

    // They were requested before the app's entry finished evaluating (DOMContentLoaded waits for it).
    const timing = await page.evaluate(() => {
      const navigation = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
      const resources = performance.getEntriesByType('resource').map((entry) => ({ name: new URL(entry.name).pathname, start: entry.startTime }));
      return { domContentLoaded: navigation.domContentLoadedEventStart, resources };
    });
    const early = timing.resources.filter((entry) => entry.start < timing.domContentLoaded).map((entry) => entry.name);
    for (const call of started!) expect(early, `${call.method} requested before DOMContentLoaded`).toContain(`/api/rpc/${call.method}`);
    if (route.chunk) expect(early.some((name) => name.startsWith(`/assets/${route.chunk}-`)), `${route.chunk} preloaded before DOMContentLoaded`).toBe(true);
  });
}

test('in the desktop window (file://, the preload bridge) boot preloads the view and leaves the calls to IPC', async () => {
  const { browser, page, problems, invoked, open } = await openBridgeWindow(server);
  try {
    const http: string[] = [];
    page.on('request', (request) => void (request.url().startsWith('http') && http.push(request.url())));
    await open('#/queues');
    await expect(page.locator('.queue-item[data-task-id]').first()).toBeVisible();
    expect(await page.evaluate(() => 'window.__mcFirstCalls' in window && (window as unknown as { __mcFirstCalls?: unknown }).__mcFirstCalls !== undefined)).toBe(false);
    expect(await page.locator('link[rel="modulepreload"][href*="queues-view-"]').count()).toBe(1);
    expect(http).toEqual([]);
    expect(invoked).toContain('tasks:list');
    expect(problems).toEqual([]);
  } finally {
    await browser.close();
  }
});
