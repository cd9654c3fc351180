/**
 * Fast seeding straight into a temporary database before the server starts: one better-sqlite3
 * transaction with a prepared statement (100,000 rows in a few seconds; the FTS index is kept in
 * step by the migration's triggers).
 */
import Database from 'better-sqlite3';
import { openDb } from '../../electron/engine/db/open-db';

const agents = ['Email Agent', 'Social Media Agent', 'Marketing Agent', 'SEO Agent', 'Google Ads Agent', 'Jarvis'];
const priorities = ['urgent', 'high', 'medium', 'low'];
const statuses = ['completed', 'completed', 'completed', 'failed', 'rejected'];
const words = ['invoice', 'speaker', 'amplifier', 'newsletter', 'campaign', 'refund', 'warranty', 'install', 'quote', 'subwoofer', 'projector', 'cable'];

/** Marker word found in exactly `needleCount` seeded titles (search benchmarks and tests). */
export const needle = 'zebracorn';
export const needleCount = 7;

/**
 * Seeds `count` finished tasks (completed/failed/rejected, so the executor leaves them alone),
 * spread over the last 30 days. Default: 100,000.
 */
export function seedTasks(dbPath: string, count = 100_000): void {
  openDb(dbPath).close();
  const db = new Database(dbPath);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const insert = db.prepare(
    `INSERT INTO squad_tasks (id, title, description, status, assigned_agent, priority, created_at, updated_at, completed_at, metadata)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '{}')`,
  );
  const now = Date.now();
  const stride = Math.max(1, Math.floor(count / needleCount));
  db.transaction(() => {
    for (let i = 0; i < count; i++) {
      const word = words[i % words.length]!;
      const other = words[(i * 7 + 3) % words.length]!;
      const title = i % stride === 0 && Math.floor(i / stride) < needleCount ? `Follow up ${needle} order #${i}` : `${word} ${other} task #${i}`;
      const status = statuses[i % statuses.length]!;
      const created = new Date(now - ((i * 26_000) % (30 * 86_400_000))).toISOString();
      insert.run(`seed-${String(i).padStart(6, '0')}`, title, `Seeded ${word} task for the queue benchmark`, status, agents[i % agents.length], priorities[i % priorities.length], created, created, status === 'completed' ? created : null);
    }
  })();
  db.close();
}

/**
 * Selects a waiting task in the approvals inbox (list on the left) and returns its card (right):
 * the inbox shows one task at a time.
 */
export async function openApproval(page: import('@playwright/test').Page, id: string): Promise<import('@playwright/test').Locator> {
  await page.locator(`[data-row-id="${id}"]`).click();
  const card = page.locator(`.approval-card[data-task-id="${id}"]`);
  await card.waitFor({ state: 'visible' });
  return card;
}
