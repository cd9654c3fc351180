/**
 * Sending without ever sending twice. Gmail takes no idempotency key, so:
 * - a composed message carries our own Message-ID (one per task) and Sent is searched for it
 *   before every send and after any ambiguous failure;
 * - a draft's identity (message id, Message-ID, thread) is journalled before drafts.send, and a
 *   draft that no longer exists is looked up as a sent message;
 * - the send itself is never retried by the client (`retry: false`); the executor decides.
 */
import type { gmail_v1 } from '@googleapis/gmail';
import { permanent, retryable, unknownOutcome, type ChannelError } from '../errors';
import type { ExecutionContext, ExecutionOutcome } from '../types';
import type { GmailAccount } from './gmail-account';
import { reconnectMessage } from './gmail-config';
import { describeFailure, isRateLimited, provablyNotSent, type GmailFailure } from './gmail-errors';
import { findByMessageId, getDraft, getMessage, headerOf, type FoundMessage } from './gmail-lookup';
import type { ComposedEmail, DraftEmail, GmailPayload } from './gmail-payload';
import { composeMime, messageIdFor, toBase64Url } from './mime';
import type { SendJournal, SendJournalEntry } from './send-journal';

/** How long a task waits after Google rejected the refresh token (the executor then holds it). Default: 1 h. */
export const reconnectRetryMs = 3_600_000;

export interface GmailSendHooks {
  /** Called once per invalid_grant with the message the executor will hold tasks with. */
  onReconnectNeeded?: (message: string) => void;
}

const describe = (failure: GmailFailure) => (failure.status !== null ? `answered ${failure.status} (${failure.message})` : `connection failed (${failure.codes.join(', ') || failure.message})`);

export class GmailSender {
  constructor(
    private readonly account: GmailAccount,
    private readonly journal: SendJournal,
    private readonly hooks: GmailSendHooks = {},
  ) {}

  async execute(payload: GmailPayload, context: ExecutionContext): Promise<ExecutionOutcome> {
    const { api } = await this.account.api();
    return payload.kind === 'compose' ? this.sendComposed(api, payload, context) : this.sendDraft(api, payload, context);
  }

  /** A failure that says for certain what happened, or null when Gmail may have acted. */
  async knownFailure(failure: GmailFailure, context: ExecutionContext): Promise<ChannelError | null> {
    const details = failure.details;
    if (failure.oauthError === 'invalid_grant') {
      const message = reconnectMessage(failure.message);
      await this.account.markReconnectNeeded(failure.message, context.now());
      this.hooks.onReconnectNeeded?.(message);
      return retryable(message, { retryAfterMs: reconnectRetryMs, details });
    }
    if (failure.oauthError) return permanent(`Google rejected the OAuth client (${failure.message}): check GMAIL_CLIENT_ID and GMAIL_CLIENT_SECRET`, { details });
    if (isRateLimited(failure)) return retryable(`Gmail rate limit (${failure.status}): ${failure.message}`, { retryAfterMs: failure.retryAfterMs, details });
    if (provablyNotSent(failure)) return retryable(`Could not reach Gmail (${failure.codes.join(', ')}): nothing was sent`, { details });
    if (failure.status === 401) return permanent(`Gmail rejected the credentials (401): ${failure.message}. Reconnect the account`, { details });
    if (failure.status === 403 && /insufficient/i.test(`${failure.reason ?? ''} ${failure.message}`)) {
      return permanent(`The Gmail authorization lacks a needed scope (${failure.message}): Mission Control needs gmail.modify to check Sent before sending. Reconnect Gmail in Settings → Channels (or \`mission-control channels connect gmail\`)`, { details });
    }
    if (failure.status === 403) return permanent(`Gmail refused the request (403${failure.reason ? ` ${failure.reason}` : ''}): ${failure.message}`, { details });
    if (failure.status !== null && failure.status >= 400 && failure.status < 500) return permanent(`Gmail rejected the request (${failure.status}): ${failure.message}`, { details });
    return null;
  }

  /** Runs a read before the send: whatever goes wrong, nothing was sent. */
  private async beforeSend<T>(work: () => Promise<T>, context: ExecutionContext): Promise<T> {
    try {
      return await work();
    } catch (error) {
      const failure = describeFailure(error);
      throw (await this.knownFailure(failure, context)) ?? retryable(`Gmail lookup before sending failed, nothing was sent: ${describe(failure)}`, { details: failure.details });
    }
  }

  private async sendComposed(api: gmail_v1.Gmail, email: ComposedEmail, context: ExecutionContext): Promise<ExecutionOutcome> {
    const messageId = messageIdFor(email.taskId);
    const existing = await this.beforeSend(() => findByMessageId(api, messageId, context.signal), context);
    if (existing) return outcomeOf(email, existing, messageId, context, { already_sent: true, evidence: `A message with Message-ID ${messageId} was already in the mailbox: not sent again` });
    const raw = composeMime(email, { date: context.now(), messageId });
    try {
      const sent = await api.users.messages.send(
        { userId: 'me', requestBody: { raw: toBase64Url(raw), threadId: email.threadId ?? undefined } },
        { retry: false, signal: context.signal },
      );
      return outcomeOf(email, { id: sent.data.id ?? '', threadId: sent.data.threadId ?? null, labelIds: sent.data.labelIds ?? [] }, messageId, context);
    } catch (error) {
      const failure = describeFailure(error);
      const known = await this.knownFailure(failure, context);
      if (known) throw known;
      const found = await findByMessageId(api, messageId).catch(() => null);
      if (found) return outcomeOf(email, found, messageId, context, { evidence: `Gmail ${describe(failure)}, but the message with Message-ID ${messageId} is in the mailbox` });
      throw unknownOutcome(`Gmail ${describe(failure)} after the message was submitted, and no message with Message-ID ${messageId} is in the mailbox yet. Check Sent before re-queueing (a re-queued task searches again first)`, {
        details: { ...failure.details, message_id_header: messageId },
      });
    }
  }

