/**
 * The full preview of a draft send. A draft's content lives in Gmail, so the pure preview() can
 * only name the draft; this loads what will actually go out (From, To, Cc, Subject, text and
 * HTML) for the approvals inbox and the dry-run record.
 */
import type { gmail_v1 } from '@googleapis/gmail';
import type { ExecutionPreview } from '../../../../shared/preview';
import { permanent } from '../errors';
import { getDraft, headerOf } from './gmail-lookup';
import { previewEmail, type GmailPayload } from './gmail-payload';

function bodies(part: gmail_v1.Schema$MessagePart | undefined, found: { text: string | null; html: string | null }): void {
  if (!part) return;
  const data = part.body?.data;
  const isAttachment = !!part.filename;
  if (data && !isAttachment && part.mimeType === 'text/plain' && found.text === null) found.text = Buffer.from(data, 'base64url').toString('utf8');
  if (data && !isAttachment && part.mimeType === 'text/html' && found.html === null) found.html = Buffer.from(data, 'base64url').toString('utf8');
  for (const child of part.parts ?? []) bodies(child, found);
}

const list = (value: string | null) => (value ? value.split(/,(?=(?:[^"]*"[^"]*")*[^"]*$)/).map((item) => item.trim()).filter(Boolean) : []);

/** What a payload will send, loaded from Gmail for drafts. Throws (permanent) when the draft is gone. */
export async function loadEmailPreview(api: gmail_v1.Gmail, payload: GmailPayload, signal?: AbortSignal): Promise<ExecutionPreview> {
  if (payload.kind === 'compose') return previewEmail(payload);
  const draft = await getDraft(api, payload.draftId, 'full', signal);
  if (!draft?.message) throw permanent(`Gmail draft ${payload.draftId} no longer exists: it was sent or deleted outside Mission Control`);
  const message = draft.message;
  const found = { text: null as string | null, html: null as string | null };
  bodies(message.payload, found);
  const to = list(headerOf(message, 'To'));
  const subject = headerOf(message, 'Subject') ?? '';
  return {
    channel: 'gmail',
    summary: `Send Gmail draft ${payload.draftId} to ${to.join(', ') || '(no recipient)'} ("${subject}")`,
    detail: {
      kind: 'email',
      from: headerOf(message, 'From'),
      to,
      cc: [...list(headerOf(message, 'Cc')), ...list(headerOf(message, 'Bcc')).map((address) => `bcc: ${address}`)],
      subject,
      text: found.text,
      html: found.html,
      threadId: message.threadId ?? null,
      inReplyTo: headerOf(message, 'In-Reply-To'),
      draftId: payload.draftId,
      scheduledFor: payload.scheduledFor?.toISOString() ?? null,
    },
  };
}
