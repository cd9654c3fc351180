/**
 * Issue 16 on the dashboard: a row another writer damaged (BLOB title) is marked in the queue
 * while the rest renders, and a wait for another process's database lock shows on Today.
 * Screenshots at 1280x800 and 1024x640, light and dark; axe finds no serious/critical issue.
 */
import { spawn } from 'node:child_process';
import AxeBuilder from '@axe-core/playwright';
import Database from 'better-sqlite3';
import type { Page } from '@playwright/test';
import { openDb } from '../electron/engine/db/open-db';
import { expect, test } from './support/test';
import { shoot } from './support/shots';
import { repoRoot, startServe, type ServeHandle } from './support/serve';

let server: ServeHandle;

test.beforeAll(async () => {
  server = await startServe({
    prepare: (dbPath) => {
      openDb(dbPath).close();
      const db = new Database(dbPath);
      // As written before migration 0008 existed: drop its checks, then store what other clients did.
      for (const name of db.prepare(`SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'squad_tasks_check_%'`).pluck().all() as string[]) db.exec(`DROP TRIGGER ${name}`);
      db.prepare(`INSERT INTO squad_tasks (title, assigned_agent) VALUES (?, 'Jarvis')`).run(Buffer.from([0x1b, 0x5b, 0x32, 0x4a]));
      db.prepare(`INSERT INTO squad_tasks (title, assigned_agent, execution_attempts, status) VALUES ('Huge attempt count', 'Jarvis', 1e18, 'completed')`).run();
      for (let i = 1; i <= 5; i++) db.prepare(`INSERT INTO squad_tasks (title, assigned_agent) VALUES (?, 'Jarvis')`).run(`Healthy task ${i}`);
      db.close();
    },
  });
});
test.afterAll(async () => {
  expect(await server?.stop()).toBe(0);
});

async function axe(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  expect(bad.map((v) => `${v.id}: ${v.help} ${v.nodes.map((n) => `${n.target.join(" ")} ${n.failureSummary ?? ""}`).join(" | ")}`)).toEqual([]);
}

async function shootBoth(page: Page, name: string): Promise<void> {
  await page.setViewportSize({ width: 1280, height: 800 });
  await shoot(page, name, ['light', 'dark']);
  await page.setViewportSize({ width: 1024, height: 640 });
  await shoot(page, `${name}-1024x640`, ['light', 'dark']);
  await page.setViewportSize({ width: 1280, height: 800 });
}

test('a damaged row is marked; the rest of the queue renders', async ({ page }) => {
  await page.goto(server.authUrl);
  await page.goto(`${server.url}#/queues`);
  await expect(page.getByTestId('queue-total')).toHaveAttribute('data-total', '7');
  await expect(page.locator('.queue-item[data-task-id]')).toHaveCount(7);
  await expect(page.locator('.queue-item .chip-stopped', { hasText: 'damaged' })).toHaveCount(2);
  await expect(page.getByText('Healthy task 5')).toBeVisible();
  await shootBoth(page, 'hardening-queues-damaged');
  await axe(page);
});

test('a wait for another process holding the database shows on Today', async ({ page }) => {
  const holder = spawn(
    process.execPath,
    ['-e', `const db = new (require('better-sqlite3'))(process.argv[1]); db.exec('BEGIN IMMEDIATE'); console.log('locked'); Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2500); db.exec('COMMIT');`, server.dbPath],
    { cwd: repoRoot, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise((resolve) => holder.stdout!.once('data', resolve));
  await server.rpc('tasks:create', { title: 'Created while another process held the lock' });
  await page.goto(server.authUrl);
  await expect(page.getByTestId('lock-wait')).toContainText(/Last database lock wait: .* at /);
  await shootBoth(page, 'hardening-today-lock-wait');
  await axe(page);
});