  private async sendDraft(api: gmail_v1.Gmail, email: DraftEmail, context: ExecutionContext): Promise<ExecutionOutcome> {
    const draft = await this.beforeSend(() => getDraft(api, email.draftId, 'metadata', context.signal), context);
    if (!draft) {
      const entry = await this.journal.get(email.taskId);
      const found = entry?.draftId === email.draftId ? await this.beforeSend(() => locateSentDraft(api, entry), context) : null;
      if (found) return outcomeOf(email, found, entry?.messageIdHeader ?? null, context, { already_sent: true, evidence: `Draft ${email.draftId} was already sent (message ${found.id})` });
      throw permanent(`Gmail draft ${email.draftId} no longer exists: it was sent or deleted outside Mission Control`);
    }
    const entry: SendJournalEntry = {
      taskId: email.taskId,
      draftId: email.draftId,
      draftMessageId: draft.message?.id ?? null,
      messageIdHeader: headerOf(draft.message, 'Message-ID'),
      threadId: draft.message?.threadId ?? null,
      at: context.now().toISOString(),
    };
    await this.beforeSend(() => this.journal.record(entry, context.now()), context);
    try {
      const sent = await api.users.drafts.send({ userId: 'me', requestBody: { id: email.draftId } }, { retry: false, signal: context.signal });
      return outcomeOf(email, { id: sent.data.id ?? '', threadId: sent.data.threadId ?? null, labelIds: sent.data.labelIds ?? [] }, entry.messageIdHeader, context);
    } catch (error) {
      const failure = describeFailure(error);
      const known = await this.knownFailure(failure, context);
      if (known) throw known;
      const stillThere = await getDraft(api, email.draftId, 'metadata').catch(() => undefined);
      if (stillThere) throw retryable(`Gmail ${describe(failure)}; draft ${email.draftId} is still in Drafts, so nothing was sent`, { details: failure.details });
      const found = stillThere === null ? await locateSentDraft(api, entry).catch(() => null) : null;
      if (found) return outcomeOf(email, found, entry.messageIdHeader, context, { evidence: `Gmail ${describe(failure)}, but draft ${email.draftId} was sent as message ${found.id}` });
      throw unknownOutcome(`Gmail ${describe(failure)} while sending draft ${email.draftId}; it could not be established whether it went out. Check Sent`, {
        details: { ...failure.details, journal: entry, draft_still_exists: stillThere === undefined ? 'unknown' : false },
      });
    }
  }
}

/** The sent message of a journalled draft: by its Gmail id (with the SENT label), else by its Message-ID. */
export async function locateSentDraft(api: gmail_v1.Gmail, entry: SendJournalEntry): Promise<FoundMessage | null> {
  if (entry.draftMessageId) {
    const message = await getMessage(api, entry.draftMessageId);
    if (message?.labelIds.includes('SENT')) return message;
  }
  if (entry.messageIdHeader) {
    const found = await findByMessageId(api, entry.messageIdHeader);
    if (found && found.id !== entry.draftMessageId) return found;
    if (found) {
      const message = await getMessage(api, found.id);
      if (message?.labelIds.includes('SENT')) return message;
    }
  }
  return null;
}

/** The execution outcome, with the fields the cloud writes into email_logs.metadata after a send. */
export function outcomeOf(
  email: GmailPayload,
  message: FoundMessage,
  messageIdHeader: string | null,
  context: Pick<ExecutionContext, 'now'>,
  extra: Record<string, unknown> = {},
): ExecutionOutcome {
  const sentAt = context.now().toISOString();
  const logMetadata = { gmail_message_id: message.id, sent_via: 'gmail', sent_at: sentAt };
  return {
    // What the cloud executor wrote to email_logs after a send; a composed message (the agent's or
    // Kenny's edit) also keeps what went out, since Gmail holds no draft of it.
    writeBack: email.emailId
      ? [{ op: 'update', table: 'email_logs', id: email.emailId, set: { status: 'sent' }, mergeMetadata: email.kind === 'compose' ? { ...logMetadata, sent_message: sentMessage(email) } : logMetadata }]
      : [],
    externalId: message.id,
    externalUrl: `https://mail.google.com/mail/u/0/#all/${message.id}`,
    result: {
      ...logMetadata,
      thread_id: message.threadId,
      message_id_header: messageIdHeader,
      draft_id: email.kind === 'draft' ? email.draftId : null,
      email_id: email.emailId,
      email_category: email.category,
      // What the cloud does to email_logs after a send; applied by Supabase sync when it exists.
      email_log_update: email.emailId ? { id: email.emailId, status: 'sent', metadata: logMetadata } : null,
      ...extra,
    },
  };
}

function sentMessage(email: ComposedEmail): Record<string, unknown> {
  const list = (addresses: ComposedEmail['to']) => addresses.map((a) => (a.name ? `${a.name} <${a.email}>` : a.email));
  return { to: list(email.to), cc: list(email.cc), bcc: list(email.bcc), subject: email.subject, text: email.text, html: email.html };
}
