// The Gmail channel inside the real engine (SQLite file, executor, policy, ledger, alerts) with the
// real Gmail client talking to a local server that speaks the Gmail API.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../index';
import { MemorySecretStore } from '../../secrets/types';
import { scriptedHandler, taskRow, tempDir, TestClock, testEngine } from '../../test-support/engine-fixture';
import { permanent } from '../errors';
import { attachGmailToEngine, type AttachedGmail } from './alert-emails';
import { createGmailHandler, type GmailHandler } from './gmail-handler';
import { FakeGmailServer } from './test-support/fake-gmail-server';

let fake: FakeGmailServer;
let dir: ReturnType<typeof tempDir>;
let clock: TestClock;
let engine: Engine;
let gmail: GmailHandler;
let attached: AttachedGmail;

async function start(env: Record<string, string> = {}): Promise<void> {
  const gmailEnv = {
    GMAIL_CLIENT_ID: fake.clientId,
    GMAIL_CLIENT_SECRET: fake.clientSecret,
    GMAIL_REFRESH_TOKEN: fake.issueRefreshToken(),
    GMAIL_API_ROOT_URL: fake.rootUrl,
    GOOGLE_OAUTH_TOKEN_URL: fake.tokenUrl,
    ...env,
  };
  gmail = createGmailHandler({ env: gmailEnv, secrets: new MemorySecretStore() });
  const failing = scriptedHandler({ agent: 'SEO Agent', id: 'seo', behaviour: () => Promise.reject(permanent('OpenCart said no')) });
  // The test attaches alert e-mails itself to await their delivery (attached.idle()).
  engine = testEngine({ dir: dir.path, handlers: [gmail, failing], now: clock.now, env: { ALERT_EMAIL: 'kenny@audico.example', ...env }, emailUrgentAlerts: false });
  attached = attachGmailToEngine(engine, gmail, { now: clock.now });
}

async function addTask(metadata: Record<string, unknown>, agent = 'Email Agent'): Promise<string> {
  const task = await engine.api['tasks:create']({ title: `Task ${Math.random()}`, assignedAgent: agent, priority: 'high', requiresApproval: false, metadata: { email_category: 'inquiry', ...metadata } });
  return task.id;
}

const composed = { to: 'thandi@example.com', subject: 'Your question', body_text: 'Here is the answer.' };

beforeEach(async () => {
  fake = await FakeGmailServer.start();
  dir = tempDir();
  clock = new TestClock(new Date());
});
afterEach(async () => {
  attached?.detach();
  await engine?.close();
  await fake.close();
  dir.cleanup();
});

describe('Gmail channel in the engine', () => {
  it('sends a composed email once and completes the task with the Gmail message id', async () => {
    await start();
    const id = await addTask(composed);
    await engine.runCycle();
    expect(fake.sent()).toHaveLength(1);
    expect(taskRow(engine, id)).toMatchObject({ status: 'completed', execution_attempts: 1, execution_error: null });
    const execution = engine.db.prepare('SELECT state, external_id, result FROM task_executions WHERE task_id = ?').get(id) as { state: string; external_id: string; result: string };
    expect(execution).toMatchObject({ state: 'succeeded', external_id: fake.sent()[0]?.id });
    expect(JSON.parse(execution.result)).toMatchObject({ sent_via: 'gmail', gmail_message_id: fake.sent()[0]?.id });
  });

  it('honours scheduled_for: held until then, then sent', async () => {
    await start();
    const at = new Date(clock.now().getTime() + 3_600_000);
    const id = await addTask({ ...composed, scheduled_for: at.toISOString() });
    await engine.runCycle();
    expect(fake.count('messages.send')).toBe(0);
    expect(taskRow(engine, id)).toMatchObject({ status: 'new', hold_reason: `Scheduled for ${at.toISOString()}`, execution_attempts: 0 });
    clock.advance(3_600_001);
    await engine.runCycle();
    expect(fake.sent()).toHaveLength(1);
    expect(taskRow(engine, id).status).toBe('completed');
  });

  it('invalid_grant: the task is held with the reconnect reason and an alert is raised', async () => {
    await start();
    fake.revokeRefreshToken(gmail.account.config.envRefreshToken as string);
    const id = await addTask(composed);
    await engine.runCycle();
    clock.advance(3_600_001);
    await engine.runCycle();
    const row = taskRow(engine, id);
    expect(row).toMatchObject({ status: 'new', execution_attempts: 1 });
    expect(String(row.hold_reason)).toMatch(/^Gmail needs to be reconnected/);
    expect(fake.count('messages.send')).toBe(0);
    const alerts = (await engine.api['alerts:list']({})).items;
    expect(alerts.map((alert) => alert.title)).toContain('Gmail needs to be reconnected');
  });

  it('e-mails urgent alerts to ALERT_EMAIL, one per type per hour, and records the delivery', async () => {
    await start();
    const first = await addTask({}, 'SEO Agent');
    await engine.runCycle();
    await attached.idle();
    await addTask({}, 'SEO Agent');
    await engine.runCycle();
    await attached.idle();
    clock.advance(61 * 60_000);
    await addTask({}, 'SEO Agent');
    await engine.runCycle();
    await attached.idle();
    const alerts = (await engine.api['alerts:list']({})).items.filter((alert) => alert.type === 'agent_error').reverse();
    expect(alerts.map((alert) => alert.deliveryStatus)).toEqual(['sent', 'throttled', 'sent']);
    expect(alerts[0]?.metadata.task_id).toBe(first);
    const mails = fake.sent();
    expect(mails).toHaveLength(2);
    expect(mails[0]?.rfc822).toContain('To: kenny@audico.example');
    expect(mails[0]?.rfc822).toContain('Subject: [Mission Control] URGENT: Task failed');
  });

  it('records not_configured when ALERT_EMAIL is unset', async () => {
    await start({ ALERT_EMAIL: '' });
    await addTask({}, 'SEO Agent');
    await engine.runCycle();
    await attached.idle();
    const [alert] = (await engine.api['alerts:list']({})).items;
    expect(alert).toMatchObject({ deliveryStatus: 'not_configured', deliveryError: 'ALERT_EMAIL is not set' });
  });
});
