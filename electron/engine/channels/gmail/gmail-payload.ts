/**
 * The Email Agent's tasks (cloud-contract.md): either a Gmail draft the cloud agent left
 * (metadata.draft_id, with email_id, email_category, scheduled_for) or a message composed from
 * metadata (to, cc, bcc, subject, body_text and/or body_html, thread_id, in_reply_to,
 * references). Everything is validated before anything is sent; a bad field fails the task
 * permanently with a message naming it.
 */
import { z } from 'zod';
import type { ExecutionPreview } from '../../../../shared/preview';
import { looseId, metadataPayload } from '../payload';
import { parseAddress, type MailAddress } from './mime-headers';

/** Our cap on a composed message's bodies (text + html). Default: 10 MB. */
export const maxBodyBytes = 10 * 1024 * 1024;
/** Recipients per message across to/cc/bcc (Gmail's own limit is 500 for consumer accounts). */
export const maxRecipients = 100;

interface Common {
  taskId: string;
  emailId: string | null;
  category: string | null;
  scheduledFor: Date | null;
}

export interface DraftEmail extends Common {
  kind: 'draft';
  draftId: string;
  /** What the task says about the draft (metadata.to / subject); Gmail holds the real content. */
  hints: { to: MailAddress[]; subject: string | null };
}

export interface ComposedEmail extends Common {
  kind: 'compose';
  to: MailAddress[];
  cc: MailAddress[];
  bcc: MailAddress[];
  subject: string;
  text: string | null;
  html: string | null;
  threadId: string | null;
  inReplyTo: string | null;
  references: string[];
}

export type GmailPayload = DraftEmail | ComposedEmail;

const headerText = (field: string) => z.string().trim().max(900).refine((value) => !/[\r\n]/.test(value), `${field} must be one line (no line breaks)`);

const addressList = z
  .union([z.string(), z.array(z.string())])
  .transform((value, context) => {
    const items = (Array.isArray(value) ? value : value.split(',')).map((item) => item.trim()).filter(Boolean);
    const parsed: MailAddress[] = [];
    for (const [index, item] of items.entries()) {
      const address = parseAddress(item);
      if (!address) context.addIssue({ code: 'custom', path: Array.isArray(value) ? [index] : [], message: `"${item.slice(0, 80)}" is not an e-mail address` });
      else parsed.push(address);
    }
    return parsed;
  });

const messageIdText = z
  .string()
  .trim()
  .regex(/^<?[^<>\s@]+@[^<>\s@]+>?$/, 'expected a Message-ID like <id@host>')
  .transform((id) => (id.startsWith('<') ? id : `<${id}>`));

const isoDate = z
  .string()
  .trim()
  .refine((value) => !Number.isNaN(Date.parse(value)), 'expected an ISO-8601 date and time')
  .transform((value) => new Date(value));

