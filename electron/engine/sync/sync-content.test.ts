// The agents' content tables through Supabase sync (issue 9), against a real PostgreSQL with the
// cloud schema: tasks that only point to email_logs / social_posts rows are previewed offline,
// sent, and written back to the cloud's rows through the outbox.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBrevoHandler } from '../channels/brevo/brevo-handler';
import { createGmailHandler, type GmailHandler } from '../channels/gmail/gmail-handler';
import { createMetaHandler } from '../channels/meta/meta-handler';
import { createXHandler } from '../channels/x/x-handler';
import { FakeGmailServer } from '../channels/gmail/test-support/fake-gmail-server';
import { MemorySecretStore } from '../secrets/types';
import { applyWriteBacks } from '../store/content';
import { scriptedHandler } from '../test-support/engine-fixture';
import { Harness, type SyncedEngine } from './test-support/harness';
import { startPostgres, type TestPostgres } from './test-support/postgres';

let remote: TestPostgres;
let harness: Harness;
let fake: FakeGmailServer;

beforeAll(async () => {
  remote = await startPostgres();
});
afterAll(async () => {
  await remote?.destroy();
});
beforeEach(async () => {
  harness = new Harness(() => remote.url);
  fake = await FakeGmailServer.start();
});
afterEach(async () => {
  await harness.cleanup();
  await fake.close();
});

const live = { ENABLE_AUTO_EXECUTION: 'true', AGENT_DRY_RUN: 'false' };

function gmailHandler(): GmailHandler {
  const env = { GMAIL_CLIENT_ID: fake.clientId, GMAIL_CLIENT_SECRET: fake.clientSecret, GMAIL_REFRESH_TOKEN: fake.issueRefreshToken(), GMAIL_API_ROOT_URL: fake.rootUrl, GOOGLE_OAUTH_TOKEN_URL: fake.tokenUrl };
  return createGmailHandler({ env, secrets: new MemorySecretStore() });
}

function startEngine(name: string, withGmail = false): SyncedEngine {
  return harness.start(name, { engine: { env: live, ...(withGmail ? { handlers: [gmailHandler(), createXHandler({ env: {}, secrets: new MemorySecretStore() }), createMetaHandler({ env: {}, secrets: new MemorySecretStore() }), createBrevoHandler({ env: {}, secrets: new MemorySecretStore() })] } : {}) } });
}

async function remoteEmailLog(metadata: Record<string, unknown> = { classified_by: 'Email Agent' }): Promise<string> {
  const result = await remote.query<{ id: string }>(
    `INSERT INTO email_logs (gmail_message_id, from_email, to_email, subject, category, status, metadata)
     VALUES ($1, 'thandi@example.com', 'support@audico.example', 'Where is order 1042?', 'order', 'draft_created', $2::jsonb) RETURNING id::text`,
    [`in-${Math.random()}`, JSON.stringify(metadata)],
  );
  return result.rows[0]!.id;
}

async function remotePost(content: string, platform = 'twitter'): Promise<string> {
  const result = await remote.query<{ id: string }>(
    `INSERT INTO social_posts (platform, content, media_urls, status) VALUES ($1, $2, ARRAY['https://cdn.example.com/a.jpg'], 'draft') RETURNING id::text`,
    [platform, content],
  );
  return result.rows[0]!.id;
}

async function remoteTask(agent: string, metadata: Record<string, unknown>, requiresApproval = true): Promise<string> {
  const result = await remote.query<{ id: string }>(
    `INSERT INTO squad_tasks (title, assigned_agent, priority, requires_approval, metadata) VALUES ($1, $2, 'high', $3, $4::jsonb) RETURNING id::text`,
    [`${agent} task ${Math.random()}`, agent, requiresApproval, JSON.stringify(metadata)],
  );
  return result.rows[0]!.id;
}

