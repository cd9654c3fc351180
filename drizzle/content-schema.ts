/**
 * Migration 0007: the cloud agents' content tables (email_logs, social_posts, newsletter_drafts,
 * influencer_opportunities, outreach_tracking) with the cloud's names and columns, and
 * sync_content (the remote version of each synced row). Column types and conversions:
 * electron/engine/store/content-columns.ts. The outbox triggers are custom SQL in the migration.
 * No CHECK constraints: the remote enforces its own and every row it holds must fit here.
 */
import { sql } from 'drizzle-orm';
import { index, integer, primaryKey, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';

const nowIso = sql`(strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))`;
const stamps = { createdAt: text('created_at').default(nowIso), updatedAt: text('updated_at').default(nowIso) };

/** Cloud: inbound e-mails the Email Agent handled (task metadata.email_id). */
export const emailLogs = sqliteTable('email_logs', {
  id: text('id').primaryKey(),
  gmailMessageId: text('gmail_message_id'),
  fromEmail: text('from_email'),
  toEmail: text('to_email'),
  subject: text('subject'),
  category: text('category'),
  status: text('status'),
  handledBy: text('handled_by'),
  payload: text('payload'),
  metadata: text('metadata').default('{}'),
  priority: text('priority'),
  ...stamps,
});

/** Cloud: posts the Social Media Agent wrote (task metadata.post_id); media_urls is a JSON array. */
export const socialPosts = sqliteTable('social_posts', {
  id: text('id').primaryKey(),
  platform: text('platform'),
  content: text('content'),
  mediaUrls: text('media_urls'),
  status: text('status'),
  scheduledFor: text('scheduled_for'),
  publishedAt: text('published_at'),
  postUrl: text('post_url'),
  engagement: text('engagement'),
  createdBy: text('created_by'),
  metadata: text('metadata').default('{}'),
  ...stamps,
});

/** Cloud: newsletters (Marketing Agent metadata.draft_id); 003's columns plus 008's `data`. */
export const newsletterDrafts = sqliteTable('newsletter_drafts', {
  id: text('id').primaryKey(),
  title: text('title'),
  subjectLine: text('subject_line'),
  previewText: text('preview_text'),
  content: text('content'),
  htmlContent: text('html_content'),
  status: text('status'),
  scheduledFor: text('scheduled_for'),
  sentAt: text('sent_at'),
  recipientCount: integer('recipient_count'),
  openRate: real('open_rate'),
  clickRate: real('click_rate'),
  aiSuggestions: text('ai_suggestions'),
  createdBy: text('created_by'),
  data: text('data'),
  metadata: text('metadata').default('{}'),
  ...stamps,
});

/** Cloud: influencers (metadata.influencer_id); 003's columns plus 008's `data`. */
export const influencerOpportunities = sqliteTable('influencer_opportunities', {
  id: text('id').primaryKey(),
  name: text('name'),
  platform: text('platform'),
  handle: text('handle'),
  followerCount: integer('follower_count'),
  engagementRate: real('engagement_rate'),
  niche: text('niche'),
  status: text('status'),
  outreachDate: text('outreach_date'),
  responseDate: text('response_date'),
  campaignStart: text('campaign_start'),
  campaignEnd: text('campaign_end'),
  budgetAllocated: real('budget_allocated'),
  budgetSpent: real('budget_spent'),
  deliverables: text('deliverables'),
  performanceMetrics: text('performance_metrics'),
  notes: text('notes'),
  managedBy: text('managed_by'),
  data: text('data'),
  metadata: text('metadata').default('{}'),
  ...stamps,
});

/** Cloud (008): one row per outreach message sent; inserted by write-backs. */
export const outreachTracking = sqliteTable(
  'outreach_tracking',
  {
    id: text('id').primaryKey(),
    influencerId: text('influencer_id'),
    channel: text('channel'),
    messageSent: text('message_sent'),
    status: text('status'),
    sentAt: text('sent_at'),
    openedAt: text('opened_at'),
    repliedAt: text('replied_at'),
    metadata: text('metadata').default('{}'),
    createdAt: text('created_at').default(nowIso),
  },
  (t) => [index('idx_outreach_tracking_influencer').on(t.influencerId)],
);

/** Local (sync): md5 of each content row as the remote last held it (changes and deletions). */
export const syncContent = sqliteTable(
  'sync_content',
  {
    tableName: text('table_name').notNull(),
    rowId: text('row_id').notNull(),
    remoteHash: text('remote_hash'),
    seenAt: text('seen_at').notNull().default(nowIso),
  },
  (t) => [primaryKey({ columns: [t.tableName, t.rowId] })],
);
