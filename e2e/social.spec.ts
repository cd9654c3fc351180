/**
 * Social posts as they will look on their platform, in the approvals inbox and on the task page:
 * an X thread with X's weighted count per post, a Facebook photo post, an Instagram carousel, and
 * an Instagram post whose media is on the local network (a problem to fix before approving).
 * Screenshots at 1280x800 and 1024x640, light and dark; axe-core finds no serious violations.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './support/test';
import { shoot } from './support/shots';
import { openApproval } from './support/seed';
import { startServe, type ServeHandle } from './support/serve';

let server: ServeHandle;
test.beforeAll(async () => {
  server = await startServe();
});
test.afterAll(async () => {
  expect(await server?.stop()).toBe(0);
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

test('each post as it will look on X, Facebook and Instagram', async ({ page }) => {
  test.setTimeout(300_000);
  const thread = await waiting('Era 300 launch thread', {
    platform: 'x',
    content: 'The Sonos Era 300 is here 🔊 https://audico.co.za/sonos/era-300-spatial-audio-speaker-white',
    thread: ['Spatial audio from six drivers.', 'In stores Friday: 日本語 too'],
    media_urls: ['https://cdn.audico.co.za/era300-front.jpg', 'https://cdn.audico.co.za/era300-side.jpg'],
    media_alt_text: ['A white Sonos Era 300 from the front', ''],
  });
  await waiting('Facebook new arrivals', { platform: 'facebook', content: 'New arrivals this week: Denon, Marantz and Sonos.', media_urls: ['https://cdn.audico.co.za/denon.jpg', 'https://cdn.audico.co.za/marantz.jpg'] });
  const carousel = await waiting('Instagram carousel', { platform: 'instagram', content: 'Three looks for the living room #sonos #hifi @audico.sa', media_urls: ['https://cdn.audico.co.za/1.jpg', 'https://cdn.audico.co.za/2.jpg', 'https://cdn.audico.co.za/3.jpg'], media_alt_text: ['Era 300 on a shelf', 'Arc under a TV', 'Sub in a corner'] });
  const local = await waiting('Instagram from the office NAS', { platform: 'instagram', content: 'Fresh stock', media_urls: ['http://192.168.1.20/photos/stock.jpg'] });

  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/approvals`);
  const card = (id: string) => page.locator(`.approval-card[data-task-id="${id}"]`);
  const counts = (await openApproval(page, thread.id)).getByTestId('char-count');
  await expect(counts).toHaveCount(3);
  // X counts the link as 23 and the emoji and CJK as 2 each (twitter-text), not the characters typed.
  await expect(counts.first()).toHaveText(/^52 \/ 280 as X counts/);
  await expect(counts.nth(2)).toHaveText(/^28 \/ 280/);
  await expect(card(thread.id)).toContainText('Alt: A white Sonos Era 300 from the front');
  await shootBoth(page, 'social-approvals');
  await noSeriousViolations(page);
  await expect((await openApproval(page, carousel.id)).locator('.social-media-tile')).toHaveCount(3);
  await page.locator(`.approval-card[data-task-id="${carousel.id}"]`).screenshot({ path: 'e2e/artifacts/social-instagram-card.png' });
  await expect((await openApproval(page, local.id)).locator('.social-problems')).toContainText("on this computer's network: Meta fetches media itself and needs a public URL");

  await page.goto(`${server.url}#/task/${encodeURIComponent(thread.id)}`);
  await expect(page.getByTestId('char-count').first()).toBeVisible();
  await shootBoth(page, 'social-task');
  await noSeriousViolations(page);
});
