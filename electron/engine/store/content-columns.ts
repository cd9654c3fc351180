/**
 * The cloud agents' content tables as the desktop keeps them (migration 0007): the cloud's names
 * and columns, with each column's Postgres type so sync can convert both ways. newsletter_drafts
 * and influencer_opportunities are the union of the two shapes the cloud's migrations define
 * (003's columns, and 008's `data` jsonb), so a row of either shape fits.
 */
import type { ContentTable } from '../channels/types';

/** Postgres types the content columns use (text[] is kept locally as a JSON array). */
export type ContentColumnType = 'uuid' | 'text' | 'timestamptz' | 'jsonb' | 'text[]' | 'integer' | 'numeric';

export const contentColumns: Record<ContentTable, Record<string, ContentColumnType>> = {
  email_logs: {
    id: 'uuid',
    gmail_message_id: 'text',
    from_email: 'text',
    to_email: 'text',
    subject: 'text',
    category: 'text',
    status: 'text',
    handled_by: 'text',
    payload: 'jsonb',
    metadata: 'jsonb',
    priority: 'text',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  },
  social_posts: {
    id: 'uuid',
    platform: 'text',
    content: 'text',
    media_urls: 'text[]',
    status: 'text',
    scheduled_for: 'timestamptz',
    published_at: 'timestamptz',
    post_url: 'text',
    engagement: 'jsonb',
    created_by: 'text',
    metadata: 'jsonb',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  },
  newsletter_drafts: {
    id: 'uuid',
    title: 'text',
    subject_line: 'text',
    preview_text: 'text',
    content: 'text',
    html_content: 'text',
    status: 'text',
    scheduled_for: 'timestamptz',
    sent_at: 'timestamptz',
    recipient_count: 'integer',
    open_rate: 'numeric',
    click_rate: 'numeric',
    ai_suggestions: 'jsonb',
    created_by: 'text',
    data: 'jsonb',
    metadata: 'jsonb',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  },
  influencer_opportunities: {
    id: 'uuid',
    name: 'text',
    platform: 'text',
    handle: 'text',
    follower_count: 'integer',
    engagement_rate: 'numeric',
    niche: 'text',
    status: 'text',
    outreach_date: 'timestamptz',
    response_date: 'timestamptz',
    campaign_start: 'timestamptz',
    campaign_end: 'timestamptz',
    budget_allocated: 'numeric',
    budget_spent: 'numeric',
    deliverables: 'jsonb',
    performance_metrics: 'jsonb',
    notes: 'text',
    managed_by: 'text',
    data: 'jsonb',
    metadata: 'jsonb',
    created_at: 'timestamptz',
    updated_at: 'timestamptz',
  },
  outreach_tracking: {
    id: 'uuid',
    influencer_id: 'uuid',
    channel: 'text',
    message_sent: 'text',
    status: 'text',
    sent_at: 'timestamptz',
    opened_at: 'timestamptz',
    replied_at: 'timestamptz',
    metadata: 'jsonb',
    created_at: 'timestamptz',
  },
};

/** Columns of `table` in declaration order. */
export function columnsOf(table: ContentTable): string[] {
  return Object.keys(contentColumns[table]);
}

/** Whether a local value of this type is stored as JSON text (parsed when read). */
export const isJsonType = (type: ContentColumnType) => type === 'jsonb' || type === 'text[]';
