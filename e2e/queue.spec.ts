/**
 * The queue with 100,000 tasks seeded straight into the database: the first page renders, search
 * narrows it in SQL, and scrolling to the end fetches the last page.
 */
import { expect, test } from './support/test';
import { needle, needleCount, seedTasks } from './support/seed';
import { shoot } from './support/shots';
import { startServe, type ServeHandle } from './support/serve';

let server: ServeHandle;

test.beforeAll(async () => {
  server = await startServe({ prepare: (dbPath) => seedTasks(dbPath, 100_000) });
});
test.afterAll(async () => {
  expect(await server?.stop()).toBe(0);
});

test('search 100,000 tasks and scroll to the end', async ({ page }) => {
  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/queues`);
  const total = page.getByTestId('queue-total');
  await expect(total).toHaveAttribute('data-total', '100000');
  await expect(page.locator('.queue-item[data-task-id]').first()).toBeVisible();
  // Virtualized: only a screenful of rows (plus overscan) is in the DOM.
  expect(await page.locator('.queue-item').count()).toBeLessThan(120);
  await shoot(page, 'queues', ['light', 'dark']);
  await page.setViewportSize({ width: 1024, height: 640 });
  await shoot(page, 'queues-1024x640');
  await page.setViewportSize({ width: 1280, height: 800 });

  await page.getByLabel('Search tasks').fill(needle);
  await expect(total).toHaveAttribute('data-total', String(needleCount));
  await expect(page.locator('.queue-item[data-task-id]')).toHaveCount(needleCount);
  for (const title of await page.locator('.queue-item .cell-title').allTextContents()) expect(title).toContain(needle);
  await shoot(page, 'queues-search');

  await page.getByLabel('Search tasks').fill('');
  await expect(total).toHaveAttribute('data-total', '100000');
  await page.getByLabel('Status').selectOption('failed');
  await expect(total).toHaveAttribute('data-total', '20000');
  await page.getByLabel('Status').selectOption('');
  await expect(total).toHaveAttribute('data-total', '100000');

  // Scroll to the bottom: the last row (index 99,999) is fetched on demand and rendered.
  await page.getByTestId('queue-scroll').evaluate((element) => element.scrollTo({ top: element.scrollHeight }));
  const lastRow = page.locator('.queue-item[aria-rowindex="100000"][data-task-id]');
  await expect(lastRow).toBeVisible();
  // Open it and come back: the list is where it was.
  await lastRow.click();
  await expect(page.getByTestId('blocker')).toBeVisible();
  await page.goBack();
  await expect(lastRow).toBeVisible();

  // Sort by title and open a task.
  await page.getByRole('columnheader', { name: /Title/ }).click();
  await expect(page.getByRole('columnheader', { name: /Title/ })).toHaveAttribute('aria-sort', 'ascending');
  await page.locator('.queue-item[data-task-id]').first().click();
  await expect(page.getByTestId('blocker')).toBeVisible();
});
