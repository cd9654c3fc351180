/**
 * Logs and alerts (acknowledge, live tail), the approval rules editor, the theme toggle, and the
 * sign-in screen when the session cookie is gone, against a real server.
 */
import { expect, test } from './support/test';
import { shoot } from './support/shots';
import { startServe, type ServeHandle } from './support/serve';

let server: ServeHandle;

test.beforeAll(async () => {
  server = await startServe();
});
test.afterAll(async () => {
  expect(await server?.stop()).toBe(0);
});

test('alerts are acknowledged and new log lines arrive live', async ({ page }) => {
  const task = await server.rpc('tasks:create', { title: 'Tweet the opening hours', assignedAgent: 'Social Media Agent', requiresApproval: true, metadata: { platform: 'x', content: 'Open 9-5' } });
  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/logs`);
  const alerts = page.getByRole('region', { name: 'Alerts' });
  const alert = alerts.locator('li', { hasText: 'Tweet the opening hours' });
  await expect(alert).toBeVisible();
  await alert.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(alert).toHaveCount(0);
  const open = await server.rpc('alerts:list', { unacknowledgedOnly: true });
  expect(open.items.filter((item) => item.message.includes(task.title) || item.title.includes(task.title))).toEqual([]);

  // Live tail: a task created elsewhere logs a line that appears without reload.
  await server.rpc('tasks:create', { title: 'Check the stock of cables', assignedAgent: 'Jarvis' });
  await expect(page.getByRole('region', { name: 'Logs' })).toContainText('Check the stock of cables');
  // Resuming the tail shows what was logged while it was paused.
  await page.getByLabel('Live tail').uncheck();
  await server.rpc('tasks:create', { title: 'Order more speaker wire', assignedAgent: 'Jarvis' });
  await page.getByLabel('Live tail').check();
  await expect(page.getByRole('region', { name: 'Logs' })).toContainText('Order more speaker wire');
  // Level filter runs on the server.
  await page.getByLabel('Level').selectOption('error');
  await expect(page.getByRole('region', { name: 'Logs' })).toContainText('No log lines match these filters.');
});

test('the approval rules editor validates conditions and saves a rule', async ({ page }) => {
  page.on('dialog', (dialog) => void dialog.accept());
  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/settings`);
  await page.getByRole('button', { name: 'Add rule' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill('Big refunds');
  const condition = dialog.getByRole('group', { name: 'Condition 1' });
  await condition.getByLabel('Metadata field').fill('amount');
  await condition.getByLabel('Must be').selectOption('gt');
  await condition.getByLabel('Value').fill('lots');
  await expect(dialog.locator('.error-text')).toContainText('needs a number');
  await expect(dialog.getByRole('button', { name: 'Save rule' })).toBeDisabled();
  await condition.getByLabel('Value').fill('500');
  await dialog.getByRole('button', { name: 'Save rule' }).click();
  const row = page.getByRole('row', { name: /Big refunds/ });
  await expect(row).toContainText('amount is more than 500');
  const rules = await server.rpc('rules:list', {});
  const saved = rules.items.find((rule) => rule.name === 'Big refunds');
  expect(saved?.conditions).toEqual([{ field: 'amount', op: 'gt', value: 500 }]);
  await row.scrollIntoViewIfNeeded();
  await shoot(page, 'settings-rules');

  await row.getByRole('button', { name: 'Delete' }).click();
  await expect(row).toHaveCount(0);
  expect((await server.rpc('rules:list', {})).items.some((rule) => rule.name === 'Big refunds')).toBe(false);
});

test('the theme toggle switches to dark and is remembered', async ({ page }) => {
  await page.goto(server.authUrl);
  const toggle = page.getByRole('button', { name: /^Theme: / });
  await expect(toggle).toHaveText('Theme: system');
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const background = await page.evaluate<string>('getComputedStyle(document.body).backgroundColor');
  expect(background).toBe('rgb(17, 20, 24)');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: /^Theme: / }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await page.getByRole('button', { name: /^Theme: / }).click();
  await expect(page.locator('html')).not.toHaveAttribute('data-theme', /./);
});

test.describe('signed out', () => {
  // The event stream is refused (401, JSON) once the cookie is gone; Chromium logs that.
  test.use({ allowConsole: [/EventSource/] });

  test('a 401 shows the sign-in screen, and the token signs back in', async ({ page, context }) => {
    await page.goto(server.authUrl);
    await page.goto(`${server.url}#/queues`);
    await expect(page.getByRole('heading', { name: 'Queues' })).toBeVisible();
    // The cookie disappears while the page is open: the next API call answers 401.
    await context.clearCookies();
    // Typing makes an API call; the dashboard's own polling (sync status, every 5 s) may get the
    // 401 first and replace the page with the sign-in screen mid-fill: either way is the behaviour.
    await page.getByLabel('Search tasks').fill('anything', { timeout: 5_000 }).catch(() => undefined);
    await expect(page.getByRole('heading', { name: 'Sign in to Mission Control' })).toBeVisible();
    await shoot(page, 'signed-out');
    await page.getByLabel('Token').fill(server.token);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('heading', { name: 'Today', exact: true })).toBeVisible();
  });
});
