/**
 * What the handler knew just before it asked Gmail to send a draft: the draft's message id,
 * Message-ID header and thread. Written (durably, through the SecretStore) before the send, so
 * after a crash reconciliation can find the sent message of a draft that no longer exists. A
 * missing entry proves drafts.send was never called for that task by this installation.
 */
import { z } from 'zod';
import type { SecretStore } from '../../secrets/types';

/** SecretStore key of the journal (JSON: task id -> entry). */
export const sendJournalSecret = 'gmail.send-journal';
/** Entries older than this are dropped. Default: 30 days. */
export const journalRetentionMs = 30 * 24 * 3_600_000;

export const sendJournalEntrySchema = z.object({
  taskId: z.string(),
  draftId: z.string(),
  draftMessageId: z.string().nullable(),
  messageIdHeader: z.string().nullable(),
  threadId: z.string().nullable(),
  at: z.string(),
});
export type SendJournalEntry = z.infer<typeof sendJournalEntrySchema>;

const journalSchema = z.record(z.string(), sendJournalEntrySchema);

export class SendJournal {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly secrets: SecretStore) {}

  async get(taskId: string): Promise<SendJournalEntry | null> {
    return (await this.read())[taskId] ?? null;
  }

  /** Records the entry (replacing the task's previous one) and prunes old entries. */
  record(entry: SendJournalEntry, now: Date = new Date()): Promise<void> {
    const write = this.queue.then(async () => {
      const entries = await this.read();
      entries[entry.taskId] = entry;
      const cutoff = now.getTime() - journalRetentionMs;
      for (const [key, value] of Object.entries(entries)) if (Date.parse(value.at) < cutoff) delete entries[key];
      await this.secrets.set(sendJournalSecret, JSON.stringify(entries));
    });
    this.queue = write.catch(() => undefined);
    return write;
  }

  private async read(): Promise<Record<string, SendJournalEntry>> {
    const raw = await this.secrets.get(sendJournalSecret);
    if (!raw) return {};
    try {
      const parsed = journalSchema.safeParse(JSON.parse(raw));
      return parsed.success ? parsed.data : {};
    } catch {
      return {};
    }
  }
}
