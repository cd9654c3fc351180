/**
 * Outreach as a personal e-mail from Kenny's own Gmail account, through the Gmail channel's own
 * send and never-twice protocol (gmail-send.ts: our Message-ID per task, Sent searched before
 * sending and after an ambiguous failure; gmail-lookup.ts for reconciliation). Nothing of that
 * protocol is repeated here: this only builds the composed message.
 */
import { GmailAccount } from '../gmail/gmail-account';
import { findByMessageId } from '../gmail/gmail-lookup';
import type { ComposedEmail } from '../gmail/gmail-payload';
import { GmailSender, outcomeOf } from '../gmail/gmail-send';
import { messageIdFor } from '../gmail/mime';
import { SendJournal } from '../gmail/send-journal';
import type { ExecutionContext, ExecutionOutcome, ReconcileResult } from '../types';
import type { OutreachSend } from './outreach-payload';

/** How outreach goes out; the Brevo channel picks Gmail when it is connected. */
export interface OutreachMailer {
  readonly via: 'gmail' | 'brevo';
  /** Null when it can send now; otherwise why not. */
  unavailableReason(): Promise<string | null>;
  /** The From address the recipient will see (null when unknown until connected). */
  from(): Promise<string | null>;
  send(email: OutreachSend, context: ExecutionContext): Promise<ExecutionOutcome>;
  reconcile(email: OutreachSend, context: ExecutionContext): Promise<ReconcileResult>;
}

export function composedOutreach(email: OutreachSend): ComposedEmail {
  return {
    kind: 'compose',
    taskId: email.taskId,
    emailId: null,
    category: null,
    scheduledFor: null,
    to: [{ email: email.to.email, name: email.to.name }],
    cc: [],
    bcc: [],
    subject: email.subject,
    text: null,
    html: email.html,
    threadId: null,
    inReplyTo: null,
    references: [],
  };
}

/** The Gmail account of the Gmail channel (the same tokens and send journal). */
export function gmailOutreachMailer(account: GmailAccount): OutreachMailer {
  const sender = new GmailSender(account, new SendJournal(account.secrets));
  return {
    via: 'gmail',
    unavailableReason: async () => ((await account.token()) ? account.unavailableReason() : 'No Gmail account connected'),
    from: async () => (await account.token())?.email ?? null,
    send: async (email, context) => {
      const outcome = await sender.execute(composedOutreach(email), context);
      return { ...outcome, result: { ...outcome.result, sent_via: 'gmail_api' } };
    },
    async reconcile(email, context) {
      const { api } = await account.api();
      const messageId = messageIdFor(email.taskId);
      const found = await findByMessageId(api, messageId, context.signal);
      if (found) return { status: 'succeeded', outcome: outcomeOf(composedOutreach(email), found, messageId, context, { reconciled: true }), evidence: `message ${found.id} with Message-ID ${messageId} is in the mailbox` };
      return { status: 'not_sent', evidence: `no message with Message-ID ${messageId} in the mailbox (spam and trash included)` };
    },
  };
}
