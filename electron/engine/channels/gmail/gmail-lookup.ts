/**
 * Read-only Gmail lookups that establish whether something was sent: a message by our
 * Message-ID (`rfc822msgid:` search, spam and trash included), a draft by id, a message by id.
 * These are safe to retry, so Gmail's client may retry them as usual.
 */
import type { gmail_v1 } from '@googleapis/gmail';
import { describeFailure } from './gmail-errors';

export interface FoundMessage {
  id: string;
  threadId: string | null;
  labelIds: string[];
}

const bare = (messageId: string) => messageId.replace(/^<|>$/g, '');

/** The message with this Message-ID header anywhere in the mailbox, or null. */
export async function findByMessageId(api: gmail_v1.Gmail, messageId: string, signal?: AbortSignal): Promise<FoundMessage | null> {
  const response = await api.users.messages.list({ userId: 'me', q: `rfc822msgid:${bare(messageId)}`, includeSpamTrash: true, maxResults: 5 }, { signal });
  const first = response.data.messages?.[0];
  if (!first?.id) return null;
  return { id: first.id, threadId: first.threadId ?? null, labelIds: [] };
}

/** The draft with its headers, or null when Gmail says it does not exist (sent or deleted). */
export async function getDraft(api: gmail_v1.Gmail, draftId: string, format: 'metadata' | 'full', signal?: AbortSignal): Promise<gmail_v1.Schema$Draft | null> {
  try {
    return (await api.users.drafts.get({ userId: 'me', id: draftId, format }, { signal })).data;
  } catch (error) {
    if (describeFailure(error).status === 404) return null;
    throw error;
  }
}

/** The message by Gmail id, or null when it does not exist. */
export async function getMessage(api: gmail_v1.Gmail, id: string, signal?: AbortSignal): Promise<FoundMessage | null> {
  try {
    const data = (await api.users.messages.get({ userId: 'me', id, format: 'minimal' }, { signal })).data;
    return data.id ? { id: data.id, threadId: data.threadId ?? null, labelIds: data.labelIds ?? [] } : null;
  } catch (error) {
    if (describeFailure(error).status === 404) return null;
    throw error;
  }
}

/** A header's value from a message payload (case-insensitive). */
export function headerOf(message: gmail_v1.Schema$Message | undefined, name: string): string | null {
  const wanted = name.toLowerCase();
  return message?.payload?.headers?.find((header) => header.name?.toLowerCase() === wanted)?.value ?? null;
}
