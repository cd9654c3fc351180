/**
 * The connection model through the engine: channels:list/connect/check/disconnect on a channel
 * backed by a local HTTP provider, and what the executor does with that channel's tasks when it
 * is not connected (fails with the sentence, never a fake success; waits when it needs approval)
 * and when its credentials are revoked (held without spending an attempt, one alert).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KeyApiServer } from '../channels/connection/test-support/key-api-server';
import { keyConnection, keyHandler } from '../channels/connection/test-support/key-channel';
import type { Engine } from '../index';
import { MemorySecretStore } from '../secrets/types';
import { taskRow, tempDir, testEngine } from '../test-support/engine-fixture';

let server: KeyApiServer;
let dir: ReturnType<typeof tempDir>;
let engine: Engine;
let handler: ReturnType<typeof keyHandler>;

beforeEach(async () => {
  server = await KeyApiServer.start();
  server.keys.set('key-good', 'Audico Marketing');
  dir = tempDir();
  const secrets = new MemorySecretStore();
  handler = keyHandler(keyConnection(server, secrets, {}));
  engine = testEngine({ dir: dir.path, secrets, handlers: [handler], env: { ACME_API_KEY: undefined } });
});
afterEach(async () => {
  await engine.close();
  await server.close();
  dir.cleanup();
});

const acme = async () => (await engine.api['channels:list']({})).items.find((item) => item.id === 'brevo')!;
const reconnectAlerts = async () => (await engine.api['alerts:list']({})).items.filter((alert) => alert.metadata.kind === 'channel_reconnect');
const addTask = async (requiresApproval = false) => (await engine.api['tasks:create']({ title: 'Spring newsletter', assignedAgent: 'Marketing Agent', requiresApproval })).id;

describe('channels API on the connection model', () => {
  it('lists the declaration and status; field errors travel as invalid_input details; connect, check, disconnect', async () => {
    expect(await acme()).toMatchObject({ name: 'Acme', agents: ['Marketing Agent'], connected: false, envSet: [], descriptor: { methods: [{ id: 'api-key' }, { id: 'refresh' }] }, status: { state: 'not_connected' } });
    await expect(engine.api['channels:connect']({ id: 'brevo', method: 'api-key', values: { apiKey: 'key-wrong' } })).rejects.toMatchObject({
      code: 'invalid_input',
      details: { fields: { apiKey: 'Key not found or revoked' } },
    });
    await expect(engine.api['channels:connect']({ id: 'brevo', method: 'api-key', values: { apiKey: 'key-good', region: 'eu' } })).rejects.toMatchObject({
      details: { fields: { region: expect.stringMatching(/Unknown field/) } },
    });
    const answer = await engine.api['channels:connect']({ id: 'brevo', method: 'api-key', values: { apiKey: 'key-good' } });
    expect(answer).toMatchObject({ authUrl: null, message: 'Acme connected as Audico Marketing', status: { state: 'connected', account: 'Audico Marketing' } });
    expect(await acme()).toMatchObject({ connected: true, detail: expect.stringContaining('Connected as Audico Marketing'), status: { source: 'app' } });

    const checked = await engine.api['channels:check']({ id: 'brevo' });
    expect(checked).toMatchObject({ id: 'brevo', status: { state: 'connected', lastCheck: { ok: true, message: 'Connected as Audico Marketing' } } });
    expect(server.meCalls).toBe(3); // the refused key, the accepted one, the check
    expect(JSON.stringify(await engine.api['channels:list']({}))).not.toContain('key-good');

    const gone = await engine.api['channels:disconnect']({ id: 'brevo' });
    expect(gone).toMatchObject({ ok: true, status: { state: 'not_connected' } });
    const logs = (await engine.api['logs:list']({})).items.map((log) => log.eventType);
    expect(logs).toEqual(expect.arrayContaining(['channel_connected', 'channel_checked', 'channel_disconnected']));
  });

  it('a revoked key found by Check now: needs reconnecting, ONE alert however many checks and tasks, tasks held without an attempt', async () => {
    await engine.api['channels:connect']({ id: 'brevo', method: 'api-key', values: { apiKey: 'key-good' } });
    server.keys.delete('key-good');
    expect((await engine.api['channels:check']({ id: 'brevo' })).status).toMatchObject({ state: 'needs_reconnect', detail: expect.stringMatching(/^Acme needs reconnecting: Key not found or revoked/) });
    await engine.api['channels:check']({ id: 'brevo' });
    const first = await addTask();
    const second = await addTask();
    await engine.runCycle();
    await engine.runCycle();
    for (const id of [first, second]) {
      expect(taskRow(engine, id)).toMatchObject({ status: 'new', execution_attempts: 0 });
      expect(String(taskRow(engine, id).hold_reason)).toMatch(/^Acme needs reconnecting/);
    }
    expect(handler.calls).toBe(0);
    const alerts = await reconnectAlerts();
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatchObject({ title: 'Acme needs to be reconnected', metadata: { channel: 'brevo' } });
    expect((await engine.api['tasks:get']({ id: first })).blocker.message).toMatch(/Acme needs reconnecting/);

    // Reconnected: the held tasks run.
    server.keys.set('key-new', 'Audico Marketing');
    await engine.api['channels:connect']({ id: 'brevo', method: 'api-key', values: { apiKey: 'key-new' } });
    expect((await acme()).status.state).toBe('connected');
    engine.db.prepare(`UPDATE squad_tasks SET not_before = NULL`).run();
    await engine.runCycle();
    expect(taskRow(engine, first).status).toBe('completed');
    expect(handler.calls).toBe(2);
  });

  it('not connected: a task that needs approval waits saying so; a live one fails with the sentence, the provider never called', async () => {
    const waiting = await addTask(true);
    await engine.runCycle();
    const detail = await engine.api['tasks:get']({ id: waiting });
    expect(detail.blocker).toMatchObject({ code: 'needs_approval', message: expect.stringContaining('It cannot run yet: No Acme account connected: connect Acme in Settings → Channels') });
    const inbox = await engine.api['approvals:list']({});
    expect(inbox.items[0]).toMatchObject({ channelProblem: 'No Acme account connected: connect Acme in Settings → Channels' });

    const live = await addTask(false);
    expect((await engine.api['tasks:get']({ id: live })).blocker.message).toMatch(/^(New|Ready, but it fails when it runs: No Acme account connected)/);
    await engine.runCycle();
    expect(taskRow(engine, live)).toMatchObject({ status: 'failed', execution_error: 'No Acme account connected: connect Acme in Settings → Channels' });
    expect(handler.calls).toBe(0);
    expect(taskRow(engine, waiting).status).toBe('new');
  });

  it('lists all six channels with a declaration and their state; nothing connected means not_connected', async () => {
    const bare = testEngine({ dir: dir.path, name: 'bare.db', secrets: new MemorySecretStore() });
    try {
      const items = (await bare.api['channels:list']({})).items;
      expect(items.map((item) => item.id)).toEqual(['gmail', 'x', 'meta', 'brevo', 'opencart', 'google-ads']);
      for (const item of items) {
        expect(item.descriptor?.id).toBe(item.id);
        expect(item).toMatchObject({ connected: false, status: { state: 'not_connected' } });
      }
      // Checking a channel with nothing configured asks nobody and says so.
      expect(await bare.api['channels:check']({ id: 'meta' })).toMatchObject({ status: { state: 'not_connected' } });
    } finally {
      await bare.close();
    }
  });
});
