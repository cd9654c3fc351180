/**
 * Social posts as they will look on their platform, in the approvals inbox and on the task page,
 * against a real `serve` connected to the local X and Graph API servers: an X thread with X's
 * weighted count per post and its real images, a Facebook photo post, an Instagram carousel, and
 * Instagram posts whose media Meta cannot reach (a local file, the office network), said plainly.
 * The images are JPEGs Chromium encodes, served by a local image server and shown through the
 * engine (previews:media) as data: URLs: the page's CSP stays `img-src 'self' data: blob:`.
 * Then an X post is approved, published, and undone from its task page (a decision with who and
 * when). Screenshots per platform at 1280x800 and 1024x640, light and dark; axe-core clean.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { FakeGraphServer } from '../electron/engine/channels/meta/test-support/fake-graph-server';
import { FakeXServer } from '../electron/engine/channels/x/test-support/fake-x-server';
import { expect, test } from './support/test';
import { shoot } from './support/shots';
import { openApproval } from './support/seed';
import { startServe, type ServeHandle } from './support/serve';

let server: ServeHandle;
let x: FakeXServer;
let graph: FakeGraphServer;
let images: Server;
let imageBase = '';
const jpegs = new Map<string, Buffer>();
const imageRequests: string[] = [];

/** Draws a product photo in the page (a canvas) and returns it as a JPEG data: URL. */
const drawProductPhoto = `({ width, height, colour, label }) => {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  context.fillStyle = colour;
  context.fillRect(0, 0, width, height);
  const gradient = context.createRadialGradient(width / 2, height * 0.45, 10, width / 2, height * 0.45, height * 0.45);
  gradient.addColorStop(0, '#ffffff');
  gradient.addColorStop(1, '#1a1a1a');
  context.fillStyle = gradient;
  context.beginPath();
  context.roundRect(width * 0.38, height * 0.18, width * 0.24, height * 0.56, 40);
  context.fill();
  context.fillStyle = colour === '#2b2b2b' || colour === '#6b4b2a' ? '#ffffff' : '#111111';
  context.font = \`600 \${Math.round(height / 14)}px sans-serif\`;
  context.textAlign = 'center';
  context.fillText(label, width / 2, height * 0.88);
  return canvas.toDataURL('image/jpeg', 0.85);
}`;

test.beforeAll(async ({ browser }) => {
  const painter = await browser.newPage();
  await paintJpegs(painter);
  await painter.close();
  x = await FakeXServer.start();
  graph = await FakeGraphServer.start();
  images = createServer((request, response) => {
    imageRequests.push(request.url ?? '');
    const body = jpegs.get(request.url ?? '');
    if (!body) return void response.writeHead(404).end();
    response.writeHead(200, { 'content-type': 'image/jpeg', 'content-length': body.length }).end(body);
  });
  await new Promise<void>((resolve) => images.listen(0, '127.0.0.1', resolve));
  imageBase = `http://127.0.0.1:${(images.address() as AddressInfo).port}`;
  server = await startServe({
    env: {
      MISSION_CONTROL_TEST_LOOPBACK_MEDIA: '1',
      X_CLIENT_ID: x.clientId,
      X_REFRESH_TOKEN: x.issueRefreshToken(),
      X_API_BASE_URL: x.baseUrl,
      META_PAGE_ID: graph.pageId,
      META_PAGE_ACCESS_TOKEN: graph.pageToken,
      META_IG_USER_ID: graph.igUserId,
      META_GRAPH_BASE_URL: graph.baseUrl,
    },
  });
  await server.rpc('channels:check', { id: 'x' });
  await server.rpc('channels:check', { id: 'meta' });
});
test.afterAll(async () => {
  expect(await server?.stop()).toBe(0);
  await x?.close();
  await graph?.close();
  await new Promise<void>((resolve) => images?.close(() => resolve()));
});

const waiting = (title: string, metadata: Record<string, unknown>) => server.rpc('tasks:create', { title, assignedAgent: 'Social Media Agent', priority: 'medium', requiresApproval: true, metadata });

