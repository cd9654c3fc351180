import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/open-db';
import { applyRemoteMigration } from './sync-round';
import { startSync, type SyncHandle } from './sync-service';
import { startPostgres, type TestPostgres } from './test-support/postgres';

let remote: TestPostgres;
const dirs: string[] = [];

beforeAll(async () => {
  remote = await startPostgres();
});
afterAll(async () => {
  await remote?.destroy();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

function tempDb(): { db: Db; path: string } {
  const dir = mkdtempSync(join(tmpdir(), 'mc-sync-'));
  dirs.push(dir);
  const path = join(dir, 'mc.sqlite');
  return { db: openDb(path), path };
}

async function withHandle<T>(db: Db, run: (sync: SyncHandle) => Promise<T>, executorId = 'desk-a/1/aaaa'): Promise<T> {
  const sync = startSync({ db, executorId }, { url: remote.url, autoStart: false });
  try {
    return await run(sync);
  } finally {
    await sync.stop();
  }
}

describe('test Postgres helper', () => {
  it('fails loudly, naming the apt package, when the PostgreSQL 15 binaries are missing', async () => {
    const saved = process.env.PG_BIN_DIR;
    process.env.PG_BIN_DIR = '/nonexistent/postgresql/15/bin';
    try {
      await expect(startPostgres()).rejects.toThrow(/apt-get install -y postgresql-15/);
    } finally {
      if (saved === undefined) delete process.env.PG_BIN_DIR;
      else process.env.PG_BIN_DIR = saved;
    }
  });
});

describe('remote migration', () => {
  it('applies twice without error and adds exactly one of each object', async () => {
    const pool = new pg.Pool({ connectionString: remote.url });
    try {
      await applyRemoteMigration(pool);
      await applyRemoteMigration(pool);
      await Promise.all([applyRemoteMigration(pool), applyRemoteMigration(pool)]);
      const columns = await remote.query(
        `SELECT column_name FROM information_schema.columns WHERE table_name = 'squad_tasks' AND column_name LIKE 'mc_%' ORDER BY 1`,
      );
      expect(columns.rows.map((r) => r.column_name)).toEqual(['mc_lease_expires_at', 'mc_lease_owner']);
      const triggers = await remote.query(`SELECT tgname FROM pg_trigger WHERE tgname LIKE 'mc_sync_notify%' ORDER BY 1`);
      expect(triggers.rows.map((r) => r.tgname)).toEqual([
        'mc_sync_notify_agent_configs',
        'mc_sync_notify_email_logs',
        'mc_sync_notify_influencer_opportunities',
        'mc_sync_notify_newsletter_drafts',
        'mc_sync_notify_social_posts',
        'mc_sync_notify_squad_tasks',
      ]);
      // The cloud's own writes still work exactly as before (its INSERT does not name our columns).
      const inserted = await remote.query(`INSERT INTO squad_tasks (title) VALUES ('cloud still works') RETURNING status, mc_lease_owner`);
      expect(inserted.rows[0]).toEqual({ status: 'new', mc_lease_owner: null });
    } finally {
      await pool.end();
    }
  });
});

describe('pull', () => {
  it('brings remote tasks with their ids and types mapped, and only changes after that', async () => {
    const { db } = tempDb();
    const inserted = await remote.query<{ id: string }>(
      `INSERT INTO squad_tasks (title, description, assigned_agent, priority, mentions_kenny, requires_approval, metadata, approved_by, approved_at)
       VALUES ('Pull me', 'from the cloud', 'Email Agent', 'urgent', true, true, '{"email_id":"e1","nested":{"b":2,"a":1}}', 'Kenny', '2026-11-24T08:00:00.123456Z')
       RETURNING id::text`,
    );
    const id = inserted.rows[0]!.id;
    await withHandle(db, async (sync) => {
      const first = await sync.syncOnce();
      expect(first.inserted).toBeGreaterThanOrEqual(1);
      const row = db.prepare('SELECT * FROM squad_tasks WHERE id = ?').get(id) as Record<string, unknown>;
      expect(row).toMatchObject({
        title: 'Pull me',
        description: 'from the cloud',
        status: 'new',
        assigned_agent: 'Email Agent',
        priority: 'urgent',
        mentions_kenny: 1,
        requires_approval: 1,
        approved_by: 'Kenny',
        approved_at: '2026-11-24T08:00:00.123Z',
        origin: 'supabase',
      });
      expect(JSON.parse(row.metadata as string)).toEqual({ email_id: 'e1', nested: { a: 1, b: 2 } });
      // Pulled rows are never queued back.
      expect(sync.status().queued).toBe(0);

      await remote.query(`UPDATE squad_tasks SET title = 'Pull me (edited)', priority = 'low' WHERE id = $1`, [id]);
      const second = await sync.syncOnce();
      expect(second.updated).toBe(1);
      expect(db.prepare('SELECT title, priority FROM squad_tasks WHERE id = ?').get(id)).toEqual({ title: 'Pull me (edited)', priority: 'low' });
      const third = await sync.syncOnce();
      expect(third.updated + third.inserted).toBe(0);
    });
  });

  it('arrives through LISTEN/NOTIFY without waiting for the poll', async () => {
    const { db } = tempDb();
    const sync = startSync({ db, executorId: 'desk-listen/1/aaaa' }, { url: remote.url, pollIntervalMs: 3_600_000 });
    try {
      await new Promise<void>((resolve) => {
        const off = sync.on('round', () => {
          if (sync.status().listening) {
            off();
            resolve();
          }
        });
      });
      const arrived = new Promise<void>((resolve) => {
        const off = sync.on('round', () => {
          if (db.prepare(`SELECT 1 FROM squad_tasks WHERE title = 'Notify me'`).get()) {
            off();
            resolve();
          }
        });
      });
      const notified = new Promise<void>((resolve) => sync.on('notify', () => resolve()));
      await remote.query(`INSERT INTO squad_tasks (title, assigned_agent) VALUES ('Notify me', 'SEO Agent')`);
      await notified;
      await arrived;
      expect(sync.status()).toMatchObject({ state: 'connected', listening: true });
    } finally {
      await sync.stop();
    }
  });

  it('first sync of 10,000 tasks reports progress and lands every row', async () => {
    await remote.query(
      `INSERT INTO squad_tasks (title, assigned_agent, priority, metadata)
       SELECT 'Bulk ' || g, (ARRAY['Email Agent','SEO Agent','Social Media Agent'])[1 + g % 3], (ARRAY['low','medium','high','urgent'])[1 + g % 4], jsonb_build_object('n', g)
       FROM generate_series(1, 10000) g`,
    );
    const total = Number((await remote.query(`SELECT count(*)::int AS n FROM squad_tasks`)).rows[0]!.n);
    const { db } = tempDb();
    const progress: { done: number; total: number }[] = [];
    const sync = startSync({ db, executorId: 'desk-bulk/1/aaaa' }, { url: remote.url, autoStart: false, onProgress: (p) => progress.push(p) });
    try {
      const started = Date.now();
      const round = await sync.syncOnce();
      const elapsed = Date.now() - started;
      console.log(`[sync] first sync of ${total} remote tasks: ${elapsed} ms`);
      expect(round.inserted).toBe(total);
      expect((db.prepare(`SELECT count(*) AS n FROM squad_tasks WHERE origin = 'supabase'`).get() as { n: number }).n).toBe(total);
      expect(progress[0]).toEqual({ done: 0, total });
      expect(progress.at(-1)).toEqual({ done: total, total });
      expect(progress.length).toBeGreaterThan(10);
      for (let i = 1; i < progress.length; i++) expect(progress[i]!.done).toBeGreaterThanOrEqual(progress[i - 1]!.done);
    } finally {
      await sync.stop();
      await remote.query(`DELETE FROM squad_tasks WHERE title LIKE 'Bulk %'`);
    }
  });
});

describe('push', () => {
  it('writes local changes, logs, alerts and the pause back, and leaves local-only columns alone', async () => {
    const { db } = tempDb();
    const inserted = await remote.query<{ id: string }>(`INSERT INTO squad_tasks (title, assigned_agent) VALUES ('Push me', 'SEO Agent') RETURNING id::text`);
    const id = inserted.rows[0]!.id;
    await withHandle(db, async (sync) => {
      await sync.syncOnce();
      db.prepare(`UPDATE squad_tasks SET hold_reason = 'local only', policy_decision = 'auto_execute' WHERE id = ?`).run(id);
      expect(sync.status().queued).toBe(0);
      db.prepare(
        `UPDATE squad_tasks SET status = 'rejected', rejected_by = 'Kenny', rejected_at = '2026-11-24T09:00:00.000Z', rejection_reason = 'not now' WHERE id = ?`,
      ).run(id);
      db.prepare(`INSERT INTO agent_logs (agent_name, log_level, event_type, message, context, task_id) VALUES ('Task Executor', 'info', 'cron_execution', 'cycle', '{"executed":1}', ?)`).run(id);
      db.prepare(`INSERT INTO alerts (type, severity, title, message, metadata) VALUES ('agent_error', 'high', 'Oops', 'It broke', '{"task_id":"x"}')`).run();
      db.prepare(`UPDATE agent_configs SET value = 'true' WHERE key = 'global_pause'`).run();
      const localTask = db.prepare(`INSERT INTO squad_tasks (title, assigned_agent, metadata) VALUES ('Made on the desktop', 'Email Agent', '{"a":1}') RETURNING id`).get() as { id: string };
      expect(sync.status().queued).toBe(5);

      const round = await sync.syncOnce();
      expect(round).toMatchObject({ pushed: 5, refused: 0, dead: 0 });
      expect(sync.status().queued).toBe(0);
      const task = (await remote.query(`SELECT status, rejected_by, rejection_reason, to_char(rejected_at AT TIME ZONE 'UTC', 'HH24:MI') AS at FROM squad_tasks WHERE id = $1`, [id])).rows[0];
      expect(task).toEqual({ status: 'rejected', rejected_by: 'Kenny', rejection_reason: 'not now', at: '09:00' });
      const log = (await remote.query(`SELECT agent_name, event_type, context FROM agent_logs WHERE message = 'cycle'`)).rows[0];
      expect(log).toEqual({ agent_name: 'Task Executor', event_type: 'cron_execution', context: { executed: 1 } });
      expect((await remote.query(`SELECT severity, metadata FROM alerts WHERE title = 'Oops'`)).rows[0]).toEqual({ severity: 'high', metadata: { task_id: 'x' } });
      expect((await remote.query(`SELECT value FROM agent_configs WHERE key = 'global_pause'`)).rows[0]!.value).toBe(true);
      expect((await remote.query(`SELECT title, metadata, status FROM squad_tasks WHERE id = $1`, [localTask.id])).rows[0]).toEqual({
        title: 'Made on the desktop',
        metadata: { a: 1 },
        status: 'new',
      });
      await remote.query(`UPDATE agent_configs SET value = 'false' WHERE key = 'global_pause'`);
    });
  });

  it('keeps a change the remote refuses for good as dead and drains the rest in order', async () => {
    const { db } = tempDb();
    await withHandle(db, async (sync) => {
      db.prepare(`INSERT INTO squad_tasks (id, title, assigned_agent) VALUES ('not-a-uuid', 'Bad id', 'SEO Agent')`).run();
      db.prepare(`INSERT INTO squad_tasks (title, assigned_agent) VALUES ('Unknown agent', 'Nobody Agent')`).run();
      db.prepare(`INSERT INTO squad_tasks (title, assigned_agent) VALUES ('Fine', 'SEO Agent')`).run();
      const round = await sync.syncOnce();
      expect(round).toMatchObject({ pushed: 1, dead: 2 });
      expect(sync.status()).toMatchObject({ queued: 0, dead: 2 });
      expect((await remote.query(`SELECT count(*)::int AS n FROM squad_tasks WHERE title = 'Fine'`)).rows[0]!.n).toBe(1);
    });
  });
});
