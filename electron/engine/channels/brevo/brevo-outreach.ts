/**
 * Outreach as a Brevo transactional e-mail (POST /smtp/email), used when Gmail is not connected
 * and Brevo is. Brevo processes a request once per `headers.idempotencyKey` (a UUID) for its
 * time-to-live (15 minutes documented; 30 for batches): the key is derived from the task, so a
 * resend of the same task within that window cannot deliver twice.
 */
import { createHash } from 'node:crypto';
import { permanent, unknownOutcome } from '../errors';
import type { ContentWriteBack, ExecutionContext, ExecutionOutcome, ReconcileResult } from '../types';
import type { BrevoConnection } from './brevo-connection';
import { knownBrevoFailure } from './brevo-errors';
import type { OutreachMailer } from './gmail-outreach';
import type { OutreachSend } from './outreach-payload';

/** Brevo's documented idempotency window for /smtp/email. */
export const idempotencyTtlMs = 15 * 60_000;

/** A UUID-shaped key derived from the task (Brevo wants a UUID), the same for every attempt. */
export function transactionalKey(taskId: string): string {
  const hex = createHash('sha256').update(`outreach:${taskId}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export function brevoOutreachMailer(connection: BrevoConnection): OutreachMailer {
  return {
    via: 'brevo',
    unavailableReason: () => connection.unavailableReason(),
    from: async () => (await connection.config())?.sender?.email ?? null,
    async send(email, context) {
      const config = await connection.config();
      if (!config) throw permanent('No Brevo account connected: connect Brevo in Settings → Channels');
      const sender = config.sender ?? { email: (await config.client.getAccount(context.signal)).email ?? '', name: null };
      const key = transactionalKey(email.taskId);
      context.recordProgress({ idempotencyKey: key, submittedAt: context.now().toISOString(), via: 'brevo' });
      try {
        const sent = await config.client.sendTransactional(
          {
            sender: sender.name ? { email: sender.email, name: sender.name } : { email: sender.email },
            to: [email.to.name ? { email: email.to.email, name: email.to.name } : { email: email.to.email }],
            subject: email.subject,
            htmlContent: email.html,
            headers: { idempotencyKey: key },
            tags: ['influencer_outreach'],
          },
          context.signal,
        );
        const messageId = sent.messageId ?? sent.messageIds?.[0] ?? key;
        return { externalId: messageId, externalUrl: null, result: { sent_via: 'brevo_smtp', message_id: messageId, idempotency_key: key, sent_at: context.now().toISOString() } };
      } catch (error) {
        const known = knownBrevoFailure(error, 'sending the outreach e-mail');
        if (known) throw known;
        throw unknownOutcome(`Brevo failed after the outreach e-mail was submitted (${error instanceof Error ? error.message : String(error)}); it may have gone out. A re-queue within 15 minutes is deduplicated by Brevo (idempotency key ${key})`, { details: { idempotencyKey: key } });
      }
    },
    async reconcile(_email, context): Promise<ReconcileResult> {
      return { status: 'unknown', evidence: `Brevo cannot be asked whether the e-mail went out; it was submitted with idempotency key ${context.idempotencyKey}` };
    },
  };
}

/** The cloud's write-back after outreach: the influencer 'contacted' and an outreach_tracking row. */
export function outreachWriteBack(email: OutreachSend, at: string): ContentWriteBack[] {
  if (!email.influencerId) return [];
  return [
    email.influencerShape === '008'
      ? { op: 'update', table: 'influencer_opportunities', id: email.influencerId, set: { status: 'contacted' }, mergeMetadata: { outreach_date: at } }
      : { op: 'update', table: 'influencer_opportunities', id: email.influencerId, set: { status: 'contacted', outreach_date: at } },
    { op: 'insert', table: 'outreach_tracking', row: { influencer_id: email.influencerId, channel: 'email', message_sent: email.html, status: 'sent', sent_at: at, metadata: { subject: email.subject, to: email.to.email } } },
  ];
}

/** Adds the write-back to a mailer's outcome. */
export function withOutreachWriteBack(email: OutreachSend, outcome: ExecutionOutcome, context: Pick<ExecutionContext, 'now'>): ExecutionOutcome {
  return { ...outcome, writeBack: [...(outcome.writeBack ?? []), ...outreachWriteBack(email, context.now().toISOString())] };
}
