/**
 * The Marketing Agent's task, parsed: a newsletter (newsletter-payload.ts) or an influencer
 * outreach e-mail (outreach-payload.ts). Everything the send needs is resolved here from the
 * metadata and the referenced content rows, so a bad task fails before approval naming the field.
 */
import { z } from 'zod';
import { looseId, taskInputSchema } from '../payload';
import type { TaskInput } from '../types';
import { isoDateSchema, listIdsSchema, readDraft, type NewsletterSend } from './newsletter-payload';
import { fillPlaceholders, findAddress, influencerFields, isEmail, type OutreachSend } from './outreach-payload';

export type MarketingSend = NewsletterSend | OutreachSend;

const metadataSchema = z.looseObject({
  action: z.string().optional(),
  task_type: z.string().optional(),
  draft_id: looseId.optional(),
  influencer_id: looseId.optional(),
  subject: z.string().trim().max(998).refine((value) => !/[\r\n]/.test(value), 'the subject must be one line').optional(),
  html_content: z.string().max(5_000_000).optional(),
  preview_text: z.string().max(1000).optional(),
  list_ids: listIdsSchema.optional(),
  scheduled_for: isoDateSchema.nullable().optional(),
  message_template: z.string().max(500_000).optional(),
  to: z.string().trim().max(320).optional(),
  name: z.string().trim().max(200).optional(),
  recipient_count: z.coerce.number().int().min(0).optional(),
});

type Metadata = z.infer<typeof metadataSchema>;
type Context = z.RefinementCtx;

const issue = (context: Context, path: string[], message: string) => context.addIssue({ code: 'custom', path, message });

function newsletter(task: TaskInput, metadata: Metadata, context: Context): NewsletterSend | typeof z.NEVER {
  const draftId = metadata.draft_id ?? null;
  const row = draftId ? task.content?.newsletter_drafts : undefined;
  if (draftId && row === null) {
    issue(context, ['metadata', 'draft_id'], `newsletter_drafts row ${draftId} does not exist`);
    return z.NEVER;
  }
  const draft = row ? readDraft(row) : null;
  const subject = metadata.subject ?? draft?.subject ?? null;
  const html = metadata.html_content ?? draft?.html ?? null;
  const where = draftId ? (row ? `newsletter_drafts ${draftId}` : `newsletter_drafts ${draftId} (not synced here)`) : null;
  if (!subject) issue(context, ['metadata', 'subject'], `a newsletter needs a subject (metadata.subject${where ? ` or the subject_line of ${where}` : ' or draft_id'})`);
  if (!html?.trim()) issue(context, ['metadata', 'html_content'], `a newsletter needs content (metadata.html_content${where ? ` or the html_content/content of ${where}` : ' or draft_id'})`);
  if (!subject || !html?.trim()) return z.NEVER;
  return {
    kind: 'send_newsletter',
    taskId: task.id,
    subject,
    html,
    previewText: metadata.preview_text ?? draft?.previewText ?? null,
    listIds: metadata.list_ids ?? [],
    scheduledFor: metadata.scheduled_for ?? null,
    draftId,
    draftShape: draft?.shape ?? null,
    source: metadata.html_content && metadata.subject ? 'task metadata' : `${where} (shape ${draft?.shape})`,
  };
}

function outreach(task: TaskInput, metadata: Metadata, context: Context): OutreachSend | typeof z.NEVER {
  const influencerId = metadata.influencer_id ?? null;
  const row = influencerId ? task.content?.influencer_opportunities : undefined;
  if (influencerId && row === null) {
    issue(context, ['metadata', 'influencer_id'], `influencer_opportunities row ${influencerId} does not exist`);
    return z.NEVER;
  }
  const influencer = row ? influencerFields(row) : null;
  const fields: Record<string, string> = { ...(influencer?.fields ?? {}) };
  if (metadata.name) fields.name = metadata.name;
  if (fields.name && !fields.first_name) fields.first_name = fields.name.split(/\s+/)[0]!;
  let email: string | null = null;
  const looked: string[] = ['task metadata.to'];
  const to = metadata.to;
  if (to !== undefined) {
    if (isEmail(to)) email = to.trim();
    else issue(context, ['metadata', 'to'], `"${to.slice(0, 80)}" is not an e-mail address`);
  }
  if (!email && metadata.to === undefined) {
    const found = findAddress(row ?? null, influencer?.shape ?? null, influencerId);
    looked.push(...(row ? found.looked : influencerId ? [`influencer_opportunities ${influencerId} (not synced here)`] : ['no influencer_id']));
    email = found.email;
    if (!email) issue(context, ['metadata', 'to'], `no e-mail address for this influencer: looked in ${looked.join(', ')}`);
  }
  if (email) fields.email ??= email;
  if (!metadata.message_template?.trim()) issue(context, ['metadata', 'message_template'], 'outreach needs message_template (the HTML message)');
  if (!email || !metadata.message_template?.trim()) return z.NEVER;
  const body = fillPlaceholders(metadata.message_template, fields, true);
  const subject = fillPlaceholders(metadata.subject ?? task.title, fields, false);
  const missing = [...new Set([...subject.missing, ...body.missing])];
  if (missing.length > 0) {
    const known = Object.keys(fields).sort().join(', ') || 'none';
    issue(context, ['metadata', body.missing.length ? 'message_template' : 'subject'], `placeholders left unfilled: ${missing.map((name) => `{{${name}}}`).join(', ')} (the influencer has: ${known})`);
    return z.NEVER;
  }
  return {
    kind: 'influencer_outreach',
    taskId: task.id,
    to: { email, name: fields.name ?? null },
    subject: subject.text,
    html: body.text,
    influencerId,
    influencerShape: influencer?.shape ?? null,
    filled: { ...subject.used, ...body.used },
  };
}

/** Parses a Marketing Agent task; a failure names each bad field (metadata.to, metadata.message_template…). */
export const marketingPayloadSchema = taskInputSchema
  .extend({ metadata: metadataSchema, content: z.record(z.string(), z.record(z.string(), z.unknown()).nullable()).optional() })
  .transform((input, context): MarketingSend => {
    const task = input as unknown as TaskInput;
    const metadata = input.metadata;
    const kind = metadata.task_type ?? metadata.action;
    if (kind === 'send_newsletter') return newsletter(task, metadata, context);
    if (kind === 'influencer_outreach') return outreach(task, metadata, context);
    issue(context, ['metadata', 'action'], 'expected action or task_type send_newsletter or influencer_outreach');
    return z.NEVER;
  }) as unknown as z.ZodType<MarketingSend, TaskInput>;
