/**
 * The dashboard's `Cross-Origin-Opener-Policy: same-origin` (electron/server/http-util.ts,
 * `openerPolicyFor`), seen from a site Kenny visits: a page of another site that opens the
 * dashboard (`window.open`) gets no handle to it, so it cannot count its frames, time its loads
 * or navigate it. The header costs a fresh tab a renderer process switch (docs/benchmarks.md,
 * "Where the cold paint's time goes"), so a navigation Kenny starts himself is sent without it:
 * Chromium isolates those by itself, which the last tests pin.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { seedTasks } from './support/seed';
import { startServe, type ServeHandle } from './support/serve';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test';

let server: ServeHandle;
let otherSite: Server;
let otherSiteUrl: string;
let sameSiteUrl: string;

test.beforeAll(async () => {
  server = await startServe({ prepare: (dbPath) => seedTasks(dbPath, 50) });
  // Another site: `localhost` is not the same site as the dashboard's `127.0.0.1`.
  otherSite = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
    res.end('<!doctype html><title>some site</title><p>some site</p>');
  });
  await new Promise<void>((resolve) => otherSite.listen(0, '127.0.0.1', resolve));
  otherSiteUrl = `http://localhost:${(otherSite.address() as AddressInfo).port}/`;
  // The same site (a port is not part of a site): another local program's page.
  sameSiteUrl = `http://127.0.0.1:${(otherSite.address() as AddressInfo).port}/`;
});
test.afterAll(async () => {
  await new Promise((resolve) => otherSite?.close(resolve));
  expect(await server?.stop()).toBe(0);
});

// Another site, and the same site: the policy is sent for both (Sec-Fetch-Site cross-site, same-site).
for (const [name, site] of [['another site', () => otherSiteUrl], ['another port of 127.0.0.1', () => sameSiteUrl]] as const) {
  test(`a page of ${name} that opens the dashboard gets no handle to it`, async ({ page, context }) => {
    await page.goto(server.authUrl); // signed in, as Kenny's browser is
    await page.goto(site());
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
}

test('a dashboard Kenny opens himself is sent without the policy and has no opener', async ({ page }) => {
  await page.goto(server.authUrl);
  // page.goto is a navigation of the browser's own, as a typed address or a bookmark is.
  const response = await page.goto(`${server.url}queues`);
  expect(response?.headers()['cross-origin-opener-policy']).toBeUndefined();
  await expect(page.locator('.queue-item[data-task-id]').first()).toBeVisible();
  expect(await page.evaluate(() => window.opener === null)).toBe(true);
});

/** Starts collecting the messages `target` receives (read with `seen`: null before `listen`). */
async function listen(target: Page): Promise<void> {
  await target.evaluate(() => {
    const seen: unknown[] = [];
    (window as unknown as { seen: unknown[] }).seen = seen;
    window.addEventListener('message', (event) => seen.push(event.data));
  });
}
const seen = (target: Page) => target.evaluate(() => (window as unknown as { seen?: unknown[] }).seen ?? null);

/**
 * Whether the window the other site holds (`handle` evaluated in `holder`) reaches `target`: a
 * message posted through it arrives, or a navigation through it moves `target` away. The negative
 * is read after a wait; the tests first show the same probe reaching the page before Kenny's
 * navigation, so a probe that cannot reach anything would fail them.
 */
async function reaches(holder: Page, handle: string, target: Page, message: string): Promise<boolean> {
  await listen(target);
  await holder.evaluate(`${handle}.postMessage(${JSON.stringify(message)}, '*')`);
  await holder.waitForTimeout(500);
  if (((await seen(target)) ?? []).includes(message)) return true;
  await holder.evaluate(`${handle}.location = ${JSON.stringify(`${otherSiteUrl}moved`)}`);
  await holder.waitForTimeout(500);
  return target.url() === `${otherSiteUrl}moved`;
}

// A navigation Kenny starts is the browser's own (page.goto here, as a typed address or a
// bookmark is): sent without the policy, and Chromium itself moves the tab to a new browsing
// context group, so the site keeps no way in. These pin that, which openerPolicyFor relies on.
test('the address typed into a popup another site opened: the site\'s handle reaches nothing', async ({ page, context }) => {
  await page.goto(server.authUrl);
  await page.goto(otherSiteUrl);
  const popup = context.waitForEvent('page');
  await page.evaluate((url) => {
    (window as unknown as { opened: Window | null }).opened = window.open(url, '_blank');
  }, otherSiteUrl);
  const typedInto = await popup;
  await typedInto.waitForLoadState();
  await listen(typedInto);
  await page.evaluate(() => (window as unknown as { opened: Window }).opened.postMessage('before', '*'));
  await expect.poll(() => seen(typedInto)).toEqual(['before']); // the probe reaches it now

  const response = await typedInto.goto(`${server.url}queues`);
  expect(response?.headers()['cross-origin-opener-policy']).toBeUndefined();
  await expect(typedInto.locator('.queue-item[data-task-id]').first()).toBeVisible();
  expect(await typedInto.evaluate(() => window.opener === null)).toBe(true);
  expect(await reaches(page, 'window.opened', typedInto, 'after')).toBe(false);
  await expect(typedInto.locator('.queue-item[data-task-id]').first()).toBeVisible();
});

test('the address typed into a tab whose earlier page opened a popup: the popup reaches nothing', async ({ page, context }) => {
  await page.goto(server.authUrl);
  await page.goto(otherSiteUrl);
  const popup = context.waitForEvent('page');
  await page.evaluate((url) => window.open(url, '_blank'), `${otherSiteUrl}popup`);
  const opened = await popup;
  await opened.waitForLoadState();
  await listen(page);
  await opened.evaluate(() => window.opener.postMessage('before', '*'));
  await expect.poll(() => seen(page)).toEqual(['before']); // the probe reaches it now

  const response = await page.goto(`${server.url}queues`);
  expect(response?.headers()['cross-origin-opener-policy']).toBeUndefined();
  await expect(page.locator('.queue-item[data-task-id]').first()).toBeVisible();
  expect(await reaches(opened, 'window.opener', page, 'after')).toBe(false);
  await expect(page.locator('.queue-item[data-task-id]').first()).toBeVisible();
});
