// The daily digest e-mail through the real Gmail client against the local fake Gmail server:
// due at Kenny's time in the shop's time zone, sent once per day, also across restarts.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../index';
import { MemorySecretStore } from '../../secrets/types';
import { tempDir, TestClock, testEngine } from '../../test-support/engine-fixture';
import { digestDueDay, nextDigestAt, sendDigestIfDue, markInterruptedDigests } from './digest-emails';
import { createGmailHandler, type GmailHandler } from './gmail-handler';
import { FakeGmailServer } from './test-support/fake-gmail-server';

let fake: FakeGmailServer;
let dir: ReturnType<typeof tempDir>;
let clock: TestClock;
let engine: Engine | null;
let gmail: GmailHandler;

function open(connected = true): Engine {
  const env: Record<string, string> = { GMAIL_API_ROOT_URL: fake.rootUrl, GOOGLE_OAUTH_TOKEN_URL: fake.tokenUrl };
  if (connected) Object.assign(env, { GMAIL_CLIENT_ID: fake.clientId, GMAIL_CLIENT_SECRET: fake.clientSecret, GMAIL_REFRESH_TOKEN: fake.issueRefreshToken() });
  gmail = createGmailHandler({ env, secrets: new MemorySecretStore() });
  engine = testEngine({ dir: dir.path, handlers: [gmail], now: clock.now, env: { ALERT_EMAIL: 'kenny@audico.example' }, emailUrgentAlerts: false });
  return engine;
}
/** The settings the engine answers, read once per engine (refresh) like the engine's own cache. */
let cached: Awaited<ReturnType<Engine['api']['settings:get']>>['settings'];
const send = (e: Engine) => sendDigestIfDue({ db: e.db, settings: () => cached, handler: gmail, now: clock.now });
async function refresh(e: Engine) {
  cached = (await e.api['settings:get']({})).settings;
}

beforeEach(async () => {
  fake = await FakeGmailServer.start();
  dir = tempDir();
  clock = new TestClock(new Date('2026-11-30T15:59:00.000Z')); // 17:59 in Johannesburg
  engine = null;
});
afterEach(async () => {
  await engine?.close();
  await fake.close();
  dir.cleanup();
});

describe('digest timing (pure)', () => {
  const settings = { enabled: true, time: '18:00', email: true };
  it('is due from 18:00 local, the next one is tomorrow 18:00 once it passed', () => {
    expect(digestDueDay(settings, new Date('2026-11-30T15:59:00Z'), 'Africa/Johannesburg')).toBeNull();
    expect(digestDueDay(settings, new Date('2026-11-30T16:00:00Z'), 'Africa/Johannesburg')).toBe('2026-11-30');
    expect(digestDueDay(settings, new Date('2026-11-30T22:30:00Z'), 'Africa/Johannesburg')).toBeNull(); // 00:30 the next day
    expect(digestDueDay({ ...settings, email: false }, new Date('2026-11-30T16:00:00Z'), 'Africa/Johannesburg')).toBeNull();
    expect(nextDigestAt(settings, new Date('2026-11-30T15:00:00Z'), 'Africa/Johannesburg').toISOString()).toBe('2026-11-30T16:00:00.000Z');
    expect(nextDigestAt(settings, new Date('2026-11-30T16:00:00Z'), 'Africa/Johannesburg').toISOString()).toBe('2026-12-01T16:00:00.000Z');
    // New York on the fall-back day: 18:00 EST is 23:00Z.
    expect(nextDigestAt(settings, new Date('2026-11-01T12:00:00Z'), 'America/New_York').toISOString()).toBe('2026-11-01T23:00:00.000Z');
  });
});

describe('the digest e-mail', () => {
  it('goes out at 18:00 to ALERT_EMAIL, once, and not again after a restart', async () => {
    const first = open();
    await refresh(first);
    await first.api['tasks:create']({ title: 'Quote for Sipho', assignedAgent: 'Email Agent', requiresApproval: true });
    expect(await send(first)).toBe('not_due');
    clock.current = new Date('2026-11-30T16:00:00.000Z');
    expect(await send(first)).toBe('sent');
    expect(await send(first)).toBe('already');
    expect(fake.sent()).toHaveLength(1);
    const raw = fake.sent()[0]!.rfc822;
    expect(raw).toContain('To: kenny@audico.example');
    expect(raw).toMatch(/Subject: .*Daily digest 2026-11-30/);
    expect(raw).toContain('WAITING FOR YOU: 1');
    expect((await first.api['digest:get']({})).delivery).toMatchObject({ status: 'sent', to: 'kenny@audico.example' });
    await first.close();

    const second = open();
    await refresh(second);
    clock.current = new Date('2026-11-30T19:00:00.000Z');
    expect(await send(second)).toBe('already');
    second.start(); // the engine's own timer checks at start
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(fake.sent()).toHaveLength(1);
  });

  it('the running engine sends a digest due earlier today at start', async () => {
    clock.current = new Date('2026-11-30T17:00:00.000Z');
    const e = open();
    e.start();
    for (let i = 0; i < 100 && fake.sent().length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(fake.sent()).toHaveLength(1);
  });

  it('without a Gmail account nothing is recorded (tried again later); a send cut off by a crash is never repeated', async () => {
    clock.current = new Date('2026-11-30T16:30:00.000Z');
    const e = open(false);
    await refresh(e);
    expect(await send(e)).toBe('not_connected');
    expect(e.db.prepare('SELECT count(*) AS n FROM digest_deliveries').get()).toEqual({ n: 0 });

    e.db.prepare(`INSERT INTO digest_deliveries (day, status) VALUES ('2026-11-30', 'sending')`).run();
    markInterruptedDigests(e.db, clock.now());
    expect((await e.api['digest:get']({})).delivery).toMatchObject({ status: 'unknown' });
    await e.close();
    const connected = open(true);
    await refresh(connected);
    expect(await send(connected)).toBe('already');
    expect(fake.sent()).toHaveLength(0);
  });
});