async function noSeriousViolations(page: Page) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(serious.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function shootBoth(page: Page, name: string) {
  await page.setViewportSize({ width: 1280, height: 800 });
  await shoot(page, `${name}-1280x800`, ['light', 'dark']);
  await page.setViewportSize({ width: 1024, height: 640 });
  await shoot(page, `${name}-1024x640`, ['light', 'dark']);
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** Product-like pictures, encoded as JPEG by Chromium's canvas (no image files in the repo). */
async function paintJpegs(page: Page) {
  const specs: [string, number, number, string, string][] = [
    ['/era300-front.jpg', 1200, 675, '#e9e4dc', 'Era 300'],
    ['/era300-side.jpg', 1200, 675, '#d7dde4', 'Era 300 · side'],
    ['/denon.jpg', 1000, 1000, '#2b2b2b', 'Denon AVR-X2800H'],
    ['/marantz.jpg', 1000, 1000, '#6b4b2a', 'Marantz Model 40n'],
    ['/ig-1.jpg', 1080, 1080, '#c9d6c3', 'On a shelf'],
    ['/ig-2.jpg', 1080, 1080, '#bfc8d8', 'Under the TV'],
    ['/ig-3.jpg', 1080, 1080, '#e2cfc0', 'In a corner'],
  ];
  for (const [path, width, height, colour, label] of specs) {
    // A string: the drawing runs in the page (DOM types are not in the Node test program).
    const data = await page.evaluate<string>(`(${drawProductPhoto})(${JSON.stringify({ width, height, colour, label })})`);
    jpegs.set(path, Buffer.from(data.split(',')[1]!, 'base64'));
  }
}

test('each post as it will look on X, Facebook and Instagram, with its real images', async ({ page }) => {
  test.setTimeout(300_000);
  const thread = await waiting('Era 300 launch thread', {
    platform: 'x',
    content: 'The Sonos Era 300 is here 🔊 https://audico.co.za/sonos/era-300-spatial-audio-speaker-white',
    thread: ['Spatial audio from six drivers.', 'In stores Friday: 日本語 too'],
    media_urls: [`${imageBase}/era300-front.jpg`, `${imageBase}/era300-side.jpg`],
    media_alt_text: ['A white Sonos Era 300 from the front', ''],
  });
  const facebook = await waiting('Facebook new arrivals', { platform: 'facebook', content: 'New arrivals this week: Denon and Marantz, in store and online.', media_urls: [`${imageBase}/denon.jpg`, `${imageBase}/marantz.jpg`], media_alt_text: ['A black Denon receiver', 'A Marantz amplifier in walnut'] });
  const carousel = await waiting('Instagram carousel', { platform: 'instagram', content: 'Three looks for the living room #sonos #hifi @audico.sa', media_urls: [`${imageBase}/ig-1.jpg`, `${imageBase}/ig-2.jpg`, `${imageBase}/ig-3.jpg`], media_alt_text: ['Era 300 on a shelf', 'Arc under a TV', 'Sub in a corner'] });
  const lan = await waiting('Instagram from the office NAS', { platform: 'instagram', content: 'Fresh stock', media_urls: ['http://192.168.1.20/photos/stock.jpg'] });
  const file = await waiting('Instagram from the desktop', { platform: 'instagram', content: 'New stock on the shelves today', media_urls: ['file:///home/kenny/Pictures/stock.jpg'] });

  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/approvals`);

  // X: the account, X's weighted count per post (link 23, emoji and CJK 2), the real images.
  const xCard = await openApproval(page, thread.id);
  await expect(xCard).toContainText('@AudicoSA');
  const counts = xCard.getByTestId('char-count');
  await expect(counts).toHaveCount(3);
  await expect(counts.first()).toHaveText(/^52 \/ 280 as X counts/);
  await expect(counts.nth(2)).toHaveText(/^28 \/ 280/);
  const xImages = xCard.locator('.social-media-image img');
  await expect(xImages).toHaveCount(2);
  await expect(xImages.first()).toHaveAttribute('src', /^data:image\/jpeg;base64,/);
  await expect(xImages.first()).toHaveAttribute('alt', 'A white Sonos Era 300 from the front');
  await expect.poll(() => xImages.first().evaluate((image) => (image as unknown as { complete: boolean; naturalWidth: number }).complete && (image as unknown as { naturalWidth: number }).naturalWidth)).toBe(1200);
  await expect(xCard).toContainText('Alt: A white Sonos Era 300 from the front');
  await expect(xCard.locator('.preview-warnings')).toHaveCount(0); // both images were checked (type, size)
  await xCard.scrollIntoViewIfNeeded();
  await shootBoth(page, 'social-x');
  await noSeriousViolations(page);

  const fbCard = await openApproval(page, facebook.id);
  await expect(fbCard.locator('.social-media-image img')).toHaveCount(2);
  await expect(fbCard).toContainText('New arrivals this week');
  await expect(fbCard.locator('.social-head strong')).toHaveText('Audico');
  await fbCard.scrollIntoViewIfNeeded();
  await shootBoth(page, 'social-facebook');
  await noSeriousViolations(page);

  const igCard = await openApproval(page, carousel.id);
  await expect(igCard.locator('.social-media-image img')).toHaveCount(3);
  await expect(igCard.locator('.social-head strong')).toHaveText('@audico.sa');
  await expect.poll(() => igCard.locator('.social-media-image img').nth(2).evaluate((image) => (image as unknown as { naturalWidth: number }).naturalWidth)).toBe(1080);
  await igCard.scrollIntoViewIfNeeded();
  await shootBoth(page, 'social-instagram');
  await noSeriousViolations(page);

  // Media Meta cannot reach: said plainly; nothing on the office network is fetched to preview it.
  const lanCard = await openApproval(page, lan.id);
  await expect(lanCard.getByTestId('blockers')).toContainText("on this computer's network: Meta fetches media itself and needs a public URL");
  await expect(lanCard.getByTestId('media-note')).toContainText('192.168.1.20 is on a private or local network');
  await expect(lanCard.getByRole('button', { name: 'Approve', exact: true })).toBeDisabled();
  const fileCard = await openApproval(page, file.id);
  await expect(fileCard).toContainText('file:///home/kenny/Pictures/stock.jpg is a file on this computer: Meta fetches media itself and needs a public http(s) URL');
  await expect(fileCard.getByTestId('media-note')).toHaveText('Not shown: it is a file on this computer, which the platform cannot fetch');
  await expect(fileCard.getByRole('button', { name: 'Approve', exact: true })).toBeDisabled();
  await fileCard.scrollIntoViewIfNeeded();
  await shootBoth(page, 'social-local-media');

  // The page itself loaded no image from anywhere but itself: only the engine reached the image server.
  const loaded = await page.evaluate(() => performance.getEntriesByType('resource').map((entry) => entry.name).filter((name) => name.includes('127.0.0.1:') && name.endsWith('.jpg')));
  expect(loaded).toEqual([]);
  expect(imageRequests).toContain('/era300-front.jpg');

  await page.goto(`${server.url}#/task/${encodeURIComponent(thread.id)}`);
  await expect(page.getByTestId('char-count').first()).toBeVisible();
  await expect(page.locator('.social-media-image img')).toHaveCount(2);
  await shootBoth(page, 'social-task');
  await noSeriousViolations(page);
});

test('an approved X post is published, then undone from its task page: a decision with who and when', async ({ page }) => {
  await server.rpc('settings:update', { dryRun: false, autoExecution: true });
  try {
    const task = await waiting('Era 300 in stock', { platform: 'x', content: 'The Sonos Era 300 is in stock at Audico', media_urls: [`${imageBase}/era300-front.jpg`], media_alt_text: ['A white Sonos Era 300'] });
    await server.rpc('approvals:approve', { id: task.id });
    await expect
      .poll(async () => {
        const { task: now, executions } = await server.rpc('tasks:get', { id: task.id });
        return now.status === 'failed' ? `failed: ${executions.at(-1)?.errorMessage}` : now.status;
      }, { timeout: 30_000 })
      .toBe('completed');
    const [tweet] = x.live();
    expect(tweet).toMatchObject({ text: 'The Sonos Era 300 is in stock at Audico', mediaIds: [expect.any(String)] });
    expect(x.media.get(tweet!.mediaIds[0]!)).toMatchObject({ type: 'image/jpeg', alt: 'A white Sonos Era 300', totalBytes: jpegs.get('/era300-front.jpg')!.length });

    await page.goto(server.authUrl);
    await page.goto(`${server.url}#/task/${encodeURIComponent(task.id)}`);
    await expect(page.getByRole('link', { name: new RegExp(`x\\.com/AudicoSA/status/${tweet!.id}`) }).first()).toBeVisible();
    await page.getByRole('button', { name: 'Roll back…' }).click();
    await page.getByRole('dialog').getByRole('button', { name: 'Roll back', exact: true }).click();
    await expect(page.getByTestId('rollback-result')).toContainText(`X post ${tweet!.id} deleted`);
    expect(x.live()).toEqual([]);
    const detail = await server.rpc('tasks:get', { id: task.id });
    const rolledBack = detail.decisions.find((candidate) => candidate.kind === 'rolled_back');
    expect(rolledBack).toMatchObject({ actor: expect.any(String), createdAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    const decision = page.locator('[data-kind="rolled_back"]');
    await expect(decision).toBeVisible();
    await expect(decision).toContainText(rolledBack!.actor);
    await page.getByTestId('rollback-result').scrollIntoViewIfNeeded();
    await shootBoth(page, 'social-x-undone');
    await noSeriousViolations(page);
  } finally {
    await server.rpc('settings:update', { dryRun: true, autoExecution: false });
  }
});
