/**
 * The Marketing Agent's sends through Brevo: newsletters (action or task_type 'send_newsletter',
 * draft_id = newsletter_drafts.id) and influencer outreach (influencer_id, message_template).
 * Brevo is not connected yet: outside dry-run these fail with a clear message.
 */
import { z } from 'zod';
import type { LimitKey } from '../../../../shared/domain';
import { notConnectedError } from '../not-connected';
import { looseId, metadataPayload } from '../payload';
import type { ChannelHandler } from '../types';

export interface MarketingSend {
  kind: 'send_newsletter' | 'influencer_outreach';
  draftId: string | null;
  influencerId: string | null;
  subject: string | null;
  html: string | null;
  recipientCount: number | null;
}

const marketingPayloadSchema = metadataPayload(
  {
    action: z.string().optional(),
    task_type: z.string().optional(),
    draft_id: looseId.optional(),
    influencer_id: looseId.optional(),
    subject: z.string().optional(),
    message_template: z.string().max(500_000).optional(),
    recipient_count: z.coerce.number().int().min(0).optional(),
  },
  (metadata, task) => ({
    kind: (metadata.task_type ?? metadata.action) as MarketingSend['kind'],
    draftId: metadata.draft_id ?? null,
    influencerId: metadata.influencer_id ?? null,
    subject: metadata.subject ?? task.title,
    html: metadata.message_template ?? null,
    recipientCount: metadata.recipient_count ?? null,
  }),
).superRefine((send, context) => {
  if (send.kind !== 'send_newsletter' && send.kind !== 'influencer_outreach') {
    context.addIssue({ code: 'custom', path: ['metadata', 'action'], message: 'expected action or task_type send_newsletter or influencer_outreach' });
  } else if (send.kind === 'send_newsletter' && !send.draftId) {
    context.addIssue({ code: 'custom', path: ['metadata', 'draft_id'], message: 'a newsletter needs draft_id (newsletter_drafts.id)' });
  } else if (send.kind === 'influencer_outreach' && !send.influencerId) {
    context.addIssue({ code: 'custom', path: ['metadata', 'influencer_id'], message: 'outreach needs influencer_id' });
  }
});

export const brevoHandler: ChannelHandler<MarketingSend> = {
  id: 'brevo',
  name: 'Brevo',
  agent: 'Marketing Agent',
  payloadSchema: marketingPayloadSchema,
  limitKeys: (send): LimitKey[] => [send.kind === 'send_newsletter' ? 'newsletter_send' : 'influencer_outreach'],
  preview: (send) => ({
    channel: 'brevo',
    summary:
      send.kind === 'send_newsletter'
        ? `Send newsletter draft ${send.draftId}${send.recipientCount !== null ? ` to ${send.recipientCount} recipients` : ''}`
        : `Send outreach to influencer ${send.influencerId}`,
    detail: { kind: 'newsletter', subject: send.subject, recipientCount: send.recipientCount, draftId: send.draftId, html: send.html },
  }),
  async execute(send) {
    throw notConnectedError('Brevo', send.kind === 'send_newsletter' ? 'sending newsletters' : 'influencer outreach');
  },
};
