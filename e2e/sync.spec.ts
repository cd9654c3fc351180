/**
 * The sync chip and Today's "Supabase sync" card against a real server syncing with a real
 * PostgreSQL 15 (electron/engine/sync/test-support/postgres.ts, the cloud schema): connected,
 * then the database stops (offline, local changes queued), then it comes back and the queue
 * drains, all seen in the open page through polling and events.
 */
import { startPostgres, type TestPostgres } from '../electron/engine/sync/test-support/postgres';
import { expect, test } from './support/test';
import { shoot } from './support/shots';
import { startServe, type ServeHandle } from './support/serve';

let remote: TestPostgres;
let server: ServeHandle;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  remote = await startPostgres();
  // The password must never reach the page (the status carries the URL with it hidden).
  server = await startServe({ env: { SUPABASE_DB_URL: remote.url.replace('postgres@', 'postgres:s3cret-pw@') } });
});
test.afterAll(async () => {
  expect(await server?.stop()).toBe(0);
  await remote?.destroy();
});

test('the sync chip and card follow Supabase going offline and coming back', async ({ page }) => {
  // Sync retries with a backoff of up to 30 s after the database returns.
  test.setTimeout(150_000);
  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/today`);
  const chip = page.getByTestId('sync-chip');
  const card = page.getByRole('region', { name: 'Supabase sync' });
  await expect(chip).toHaveText('Sync: connected', { timeout: 30_000 });
  await expect(card.getByTestId('sync-state')).toHaveText('Connected');
  await expect(card).toContainText('instant (LISTEN/NOTIFY)');
  await expect(card).not.toContainText('Last sync—');
  await expect(card).toContainText('postgres:***@127.0.0.1');
  await expect(page.locator('body')).not.toContainText('s3cret-pw');
  await card.scrollIntoViewIfNeeded();
  await shoot(page, 'today-sync-connected', ['light', 'dark']);

  // Supabase goes away; a change made here is queued for it.
  await remote.stop();
  try {
    await server.rpc('tasks:create', { title: 'Made while Supabase is down', assignedAgent: 'Jarvis' });
    await expect(chip).toHaveText(/^Sync: offline \(\d+ queued\)$/, { timeout: 30_000 });
    await expect(card.getByTestId('sync-state')).toHaveText('Offline');
    await expect(card.getByRole('alert')).toContainText('Last error:');
    const status = await server.rpc('sync:status', {});
    expect(status?.state).toBe('offline');
    expect(status?.queued).toBeGreaterThan(0);
    await card.scrollIntoViewIfNeeded();
    await shoot(page, 'today-sync-offline', ['light', 'dark']);
  } finally {
    await remote.start();
  }

  // Back: the queue drains and the chip says so, without a reload.
  await expect(chip).toHaveText('Sync: connected', { timeout: 60_000 });
  await expect(card.getByTestId('sync-state')).toHaveText('Connected');
  const pushed = await remote.query<{ n: number }>(`SELECT count(*)::int AS n FROM squad_tasks WHERE title = 'Made while Supabase is down'`);
  expect(pushed.rows[0]?.n).toBe(1);
});

test('the first sync shows its progress (a status with progress, substituted in the browser)', async ({ page }) => {
  // A real first pull of a large table is over too quickly to catch; this checks only how the
  // page renders a status that carries progress, with the server's answer replaced in the browser.
  const status = {
    state: 'connecting',
    url: 'postgresql://postgres:***@db.example.supabase.co:5432/postgres',
    listening: false,
    lastSyncAt: null,
    lastError: null,
    queued: 3,
    dead: 0,
    lastRound: null,
    progress: { done: 4200, total: 10000 },
  };
  await page.route('**/api/rpc/sync:status', (route) => route.fulfill({ contentType: 'application/json', body: JSON.stringify({ ok: true, value: status }) }));
  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/today`);
  await expect(page.getByTestId('sync-chip')).toHaveText('Sync: first sync 42%');
  const card = page.getByRole('region', { name: 'Supabase sync' });
  const bar = card.getByRole('progressbar', { name: 'First sync' });
  await expect(bar).toHaveAttribute('aria-valuenow', '4200');
  await expect(bar).toHaveAttribute('aria-valuemax', '10000');
  await expect(card).toContainText('4,200/10,000 tasks');
  await card.scrollIntoViewIfNeeded();
  await shoot(page, 'today-sync-first-sync', ['light', 'dark']);
});
