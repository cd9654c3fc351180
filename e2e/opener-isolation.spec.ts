/**
 * The dashboard's `Cross-Origin-Opener-Policy: same-origin` (electron/server/http-util.ts), seen
 * from a site Kenny visits: a page of another site that opens the dashboard (`window.open`) gets
 * no handle to it, so it cannot count its frames, time its loads or navigate it. The header costs
 * a fresh tab a renderer process switch (docs/benchmarks.md, "Where the cold paint's time goes");
 * this is what it buys, and what would be lost without it.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seedTasks } from './support/seed';
import { startServe, type ServeHandle } from './support/serve';
import { expect, test } from './support/test';

let server: ServeHandle;
let otherSite: Server;
let otherSiteUrl: string;

test.beforeAll(async () => {
  server = await startServe({ prepare: (dbPath) => seedTasks(dbPath, 50) });
  // Another site: `localhost` is not the same site as the dashboard's `127.0.0.1`.
  otherSite = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>some site</title><p>some site</p>');
  });
  await new Promise<void>((resolve) => otherSite.listen(0, '127.0.0.1', resolve));
  otherSiteUrl = `http://localhost:${(otherSite.address() as AddressInfo).port}/`;
});
test.afterAll(async () => {
  await new Promise((resolve) => otherSite?.close(resolve));
  expect(await server?.stop()).toBe(0);
});

test('a page of another site that opens the dashboard gets no handle to it', async ({ page, context }) => {
  await page.goto(server.authUrl); // signed in, as Kenny's browser is
  await page.goto(otherSiteUrl);
  const popup = context.waitForEvent('page');
  await page.evaluate((url) => {
    (window as unknown as { opened: Window | null }).opened = window.open(url, '_blank');
  }, `${server.url}queues`);
  const dashboard = await popup;
  // The dashboard did load in that window, signed in: its own API calls carry the session.
  await expect(dashboard.locator('.queue-item[data-task-id]').first()).toBeVisible();
  // From the opener's side the window is gone: closed, no frames to count, nowhere to navigate.
  const handle = await page.evaluate(() => {
    const opened = (window as unknown as { opened: Window | null }).opened;
    return { closed: opened?.closed ?? null, frames: opened?.length ?? null };
  });
  expect(handle).toEqual({ closed: true, frames: 0 });
  // And the dashboard has no opener to reach back to.
  expect(await dashboard.evaluate(() => window.opener === null)).toBe(true);
});
