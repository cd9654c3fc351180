/**
 * Email Agent tasks until the Gmail channel is wired in: parses the cloud's metadata (draft_id or
 * to/subject/body) for previews and dry runs; outside dry-run it fails with "no Gmail account connected".
 */
import { z } from 'zod';
import { notConnectedError } from './not-connected';
import { metadataPayload } from './payload';
import type { ChannelHandler } from './types';

interface EmailTask {
  draftId: string | null;
  to: string[];
  subject: string;
  text: string | null;
  scheduledFor: Date | null;
}

const emailSchema = metadataPayload(
  {
    draft_id: z.string().trim().min(1).optional(),
    to: z.union([z.string().email(), z.array(z.string().email())]).optional(),
    subject: z.string().optional(),
    body_text: z.string().optional(),
    scheduled_for: z.iso.datetime({ offset: true }).optional(),
  },
  (metadata, task): EmailTask => ({
    draftId: metadata.draft_id ?? null,
    to: metadata.to === undefined ? [] : Array.isArray(metadata.to) ? metadata.to : [metadata.to],
    subject: metadata.subject ?? task.title,
    text: metadata.body_text ?? task.description ?? null,
    scheduledFor: metadata.scheduled_for ? new Date(metadata.scheduled_for) : null,
  }),
).superRefine((email, context) => {
  if (!email.draftId && email.to.length === 0) context.addIssue({ code: 'custom', path: ['metadata', 'draft_id'], message: 'an email task needs draft_id (a Gmail draft) or to (recipients)' });
});

export const interimEmailHandler: ChannelHandler<EmailTask> = {
  id: 'gmail',
  name: 'Gmail',
  agent: 'Email Agent',
  payloadSchema: emailSchema,
  limitKeys: () => ['email_send'],
  notBefore: (email) => email.scheduledFor,
  preview: (email) => ({
    channel: 'gmail',
    summary: email.draftId ? `Send Gmail draft ${email.draftId}` : `Send "${email.subject}" to ${email.to.join(', ')}`,
    detail: { kind: 'email', from: null, to: email.to, cc: [], subject: email.subject, text: email.text, html: null, threadId: null, inReplyTo: null, draftId: email.draftId, scheduledFor: email.scheduledFor?.toISOString() ?? null },
  }),
  async execute() {
    throw notConnectedError('Gmail', 'sending email');
  },
};
