/**
 * Settings → Channels against a real server whose Gmail channel talks to a real local fake of
 * Google (OAuth consent + token endpoints, Gmail API): enter the OAuth client, Connect, the page
 * opens the consent page in a new tab, Google's redirect reaches the engine's loopback listener,
 * and the open page turns "Connected as …" by events alone; then Disconnect. Also the sync chip
 * and the Today card with sync off.
 */
import type { Page } from '@playwright/test';
import { FakeGmailServer } from '../electron/engine/channels/gmail/test-support/fake-gmail-server';
import { expect, test } from './support/test';
import { shoot } from './support/shots';
import { startServe, type ServeHandle } from './support/serve';

const address = 'kenny@audico.example';
let fake: FakeGmailServer;
let server: ServeHandle;

test.beforeAll(async () => {
  fake = await FakeGmailServer.start({ emailAddress: address });
  server = await startServe({
    env: {
      GMAIL_API_ROOT_URL: fake.rootUrl,
      GOOGLE_OAUTH_TOKEN_URL: fake.tokenUrl,
      GOOGLE_OAUTH_AUTH_URL: fake.authUrl,
      // The client must come from the page, and sync must be off, whatever this shell has set.
      GMAIL_CLIENT_ID: '',
      GMAIL_CLIENT_SECRET: '',
      GMAIL_REFRESH_TOKEN: '',
      SUPABASE_DB_URL: '',
    },
  });
});
test.afterAll(async () => {
  expect(await server?.stop()).toBe(0);
  await fake?.close();
});

async function openChannels(page: Page) {
  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/settings`);
  const channels = page.getByRole('region', { name: 'Channels' });
  await expect(channels.getByRole('listitem', { name: 'Gmail' })).toBeVisible();
  return { channels, gmail: channels.getByRole('listitem', { name: 'Gmail' }) };
}

test('Gmail connects from Settings through the OAuth sign-in in a new tab, then disconnects', async ({ page, context }) => {
  const { channels, gmail } = await openChannels(page);
  await expect(page.getByTestId('sync-chip')).toHaveText('Sync off');
  await expect(gmail).toContainText('Not connected');

  // The other channels have no client yet: they say so and offer no button.
  for (const id of ['x', 'meta', 'brevo', 'opencart', 'google-ads']) {
    const row = channels.locator(`li[data-channel="${id}"]`);
    await expect(row, id).toContainText('Not available yet');
    await expect(row.getByRole('button'), id).toHaveCount(0);
  }
  await expect(channels.locator('li[data-channel]')).toHaveCount(6);

  // Without an OAuth client the engine refuses with a clear message and the page offers the fields.
  await gmail.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(gmail.getByRole('alert')).toContainText('Gmail needs an OAuth client');
  await expect(gmail.getByLabel('OAuth client id')).toBeVisible();
  await channels.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await shoot(page, 'settings-channels-no-client');
  // One field without the other is caught in the page.
  await gmail.getByLabel('OAuth client id').fill(fake.clientId);
  await gmail.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(gmail.getByRole('alert')).toContainText('both the OAuth client id and its secret');
  await gmail.getByLabel('OAuth client secret').fill(fake.clientSecret);

  // First attempt: the consent tab never gets an answer (as if the person has not signed in yet).
  const consent = (url: URL) => url.href.startsWith(fake.authUrl);
  await context.route(consent, (route) => route.abort());
  const stalled = context.waitForEvent('page');
  await page.evaluate('window.__noReload = true');
  await gmail.getByRole('button', { name: 'Connect', exact: true }).click();
  const stalledTab = await stalled;
  const waiting = gmail.getByTestId('gmail-waiting');
  await expect(waiting).toContainText('Waiting for you to finish signing in');
  await expect(gmail).toContainText('Waiting for sign-in');
  const link = waiting.getByRole('link', { name: 'Open Google’s sign-in page' });
  const authUrl = new URL((await link.getAttribute('href')) ?? '');
  expect(authUrl.origin + authUrl.pathname).toBe(fake.authUrl);
  expect(authUrl.searchParams.get('code_challenge_method')).toBe('S256');
  expect(authUrl.searchParams.get('client_id')).toBe(fake.clientId);
  await channels.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await shoot(page, 'settings-channels-waiting', ['light', 'dark']);
  await stalledTab.close();

  // The fallback link (a blocked popup): Google redirects to the engine's loopback listener.
  await context.unroute(consent);
  const signIn = context.waitForEvent('page');
  await link.click();
  const tab = await signIn;
  await expect(tab.locator('h1')).toHaveText('Gmail connected');

  // The open page learns it from the channel_connected event: no reload, no click, and the
  // consent tab still open (so no focus change can have triggered a refetch).
  await expect(gmail).toContainText(`Connected as ${address}`);
  await expect(gmail.locator('.badge')).toHaveText('Connected');
  await expect(waiting).toHaveCount(0);
  expect(await page.evaluate('window.__noReload')).toBe(true);
  await tab.close();
  const listed = await server.rpc('channels:list', {});
  expect(listed.items.find((item) => item.id === 'gmail')).toMatchObject({ connected: true });
  expect(fake.count('token')).toBeGreaterThanOrEqual(1);
  await channels.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await shoot(page, 'settings-channels', ['light', 'dark']);

  // Disconnect asks first; cancelling keeps the account.
  page.once('dialog', (dialog) => void dialog.dismiss());
  await gmail.getByRole('button', { name: 'Disconnect' }).click();
  await expect(gmail.locator('.badge')).toHaveText('Connected');
  page.once('dialog', (dialog) => {
    expect(dialog.message()).toContain('Disconnect Gmail?');
    void dialog.accept();
  });
  await gmail.getByRole('button', { name: 'Disconnect' }).click();
  await expect(gmail.locator('.badge')).toHaveText('Not connected');
  await expect(gmail.getByRole('button', { name: 'Disconnect' })).toHaveCount(0);
  expect((await server.rpc('channels:list', {})).items.find((item) => item.id === 'gmail')).toMatchObject({ connected: false });
});

test('a sign-in refused on the consent page is reported in the page', async ({ page, context }) => {
  fake.consent = 'deny';
  try {
    const { gmail } = await openChannels(page);
    await gmail.getByRole('button', { name: /OAuth client/ }).click();
    await gmail.getByLabel('OAuth client id').fill(fake.clientId);
    await gmail.getByLabel('OAuth client secret').fill(fake.clientSecret);
    const tab = context.waitForEvent('page');
    await gmail.getByRole('button', { name: 'Connect', exact: true }).click();
    await tab;
    await expect(gmail.getByRole('alert')).toContainText('access_denied');
    await expect(gmail.getByTestId('gmail-waiting')).toHaveCount(0);
    await expect(gmail.locator('.badge')).toHaveText('Not connected');
  } finally {
    fake.consent = 'approve';
  }
});

test('with sync off the sidebar says "Sync off" and Today says how to turn it on', async ({ page }) => {
  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/today`);
  const chip = page.getByTestId('sync-chip');
  await expect(chip).toHaveText('Sync off');
  const card = page.getByRole('region', { name: 'Supabase sync' });
  await expect(card).toContainText('Supabase sync is off — set SUPABASE_DB_URL');
  await expect(card.getByTestId('sync-state')).toHaveText('Off');
  expect(await server.rpc('sync:status', {})).toBeNull();
  await card.scrollIntoViewIfNeeded();
  await shoot(page, 'today-sync-off', ['light', 'dark']);
});
