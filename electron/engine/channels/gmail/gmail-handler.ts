/**
 * The Email Agent's channel: Gmail through the connected account. Until an account is connected,
 * execute() outside dry-run fails permanently with "No Gmail account connected", never a fake
 * success; after Google rejected its authorization, unavailableReason() holds email tasks.
 */
import type { ExecutionPreview } from '../../../../shared/preview';
import type { SecretStore } from '../../secrets/types';
import { parsePayload } from '../payload';
import type { ChannelHandler, ExecutionContext, ReconcileInput, ReconcileResult, TaskInput } from '../types';
import { loadEmailPreview } from './draft-preview';
import { GmailAccount, type GmailStatus } from './gmail-account';
import { gmailConfigFromEnv, type GmailConfig } from './gmail-config';
import { GmailConnection } from './gmail-connection';
import { findByMessageId, getDraft } from './gmail-lookup';
import { gmailPayloadSchema, previewEmail, type GmailPayload } from './gmail-payload';
import { GmailSender, locateSentDraft, outcomeOf, type GmailSendHooks } from './gmail-send';
import { messageIdFor } from './mime';
import { SendJournal } from './send-journal';

export interface GmailHandlerOptions extends GmailSendHooks {
  /** GMAIL_CLIENT_ID, GMAIL_CLIENT_SECRET, GMAIL_REFRESH_TOKEN, GMAIL_API_ROOT_URL, GOOGLE_OAUTH_TOKEN_URL, GOOGLE_OAUTH_AUTH_URL. Default: process.env. */
  env?: Record<string, string | undefined>;
  /** Where tokens and the send journal live (safeStorage in the app, a 0600 file headless). */
  secrets: SecretStore;
  /** Explicit settings that win over the environment (e.g. from the Settings page). */
  config?: Partial<GmailConfig>;
}

export interface GmailHandler extends ChannelHandler<GmailPayload> {
  readonly account: GmailAccount;
  readonly connection: GmailConnection;
  /** For the approvals inbox: the exact message a task would send, loaded from Gmail for drafts. */
  loadPreview(task: TaskInput): Promise<ExecutionPreview>;
  status(): Promise<GmailStatus>;
  /** Listens for "reconnect needed" (Google rejected the refresh token); returns an unsubscribe. */
  onReconnectNeeded(listener: (message: string) => void): () => void;
}

/** Whether a registered handler is this one (for wiring alerts after the engine is created). */
export const isGmailHandler = (handler: unknown): handler is GmailHandler =>
  typeof handler === 'object' && handler !== null && (handler as { id?: unknown }).id === 'gmail' && 'account' in handler && 'onReconnectNeeded' in handler;

/** Creates the Gmail handler. Register it in the engine's handler list. */
export function createGmailHandler(options: GmailHandlerOptions): GmailHandler {
  const account = new GmailAccount(gmailConfigFromEnv(options.env ?? process.env, options.config), options.secrets);
  const journal = new SendJournal(options.secrets);
  const listeners = new Set<(message: string) => void>();
  if (options.onReconnectNeeded) listeners.add(options.onReconnectNeeded);
  const sender = new GmailSender(account, journal, {
    onReconnectNeeded: (message) => {
      for (const listener of listeners) listener(message);
    },
  });

  return {
    id: 'gmail',
    name: 'Gmail',
    agent: 'Email Agent',
    account,
    connection: new GmailConnection(account),
    payloadSchema: gmailPayloadSchema,
    limitKeys: () => ['email_send'],
    notBefore: (payload) => payload.scheduledFor,
    preview: previewEmail,
    // Never connected: no hold, so execute() fails permanently with "No Gmail account connected"
    // (issue 2: a channel that cannot act says so). Once connected, a rejected authorization or
    // missing client credentials hold email tasks instead of failing them in a loop.
    unavailableReason: async () => ((await account.token()) ? account.unavailableReason() : null),
    execute: (payload, context) => sender.execute(payload, context),
    reconcile: (input, context) => reconcileSend(account, journal, input, context),
    status: () => account.status(),
    onReconnectNeeded(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    async loadPreview(task) {
      const parsed = parsePayload(gmailPayloadSchema, task);
      if (!parsed.ok) throw new Error(parsed.error);
      if (parsed.payload.kind === 'compose') return previewEmail(parsed.payload);
      const { api } = await account.api();
      return loadEmailPreview(api, parsed.payload);
    },
  };
}

/** After a crash between intent and outcome: was it sent? Never guesses "not sent" when it cannot know. */
async function reconcileSend(account: GmailAccount, journal: SendJournal, input: ReconcileInput, context: ExecutionContext): Promise<ReconcileResult> {
  const parsed = parsePayload(gmailPayloadSchema, input.task);
  if (!parsed.ok) return { status: 'unknown', evidence: `The task no longer parses (${parsed.error}); check Sent by hand` };
  const email = parsed.payload;
  const { api } = await account.api();
  if (email.kind === 'compose') {
    const messageId = messageIdFor(email.taskId);
    const found = await findByMessageId(api, messageId, context.signal);
    if (found) return { status: 'succeeded', outcome: outcomeOf(email, found, messageId, context, { reconciled: true }), evidence: `message ${found.id} with Message-ID ${messageId} is in the mailbox` };
    return { status: 'not_sent', evidence: `no message with Message-ID ${messageId} in the mailbox (spam and trash included)` };
  }
  const draft = await getDraft(api, email.draftId, 'metadata', context.signal);
  if (draft) return { status: 'not_sent', evidence: `Gmail draft ${email.draftId} is still in Drafts` };
  const entry = await journal.get(email.taskId);
  if (!entry || entry.draftId !== email.draftId) {
    return { status: 'unknown', evidence: `Gmail draft ${email.draftId} no longer exists and Mission Control never asked Gmail to send it: it was sent or deleted by hand` };
  }
  const found = await locateSentDraft(api, entry);
  if (found) return { status: 'succeeded', outcome: outcomeOf(email, found, entry.messageIdHeader, context, { reconciled: true }), evidence: `draft ${email.draftId} no longer exists and was sent as message ${found.id}` };
  return { status: 'unknown', evidence: `Gmail draft ${email.draftId} no longer exists, but no sent message ${entry.draftMessageId ?? ''} ${entry.messageIdHeader ?? ''} was found` };
}
