// The local content store (migration 0007) on a real SQLite file: resolution of a task's
// references, write-backs and the outbox rows they queue.
import { afterEach, describe, expect, it } from 'vitest';
import { openDb, type Db } from '../db/open-db';
import { enableOutbox, applyingRemote } from '../sync/local-state';
import { tempDir } from '../test-support/engine-fixture';
import { applyWriteBacks, contentReferences, resolveContent, upsertContentRow } from './content';

let dir: ReturnType<typeof tempDir>;
let db: Db;
const now = new Date('2026-11-29T10:00:00.000Z');

function open(): Db {
  dir = tempDir();
  db = openDb(`${dir.path}/mc.sqlite`);
  return db;
}
afterEach(() => {
  db?.close();
  dir?.cleanup();
});

const outbox = () => db.prepare('SELECT entity, entity_id, op, changed, payload FROM sync_outbox ORDER BY id').all() as { entity: string; entity_id: string; op: string; changed: string; payload: string }[];

describe('content references', () => {
  it('maps metadata ids to tables; draft_id is a newsletter only for the Marketing Agent', () => {
    expect(contentReferences({ assignedAgent: 'Email Agent', metadata: { email_id: 'e1', draft_id: 'r-1' } })).toEqual({ email_logs: 'e1' });
    expect(contentReferences({ assignedAgent: 'Marketing Agent', metadata: { draft_id: 'd1', influencer_id: 7 } })).toEqual({ newsletter_drafts: 'd1', influencer_opportunities: '7' });
    expect(contentReferences({ assignedAgent: 'Social Media Agent', metadata: { post_id: { nested: true } } })).toEqual({});
    expect(contentReferences({ assignedAgent: 'Social Media Agent', metadata: { post_id: ' 3F0E5A9C-1B2D-4C3E-8F4A-5B6C7D8E9F00 ' } })).toEqual({ social_posts: '3f0e5a9c-1b2d-4c3e-8f4a-5b6c7d8e9f00' });
  });

  it('resolves rows with jsonb parsed, null for a missing row, nothing when nothing is referenced', () => {
    open();
    upsertContentRow(db, 'social_posts', { id: 'p1', platform: 'twitter', content: 'Hi', media_urls: '["https://x.example/a.png"]', metadata: '{"a":1}' });
    expect(resolveContent(db, { assignedAgent: 'Social Media Agent', metadata: {} })).toBeUndefined();
    const content = resolveContent(db, { assignedAgent: 'Social Media Agent', metadata: { post_id: 'p1', email_id: 'gone' } });
    expect(content?.social_posts).toMatchObject({ id: 'p1', content: 'Hi', media_urls: ['https://x.example/a.png'], metadata: { a: 1 } });
    expect(content).toHaveProperty('email_logs', null);
  });
});

describe('write-backs', () => {
  it('updates set columns and merge metadata, queue one outbox row each, and refuse unknown columns', () => {
    open();
    upsertContentRow(db, 'email_logs', { id: 'e1', subject: 'Order', status: 'draft_created', metadata: '{"classified_by":"agent"}' });
    enableOutbox(db);
    const notes = db.transaction(() =>
      applyWriteBacks(
        db,
        [
          { op: 'update', table: 'email_logs', id: 'e1', set: { status: 'sent', colour: 'red' }, mergeMetadata: { gmail_message_id: 'm1', sent_via: 'gmail', sent_at: now.toISOString() } },
          { op: 'update', table: 'email_logs', id: 'not-here', set: { status: 'sent' } },
          { op: 'insert', table: 'outreach_tracking', row: { influencer_id: 'i1', channel: 'email', message_sent: '<p>Hi</p>', metadata: { brevo_message_id: 'b1' } } },
        ],
        now,
      ),
    )();
    expect(notes).toEqual(['email_logs: unknown column(s) colour refused', 'email_logs row not-here is not here (never synced or deleted): not written back']);
    const row = db.prepare('SELECT status, metadata, updated_at FROM email_logs WHERE id = ?').get('e1') as { status: string; metadata: string; updated_at: string };
    expect(row.status).toBe('sent');
    expect(JSON.parse(row.metadata)).toEqual({ classified_by: 'agent', gmail_message_id: 'm1', sent_via: 'gmail', sent_at: now.toISOString() });
    expect(row.updated_at).toBe(now.toISOString());
    const queued = outbox();
    expect(queued.map((r) => [r.entity, r.op])).toEqual([['email_logs', 'update'], ['outreach_tracking', 'insert']]);
    expect(JSON.parse(queued[0]!.changed)).toEqual(['status', 'metadata', 'updated_at']);
    const inserted = JSON.parse(queued[1]!.payload) as Record<string, unknown>;
    expect(inserted).toMatchObject({ influencer_id: 'i1', channel: 'email', message_sent: '<p>Hi</p>', created_at: now.toISOString() });
    expect(JSON.parse(inserted.metadata as string)).toEqual({ brevo_message_id: 'b1' });
    expect(inserted.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('rows the sync applies from the remote are never queued', () => {
    open();
    enableOutbox(db);
    applyingRemote(db, () => upsertContentRow(db, 'social_posts', { id: 'p1', content: 'from the cloud' }));
    applyingRemote(db, () => upsertContentRow(db, 'social_posts', { id: 'p1', content: 'changed on the cloud' }));
    expect(outbox()).toEqual([]);
  });
});