const draftText = ['From: support@audico.example', 'To: Thandi <thandi@example.com>', 'Subject: Re: Where is order 1042?', 'Message-ID: <reply-1042@mail.gmail.com>', 'Content-Type: text/plain; charset=UTF-8', '', 'Your order ships today.', ''].join('\r\n');

async function approvalFor(engine: SyncedEngine['engine'], id: string) {
  const list = await engine.api['approvals:list']({});
  return list.items.find((item) => item.task.id === id);
}

describe('content rows referenced by synced tasks', () => {
  it('an Email Agent task with only email_id + draft_id sends, and the remote email_logs row shows sent with the cloud metadata', async () => {
    const emailId = await remoteEmailLog();
    const draftId = fake.addDraft(draftText);
    const taskId = await remoteTask('Email Agent', { email_id: emailId, draft_id: draftId, email_category: 'order' });
    const desk = startEngine('email', true);
    const round = await desk.sync.syncOnce();
    expect(round.contentRows).toBe(1);
    // The row arrived in the same pull as the task: the approvals inbox shows the real message.
    const local = desk.engine.db.prepare('SELECT subject, status, metadata FROM email_logs WHERE id = ?').get(emailId) as Record<string, string>;
    expect(local).toMatchObject({ subject: 'Where is order 1042?', status: 'draft_created' });
    const item = await approvalFor(desk.engine, taskId);
    expect(item?.previewError).toBeNull();
    expect(item?.preview?.detail).toMatchObject({ kind: 'email', subject: 'Re: Where is order 1042?', text: expect.stringMatching(/^Your order ships today\.\s*$/) });

    await desk.engine.api['approvals:approve']({ id: taskId });
    await desk.engine.runCycle();
    const sent = fake.sent();
    expect(sent).toHaveLength(1);
    const task = desk.engine.db.prepare('SELECT status FROM squad_tasks WHERE id = ?').get(taskId) as { status: string };
    expect(task.status).toBe('completed');
    expect(desk.engine.db.prepare('SELECT status FROM email_logs WHERE id = ?').get(emailId)).toEqual({ status: 'sent' });

    await desk.sync.syncOnce();
    const row = (await remote.query(`SELECT status, metadata FROM email_logs WHERE id = $1`, [emailId])).rows[0] as { status: string; metadata: Record<string, unknown> };
    expect(row.status).toBe('sent');
    expect(row.metadata).toEqual({ classified_by: 'Email Agent', gmail_message_id: sent[0]!.id, sent_via: 'gmail', sent_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) });
    expect(Date.parse(row.metadata.sent_at as string)).toBeGreaterThan(Date.now() - 60_000);
    const remoteTaskRow = (await remote.query(`SELECT status FROM squad_tasks WHERE id = $1`, [taskId])).rows[0];
    expect(remoteTaskRow).toEqual({ status: 'completed' });
    expect(desk.sync.status()).toMatchObject({ queued: 0, dead: 0 });
  });

  it('a social task with only post_id shows the post text with sync stopped; the preview follows a later change', async () => {
    const postId = await remotePost('New stock: the Denon AVR-X3800H is in. Free delivery this week.');
    const taskId = await remoteTask('Social Media Agent', { post_id: postId });
    const desk = startEngine('social');
    await desk.sync.syncOnce();
    await desk.sync.stop();
    await remote.stop(); // the cloud is unreachable: the preview comes from the local row
    try {
      const item = await approvalFor(desk.engine, taskId);
      expect(item?.channel).toBe('x');
      expect(item?.previewError).toBeNull();
      expect(item?.preview?.detail).toMatchObject({ kind: 'social_post', platform: 'twitter', text: 'New stock: the Denon AVR-X3800H is in. Free delivery this week.', mediaUrls: ['https://cdn.example.com/a.jpg'], postId });
    } finally {
      await remote.start();
    }

    // The agent rewrites the post after the task arrived (the task itself does not change).
    const again = startEngine('social');
    await remote.query(`UPDATE social_posts SET content = 'Denon AVR-X3800H back in stock.', platform = 'facebook' WHERE id = $1`, [postId]);
    const round = await again.sync.syncOnce();
    expect(round.contentRows).toBe(1);
    const item = await approvalFor(again.engine, taskId);
    expect(item?.channel).toBe('meta');
    expect(item?.preview?.detail).toMatchObject({ platform: 'facebook', text: 'Denon AVR-X3800H back in stock.' });
    // Nothing changed remotely: the next round reads only hashes, no rows.
    expect((await again.sync.syncOnce()).contentRows).toBe(0);
    // A listening desktop hears of a changed row at once (NOTIFY from the remote migration).
    expect(again.sync.status().listening).toBe(true);
    const notified = new Promise<void>((resolve) => again.sync.on('notify', () => resolve()));
    await remote.query(`UPDATE social_posts SET content = 'Back in stock, 10% off.' WHERE id = $1`, [postId]);
    await notified;
    expect((await again.sync.syncOnce()).contentRows).toBe(1);
  });

  it('a referenced row deleted on the cloud: the preview names the id and approval is refused', async () => {
    const postId = await remotePost('A post the agent will withdraw');
    const taskId = await remoteTask('Social Media Agent', { post_id: postId });
    const missingEmail = '6f1c0d1e-8a51-4e0f-9d55-0c7d3f0a1b2c';
    const emailTask = await remoteTask('Email Agent', { email_id: missingEmail, draft_id: 'r-77' });
    const desk = startEngine('deleted', true);
    await desk.sync.syncOnce();
    expect((await approvalFor(desk.engine, taskId))?.previewError).toBeNull();
    expect((await approvalFor(desk.engine, emailTask))?.previewError).toContain(`email_logs row ${missingEmail} does not exist`);

    await remote.query(`DELETE FROM social_posts WHERE id = $1`, [postId]);
    await desk.sync.syncOnce();
    expect(desk.engine.db.prepare('SELECT count(*) AS n FROM social_posts WHERE id = ?').get(postId)).toEqual({ n: 0 });
    const item = await approvalFor(desk.engine, taskId);
    expect(item?.preview).toBeNull();
    expect(item?.previewError).toContain(`metadata.post_id: social post ${postId} does not exist`);

    // A task that cannot run cannot be approved: refused naming the missing row; nothing ran.
    await expect(desk.engine.api['approvals:approve']({ id: taskId })).rejects.toMatchObject({ code: 'conflict', message: expect.stringContaining(`social post ${postId} does not exist`) });
    await desk.engine.runCycle();
    const task = desk.engine.db.prepare('SELECT status, approved_at, execution_attempts FROM squad_tasks WHERE id = ?').get(taskId) as Record<string, unknown>;
    expect(task).toMatchObject({ status: 'new', approved_at: null, execution_attempts: 0 });
  });

  it('a write-back survives a restart before it was pushed, and an edit before approval is what is sent, written back and kept as a diff', async () => {
    const emailId = await remoteEmailLog({ thread: 'abc' });
    const taskId = await remoteTask('Email Agent', { email_id: emailId, to: 'thandi@example.com', subject: 'Order 1042', body_text: 'It ships tomorrow.' });
    const first = startEngine('restart', true);
    await first.sync.syncOnce();
    const edited = { email_id: emailId, to: 'thandi@example.com', subject: 'Order 1042', body_text: 'It shipped today: tracking AB123.' };
    await first.engine.api['approvals:approve']({ id: taskId, edits: { metadata: edited } });
    await first.engine.runCycle();
    expect(fake.sent()).toHaveLength(1);
    expect(fake.sent()[0]!.rfc822).toContain('It shipped today: tracking AB123.');
    const queued = first.engine.db.prepare(`SELECT op, changed FROM sync_outbox WHERE entity = 'email_logs' AND state = 'pending'`).all();
    expect(queued).toHaveLength(1);
    await first.close(); // stopped before any push

    const second = startEngine('restart', true);
    await second.sync.syncOnce();
    const row = (await remote.query(`SELECT status, metadata FROM email_logs WHERE id = $1`, [emailId])).rows[0] as { status: string; metadata: Record<string, unknown> };
    expect(row.status).toBe('sent');
    expect(row.metadata).toMatchObject({ thread: 'abc', sent_via: 'gmail', gmail_message_id: fake.sent()[0]!.id, sent_message: { subject: 'Order 1042', text: 'It shipped today: tracking AB123.', to: ['thandi@example.com'] } });
    // Replaying the same push changes nothing (idempotent): the queue is empty and stays so.
    expect(second.sync.status()).toMatchObject({ queued: 0, dead: 0 });
    const decision = second.engine.db.prepare(`SELECT details FROM task_decisions WHERE task_id = ? AND kind = 'edited' AND actor = 'Kenny'`).get(taskId) as { details: string };
    expect(JSON.parse(decision.details).diff).toEqual({ 'metadata.body_text': { before: 'It ships tomorrow.', after: 'It shipped today: tracking AB123.' } });
  });

  it('outreach write-backs: the influencer row is updated and an outreach_tracking row inserted once, even when the push is replayed', async () => {
    const influencer = await remote.query<{ id: string }>(`INSERT INTO influencer_opportunities (name, platform, handle, notes) VALUES ('Lerato', 'instagram', '@lerato.sound', 'audio reviewer') RETURNING id::text`);
    const influencerId = influencer.rows[0]!.id;
    const taskId = await remoteTask('Marketing Agent', { action: 'influencer_outreach', influencer_id: influencerId }, false);
    const sentAt = '2026-11-29T09:00:00.000Z';
    const brevo = scriptedHandler({
      agent: 'Marketing Agent',
      id: 'brevo',
      limitKeys: [],
      behaviour: (call) => {
        expect(call.payload.content?.influencer_opportunities).toMatchObject({ id: influencerId, name: 'Lerato', handle: '@lerato.sound' });
        return {
          externalId: 'brevo-1',
          externalUrl: null,
          result: {},
          writeBack: [
            { op: 'update', table: 'influencer_opportunities', id: influencerId, set: { status: 'contacted', outreach_date: sentAt } },
            { op: 'insert', table: 'outreach_tracking', row: { influencer_id: influencerId, channel: 'email', message_sent: '<p>Hi Lerato</p>', sent_at: sentAt, metadata: { brevo_message_id: 'brevo-1' } } },
          ],
        };
      },
    });
    const desk = harness.start('outreach', { engine: { env: live, handlers: [brevo] } });
    await desk.sync.syncOnce();
    await desk.engine.api['approvals:approve']({ id: taskId }); // outreach always needs approval (the cloud's rules)
    await desk.engine.runCycle();
    expect(brevo.calls).toHaveLength(1);
    expect((desk.engine.db.prepare('SELECT status FROM squad_tasks WHERE id = ?').get(taskId) as { status: string }).status).toBe('completed');
    const queued = desk.engine.db.prepare(`SELECT entity, entity_id, op, changed, payload FROM sync_outbox WHERE entity IN ('influencer_opportunities', 'outreach_tracking') ORDER BY id`).all() as { entity: string; entity_id: string; op: string; changed: string; payload: string }[];
    expect(queued.map((row) => `${row.entity}:${row.op}`)).toEqual(['influencer_opportunities:update', 'outreach_tracking:insert']);
    await desk.sync.syncOnce();
    // The same changes queued again (a batch replayed after a lost COMMIT) change nothing.
    const replay = desk.engine.db.prepare('INSERT INTO sync_outbox (entity, entity_id, op, changed, payload) VALUES (?, ?, ?, ?, ?)');
    for (const row of queued) replay.run(row.entity, row.entity_id, row.op, row.changed, row.payload);
    await desk.sync.syncOnce();
    expect(desk.sync.status()).toMatchObject({ queued: 0, dead: 0 });
    const remoteInfluencer = (await remote.query(`SELECT status, outreach_date, notes FROM influencer_opportunities WHERE id = $1`, [influencerId])).rows[0];
    expect(remoteInfluencer).toEqual({ status: 'contacted', outreach_date: new Date(sentAt), notes: 'audio reviewer' });
    const tracking = await remote.query(`SELECT id::text, channel, message_sent, status, sent_at, metadata FROM outreach_tracking WHERE influencer_id = $1`, [influencerId]);
    expect(tracking.rows).toEqual([{ id: JSON.parse(queued[1]!.payload).id, channel: 'email', message_sent: '<p>Hi Lerato</p>', status: 'sent', sent_at: new Date(sentAt), metadata: { brevo_message_id: 'brevo-1' } }]);
  });

  it('a cloud without the influencer tables, and newsletter_drafts in the 008 shape: reported once, sync goes on', async () => {
    await remote.query(`DROP TABLE outreach_tracking; DROP TABLE influencer_opportunities; DROP TABLE newsletter_drafts;
      CREATE TABLE newsletter_drafts (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), status text DEFAULT 'draft', data jsonb, metadata jsonb DEFAULT '{}'::jsonb, created_at timestamptz DEFAULT now(), updated_at timestamptz DEFAULT now())`);
    const draft = await remote.query<{ id: string }>(`INSERT INTO newsletter_drafts (data) VALUES ('{"subject_line":"November deals","content":"<p>Deals</p>"}') RETURNING id::text`);
    const draftId = draft.rows[0]!.id;
    const influencerId = '0b0e1c2d-3e4f-4a5b-8c6d-7e8f9a0b1c2d';
    const outreach = await remoteTask('Marketing Agent', { action: 'influencer_outreach', influencer_id: influencerId });
    const newsletter = await remoteTask('Marketing Agent', { action: 'send_newsletter', draft_id: draftId });
    const desk = startEngine('marketing');
    const round = await desk.sync.syncOnce();
    expect(round.contentWarnings).toEqual(['Supabase has no table influencer_opportunities: tasks that point to its rows cannot be shown or run until it exists']);
    const pulled = desk.engine.db.prepare('SELECT count(*) AS n FROM squad_tasks WHERE id IN (?, ?)').get(outreach, newsletter);
    expect(pulled).toEqual({ n: 2 });
    const local = desk.engine.db.prepare('SELECT status, data, subject_line FROM newsletter_drafts WHERE id = ?').get(draftId) as Record<string, string | null>;
    expect({ ...local, data: JSON.parse(local.data!) }).toEqual({ status: 'draft', data: { subject_line: 'November deals', content: '<p>Deals</p>' }, subject_line: null });
    const again = await desk.sync.syncOnce();
    expect(again.contentWarnings).toEqual([]);
    expect(desk.sync.status().state).toBe('connected');
    const logs = desk.engine.db.prepare(`SELECT count(*) AS n FROM agent_logs WHERE event_type = 'sync_content_table_missing'`).get();
    expect(logs).toEqual({ n: 1 });
    // A write-back to a table the remote lacks is kept as dead with the reason; the rest goes on.
    desk.engine.db.transaction(() => applyWriteBacks(desk.engine.db, [{ op: 'insert', table: 'outreach_tracking', row: { influencer_id: influencerId, channel: 'email', message_sent: 'Hi' } }], new Date()))();
    const later = await desk.sync.syncOnce();
    expect(later.dead).toBe(1);
    expect(desk.sync.status()).toMatchObject({ state: 'connected', queued: 0, dead: 1 });
    const dead = desk.engine.db.prepare(`SELECT last_error FROM sync_outbox WHERE state = 'dead'`).get() as { last_error: string };
    expect(dead.last_error).toBe('Supabase has no table outreach_tracking: this write-back cannot be pushed');
  });
});