/** Parses a task into a draft send or a composed message; see the module comment for fields. */
export const gmailPayloadSchema = metadataPayload(
  {
    draft_id: looseId.optional(),
    email_id: looseId.optional(),
    email_category: z.string().trim().toLowerCase().optional(),
    scheduled_for: isoDate.nullable().optional(),
    to: addressList.optional(),
    cc: addressList.optional(),
    bcc: addressList.optional(),
    subject: headerText('subject').optional(),
    body_text: z.string().optional(),
    body_html: z.string().optional(),
    thread_id: looseId.optional(),
    in_reply_to: messageIdText.optional(),
    references: z.union([z.string(), z.array(z.string())]).optional(),
  },
  (metadata, task): GmailPayload | { invalid: string; path: string } => {
    const common: Common = {
      taskId: task.id,
      emailId: metadata.email_id ?? null,
      category: metadata.email_category ?? null,
      scheduledFor: metadata.scheduled_for ?? null,
    };
    // A task that points to an email_logs row the cloud no longer has must not run (issue 9).
    if (metadata.email_id && task.content && 'email_logs' in task.content && !task.content.email_logs) {
      return { invalid: `email_logs row ${metadata.email_id} does not exist (deleted on the cloud, or not synced yet)`, path: 'email_id' };
    }
    if (metadata.draft_id) {
      return { ...common, kind: 'draft', draftId: metadata.draft_id, hints: { to: metadata.to ?? [], subject: metadata.subject ?? null } };
    }
    const references = splitReferences(metadata.references);
    if (references === null) return { invalid: 'expected Message-IDs like <id@host>', path: 'references' };
    return {
      ...common,
      kind: 'compose',
      to: metadata.to ?? [],
      cc: metadata.cc ?? [],
      bcc: metadata.bcc ?? [],
      subject: metadata.subject ?? '',
      text: metadata.body_text ?? null,
      html: metadata.body_html ?? null,
      threadId: metadata.thread_id ?? null,
      inReplyTo: metadata.in_reply_to ?? null,
      references: references.length === 0 && metadata.in_reply_to ? [metadata.in_reply_to] : references,
    };
  },
)
  .superRefine((payload, context) => {
    const issue = (field: string, message: string) => context.addIssue({ code: 'custom', path: ['metadata', field], message });
    if ('invalid' in payload) return issue(payload.path, payload.invalid);
    if (payload.kind === 'draft') return;
    if (payload.to.length === 0) issue('to', 'required: a recipient (or metadata.draft_id to send a Gmail draft)');
    if (payload.to.length + payload.cc.length + payload.bcc.length > maxRecipients) issue('to', `more than ${maxRecipients} recipients`);
    if (!payload.subject) issue('subject', 'required for a composed message');
    if (!payload.text?.trim() && !payload.html?.trim()) issue('body_text', 'required: body_text or body_html (or metadata.draft_id)');
    const size = Buffer.byteLength(payload.text ?? '') + Buffer.byteLength(payload.html ?? '');
    if (size > maxBodyBytes) issue(payload.html ? 'body_html' : 'body_text', `the message is ${size} bytes; the limit is ${maxBodyBytes}`);
  })
  .transform((payload) => payload as GmailPayload) as unknown as z.ZodType<GmailPayload, import('../types').TaskInput>;

function splitReferences(value: string | string[] | undefined): string[] | null {
  if (value === undefined) return [];
  const items = (Array.isArray(value) ? value : value.split(/[\s,]+/)).map((item) => item.trim()).filter(Boolean);
  const ids: string[] = [];
  for (const item of items) {
    const parsed = messageIdText.safeParse(item);
    if (!parsed.success) return null;
    ids.push(parsed.data);
  }
  return ids;
}

const display = (address: MailAddress) => (address.name ? `${address.name} <${address.email}>` : address.email);

/** Exactly what goes out. For a draft, Gmail holds the content: see loadDraftPreview for the full text. */
export function previewEmail(payload: GmailPayload): ExecutionPreview {
  const scheduledFor = payload.scheduledFor?.toISOString() ?? null;
  if (payload.kind === 'draft') {
    const to = payload.hints.to.map(display);
    return {
      channel: 'gmail',
      summary: `Send Gmail draft ${payload.draftId}${to.length ? ` to ${to.join(', ')}` : ''}${payload.hints.subject ? ` ("${payload.hints.subject}")` : ''}`,
      detail: { kind: 'email', from: null, to, cc: [], subject: payload.hints.subject ?? `(content of Gmail draft ${payload.draftId})`, text: null, html: null, threadId: null, inReplyTo: null, draftId: payload.draftId, scheduledFor },
    };
  }
  const recipients = [...payload.to, ...payload.cc, ...payload.bcc].map(display);
  return {
    channel: 'gmail',
    summary: `Send "${payload.subject}" to ${recipients.join(', ')}${payload.threadId ? ' (reply in thread)' : ''}`,
    detail: {
      kind: 'email',
      from: null,
      to: payload.to.map(display),
      cc: [...payload.cc.map(display), ...payload.bcc.map((address) => `bcc: ${display(address)}`)],
      subject: payload.subject,
      text: payload.text,
      html: payload.html,
      threadId: payload.threadId,
      inReplyTo: payload.inReplyTo,
      draftId: null,
      scheduledFor,
    },
  };
}
