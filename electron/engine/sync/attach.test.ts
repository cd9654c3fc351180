// Turning sync on for an engine: what the dashboard's sync:status shows, and close() stopping it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir, testEngine } from '../test-support/engine-fixture';
import { attachSync, syncUrlFrom } from './attach';
import { startPostgres, type TestPostgres } from './test-support/postgres';

let remote: TestPostgres;
beforeAll(async () => {
  remote = await startPostgres();
}, 120_000);
afterAll(async () => {
  await remote?.destroy();
});

describe('attachSync', () => {
  it('is off without a URL: sync:status answers null', async () => {
    const dir = tempDir();
    const engine = testEngine({ dir: dir.path });
    expect(syncUrlFrom({})).toBeNull();
    expect(attachSync(engine, { url: syncUrlFrom({}), env: {} })).toBeNull();
    expect(await engine.api['sync:status']({})).toBeNull();
    await engine.close();
    dir.cleanup();
  });

  it('reports connected, last sync and queued changes through sync:status, and stops with the engine', async () => {
    const dir = tempDir();
    const engine = testEngine({ dir: dir.path, env: { AGENT_DRY_RUN: 'true' } });
    const sync = attachSync(engine, { url: syncUrlFrom({ SUPABASE_DB_URL: remote.url }), env: {}, autoStart: false });
    expect(sync).not.toBeNull();
    await engine.api['tasks:create']({ title: 'Made on the desktop', assignedAgent: 'Jarvis' });
    expect(await engine.api['sync:status']({})).toMatchObject({ queued: expect.any(Number) });
    expect((await engine.api['sync:status']({}))!.queued).toBeGreaterThan(0);
    await sync!.syncOnce();
    const status = await engine.api['sync:status']({});
    expect(status).toMatchObject({ state: 'connected', queued: 0, lastError: null });
    expect(status!.url).not.toContain('password');
    expect(status!.lastSyncAt).not.toBeNull();
    const { rows } = await remote.query(`SELECT title FROM squad_tasks WHERE title = 'Made on the desktop'`);
    expect(rows).toHaveLength(1);
    await engine.close();
    // close() stopped sync first: no connection of ours is left on the remote.
    const clients = await remote.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()`);
    expect(clients.rows[0]).toEqual({ n: 0 });
    dir.cleanup();
  });
});
