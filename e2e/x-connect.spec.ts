/**
 * X connects from Settings → Channels through the browser sign-in (OAuth 2.0 with PKCE): the
 * Connect button opens X's consent page (the local X server's) in a new tab, X redirects to the
 * engine's loopback listener, the page learns "Connected as @AudicoSA" by events, and an approved
 * post is then published with the stored tokens. Screenshots light and dark, axe-core clean.
 */
import { createServer } from 'node:net';
import AxeBuilder from '@axe-core/playwright';
import { FakeXServer } from '../electron/engine/channels/x/test-support/fake-x-server';
import { expect, test } from './support/test';
import { shoot } from './support/shots';
import { startServe, type ServeHandle } from './support/serve';

let server: ServeHandle;
let x: FakeXServer;

const freePort = () =>
  new Promise<number>((resolve) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });

test.beforeAll(async () => {
  x = await FakeXServer.start();
  server = await startServe({ env: { X_API_BASE_URL: x.baseUrl, X_OAUTH_AUTHORIZE_URL: x.authorizeUrl, X_OAUTH_REDIRECT_PORT: String(await freePort()), X_CLIENT_ID: '', X_REFRESH_TOKEN: '', X_API_KEY: '' } });
});
test.afterAll(async () => {
  expect(await server?.stop()).toBe(0);
  await x?.close();
});

test('X connects from Settings through the browser sign-in, then publishes', async ({ page, context }) => {
  test.setTimeout(180_000);
  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/settings`);
  const row = page.getByRole('region', { name: 'Channels' }).locator('li[data-channel="x"]');
  await expect(row).toContainText('Not connected', { timeout: 30_000 });

  // The client id is required: the engine's refusal shows at the field.
  await row.getByRole('button', { name: 'Connect', exact: true }).click();
  await expect(row.getByLabel('Client ID')).toHaveAttribute('aria-invalid', 'true');
  await row.getByLabel('Client ID').fill(x.clientId);
  const signIn = context.waitForEvent('page');
  await row.getByRole('button', { name: 'Connect', exact: true }).click();
  const tab = await signIn;
  await expect(tab.locator('h1')).toHaveText('X connected');
  const consent = x.lastAuthorization!;
  expect(consent.get('scope')).toBe('tweet.read tweet.write users.read offline.access media.write');
  expect(consent.get('code_challenge_method')).toBe('S256');
  await tab.close();

  await expect(row).toContainText('Connected as @AudicoSA');
  await row.evaluate((element) => element.scrollIntoView({ block: 'center' }));
  await shoot(page, 'settings-x-connected-1280x800', ['light', 'dark']);
  const results = await new AxeBuilder({ page }).include('section[aria-label="Channels"]').analyze();
  expect(results.violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical').map((violation) => violation.id)).toEqual([]);

  await server.rpc('settings:update', { dryRun: false, autoExecution: true });
  const task = await server.rpc('tasks:create', { title: 'Signed-in post', assignedAgent: 'Social Media Agent', requiresApproval: true, metadata: { platform: 'x', content: 'Posted with the tokens from the browser sign-in' } });
  await server.rpc('approvals:approve', { id: task.id });
  await expect.poll(async () => (await server.rpc('tasks:get', { id: task.id })).task.status, { timeout: 30_000 }).toBe('completed');
  expect(x.live().map((tweet) => tweet.text)).toEqual(['Posted with the tokens from the browser sign-in']);
});
