/**
 * A newsletter task (Marketing Agent, action or task_type 'send_newsletter'): content from the
 * task's metadata (subject, html_content, preview_text) or else from the referenced
 * newsletter_drafts row (draft_id), in either shape the cloud has (cloud-contract.md):
 * - 003 (the cloud's real table): columns subject_line, html_content, content, preview_text;
 * - 008: a `data` jsonb {subject_line, content, preview_text} and metadata {brevo_campaign_id, recipients_count}.
 * Recipients: list_ids (Brevo list ids), default the connection's list. Optional scheduled_for.
 */
import { z } from 'zod';

export type DraftShape = '003' | '008';

export interface NewsletterSend {
  kind: 'send_newsletter';
  taskId: string;
  subject: string;
  html: string;
  previewText: string | null;
  /** Empty: the connection's default list (BREVO_LIST_ID). */
  listIds: number[];
  scheduledFor: Date | null;
  draftId: string | null;
  /** Which shape the referenced row has (for the write-back), null without a row. */
  draftShape: DraftShape | null;
  /** Where the content came from, for the preview ("metadata" or "newsletter_drafts 42 (003)"). */
  source: string;
}

export const listIdsSchema = z
  .union([z.array(z.union([z.number(), z.string()])), z.string(), z.number()])
  .transform((value, context) => {
    const items = Array.isArray(value) ? value : typeof value === 'number' ? [value] : value.split(',');
    const ids: number[] = [];
    for (const item of items) {
      const text = String(item).trim();
      if (!text) continue;
      if (!/^\d+$/.test(text) || Number(text) < 1) context.addIssue({ code: 'custom', message: `"${text.slice(0, 40)}" is not a Brevo list id (a positive whole number)` });
      else ids.push(Number(text));
    }
    return [...new Set(ids)];
  });

export const isoDateSchema = z
  .string()
  .trim()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'expected an ISO-8601 date and time')
  .transform((value) => new Date(value));

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value : null);

const escapeHtml = (value: string) => value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** Plain text (a draft's `content` without markup) as simple HTML paragraphs; HTML is kept as is. */
export function asHtml(content: string): string {
  if (/<[a-z!][\s\S]*>/i.test(content)) return content;
  return content
    .split(/\n{2,}/)
    .map((paragraph) => `<p>${escapeHtml(paragraph.trim()).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
}

/** The draft row's fields, whichever shape it has. */
export function readDraft(row: Record<string, unknown>): { shape: DraftShape; subject: string | null; html: string | null; previewText: string | null } {
  const data = row.data && typeof row.data === 'object' ? (row.data as Record<string, unknown>) : null;
  if (data && !('subject_line' in row)) {
    const content = text(data.html_content) ?? text(data.content);
    return { shape: '008', subject: text(data.subject_line) ?? text(data.subject), html: content ? asHtml(content) : null, previewText: text(data.preview_text) };
  }
  const content = text(row.html_content) ?? text(row.content);
  return { shape: '003', subject: text(row.subject_line), html: content ? asHtml(content) : null, previewText: text(row.preview_text) };
}
