/**
 * Settings → Channels against a real server whose Gmail channel talks to a real local fake of
 * Google (OAuth consent + token endpoints, Gmail API): the form generated from Gmail's
 * declaration, the engine's refusals at their fields, Connect, the page opens the consent page in
 * a new tab, Google's redirect reaches the engine's loopback listener, and the open page turns
 * "Connected as …" by events alone; Check now; Disconnect. A refresh token that Google revokes:
 * "Needs reconnecting" in Settings, on Today and in the approvals inbox. Screenshots at two sizes
 * in both schemes, and axe-core on the Channels section. Also the sync chip and Today with sync off.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { FakeGmailServer } from '../electron/engine/channels/gmail/test-support/fake-gmail-server';
import { expect, test } from './support/test';
import { shoot } from './support/shots';
import { startServe, type ServeHandle } from './support/serve';

const address = 'kenny@audico.example';
// Screenshots at two sizes in two schemes on a shared 2-core machine: generous time.
test.setTimeout(360_000);

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

/** Both sizes, both schemes, for the views this spec touches. */
async function shootSizes(page: Page, name: string, scroll?: () => Promise<void>) {
  for (const [width, height] of [[1280, 800], [1024, 640]] as const) {
    await page.setViewportSize({ width, height });
    await scroll?.();
    await shoot(page, `${name}-${width}x${height}`, ['light', 'dark']);
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** No serious or critical axe-core violations inside `selector`. */
async function expectAccessible(page: Page, selector: string) {
  const results = await new AxeBuilder({ page }).include(selector).analyze();
  const bad = results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical');
  expect(bad.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`)).toEqual([]);
}

async function openChannels(page: Page) {
  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/settings`);
  const channels = page.getByRole('region', { name: 'Channels' });
  await expect(channels.getByRole('listitem', { name: 'Gmail' })).toBeVisible({ timeout: 30_000 });
  return { channels, gmail: channels.getByRole('listitem', { name: 'Gmail' }) };
}

test('Gmail connects from Settings through the OAuth sign-in in a new tab, then disconnects', async ({ page, context }) => {
  const { channels, gmail } = await openChannels(page);
  await expect(page.getByTestId('sync-chip')).toHaveText('Sync off');
  await expect(gmail).toContainText('Not connected');

  // Every channel has a client: each says it is not connected and offers a form to connect.
  for (const id of ['x', 'meta', 'brevo', 'opencart', 'google-ads']) {
    const row = channels.locator(`li[data-channel="${id}"]`);
    await expect(row, id).toContainText('Not connected');
    await expect(row.getByRole('button', { name: 'Connect', exact: true }), id).toHaveCount(1);
  }
  await expect(channels.locator('li[data-channel]')).toHaveCount(6);

  await expectAccessible(page, 'section[aria-label="Channels"]');

  // Without an OAuth client the engine refuses with a clear message and the page offers the
  // fields generated from Gmail's declaration, the refusal at each field.
  await gmail.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(gmail.getByRole('alert')).toContainText('Gmail needs an OAuth client');
  const clientId = gmail.getByLabel('OAuth client id');
  await expect(clientId).toBeVisible();
  await expect(clientId).toHaveAttribute('aria-invalid', 'true');
  await expect(clientId).toHaveAccessibleDescription(/Needed: a Google Cloud “Desktop app” OAuth client/);
  await expect(gmail.getByLabel('Connect with')).toHaveValue('oauth');
  await expectAccessible(page, 'section[aria-label="Channels"]');
  await shootSizes(page, 'settings-channels-no-client', () => channels.evaluate((element) => element.scrollIntoView({ block: 'start' })));
  // One field without the other: the engine names the missing one.
  await clientId.fill(fake.clientId);
  await gmail.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(gmail.getByRole('alert')).toContainText('both the OAuth client id and its secret');
  await expect(gmail.getByLabel('OAuth client secret')).toHaveAttribute('aria-invalid', 'true');
  await gmail.getByLabel('OAuth client secret').fill(fake.clientSecret);

  // First attempt: the consent tab never gets an answer (as if the person has not signed in yet).
  const consent = (url: URL) => url.href.startsWith(fake.authUrl);
  await context.route(consent, (route) => route.abort());
  const stalled = context.waitForEvent('page');
  await page.evaluate('window.__noReload = true');
  await gmail.getByRole('button', { name: 'Connect', exact: true }).click();
  const stalledTab = await stalled;
  const waiting = gmail.getByTestId('channel-waiting');
  await expect(waiting).toContainText('Waiting for you to finish signing in');
  await expect(gmail).toContainText('Waiting for sign-in');
  const link = waiting.getByRole('link', { name: 'Open the Gmail sign-in page' });
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
  // Check now: one cheap read (users.getProfile) against the fake Google.
  const profiles = fake.count('profile');
  await gmail.getByRole('button', { name: 'Check now' }).click();
  await expect(gmail.getByRole('button', { name: 'Check now' })).toBeEnabled();
  await expect(gmail).toContainText(/checked (just now|\d+ s ago)/);
  expect(fake.count('profile')).toBeGreaterThan(profiles);
  await expectAccessible(page, 'section[aria-label="Channels"]');
  await shootSizes(page, 'settings-channels', () => channels.evaluate((element) => element.scrollIntoView({ block: 'start' })));

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
    await gmail.getByRole('button', { name: /Credentials/ }).click();
    await gmail.getByLabel('OAuth client id').fill(fake.clientId);
    await gmail.getByLabel('OAuth client secret').fill(fake.clientSecret);
    const tab = context.waitForEvent('page');
    await gmail.getByRole('button', { name: 'Connect', exact: true }).click();
    await tab;
    await expect(gmail.getByRole('alert')).toContainText('access_denied');
    await expect(gmail.getByTestId('channel-waiting')).toHaveCount(0);
    await expect(gmail.locator('.badge')).toHaveText('Not connected');
  } finally {
    fake.consent = 'approve';
  }
});

test('a refresh token refused at connect shows at its field; once Google revokes it, Settings, Today and the inbox say "needs reconnecting"', async ({ page }) => {
  const { channels, gmail } = await openChannels(page);
  await gmail.getByRole('button', { name: /Credentials/ }).click();
  await gmail.getByLabel('Connect with').selectOption('refresh-token');
  await gmail.getByLabel(/^Refresh token/).fill('1//never-issued');
  await gmail.getByLabel('OAuth client id').fill(fake.clientId);
  await gmail.getByLabel('OAuth client secret').fill(fake.clientSecret);
  await gmail.getByRole('button', { name: 'Connect', exact: true }).click();
  const tokenField = gmail.getByLabel(/^Refresh token/);
  await expect(tokenField).toHaveAttribute('aria-invalid', 'true');
  await expect(tokenField).toHaveAccessibleDescription(/Google refused it: invalid_grant/);
  expect((await server.rpc('channels:list', {})).items.find((item) => item.id === 'gmail')?.status.state).toBe('not_connected');
  await expectAccessible(page, 'section[aria-label="Channels"]');
  await shootSizes(page, 'settings-channels-field-error', () => channels.evaluate((element) => element.scrollIntoView({ block: 'start' })));

  const token = fake.issueRefreshToken();
  await tokenField.fill(token);
  await gmail.getByLabel('OAuth client secret').fill(fake.clientSecret);
  await gmail.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(gmail.locator('.badge')).toHaveText('Connected');
  await expect(gmail).toContainText(`Connected as ${address}`);

  // Google revokes it; Check now finds out. One alert, and every view points at Settings → Channels.
  fake.revokeRefreshToken(token);
  fake.expireAccessTokens(); // revoking a grant ends its access tokens too
  await gmail.getByRole('button', { name: 'Check now' }).click();
  await expect(gmail.locator('.badge')).toHaveText('Needs reconnecting');
  await expect(gmail).toContainText('Gmail needs to be reconnected: Google rejected the saved authorization');
  await expect(gmail.getByRole('button', { name: 'Reconnect' })).toBeVisible();
  await expectAccessible(page, 'section[aria-label="Channels"]');
  await shootSizes(page, 'settings-channels-reconnect', () => channels.evaluate((element) => element.scrollIntoView({ block: 'start' })));
  await server.rpc('tasks:create', { title: 'Reply to Lerato', assignedAgent: 'Email Agent', requiresApproval: true, metadata: { to: 'lerato@example.com', subject: 'Your order', body_text: 'It ships today.' } });
  const alerts = (await server.rpc('alerts:list', {})).items.filter((alert) => alert.title === 'Gmail needs to be reconnected');
  expect(alerts).toHaveLength(1);

  await page.goto(`${server.url}#/today`);
  const banner = page.getByRole('region', { name: 'Channels needing attention' });
  await expect(banner).toContainText('Gmail: needs reconnecting');
  await expectAccessible(page, '[data-testid="channel-attention"]');
  await shootSizes(page, 'today-channel-attention', () => banner.evaluate((element) => element.scrollIntoView({ block: 'start' })));
  await page.goto(`${server.url}#/approvals`);
  await expect(page.getByTestId('approval-channel').first()).toContainText('Gmail needs to be reconnected');
  await shootSizes(page, 'approvals-channel-problem', () => page.getByTestId('approval-channel').first().evaluate((element) => element.scrollIntoView({ block: 'center' })));

  await page.goto(`${server.url}#/settings`);
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('region', { name: 'Channels' }).getByRole('listitem', { name: 'Gmail' }).getByRole('button', { name: 'Disconnect' }).click();
  await expect(page.getByRole('region', { name: 'Channels' }).getByRole('listitem', { name: 'Gmail' }).locator('.badge')).toHaveText('Not connected');
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
