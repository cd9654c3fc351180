/**
 * TEST SUPPORT ONLY. The mailbox state behind fake-gmail-server.ts: messages, drafts, threads and
 * the Gmail search subset the handler uses (`rfc822msgid:`, `in:sent`). Messages are stored as the
 * RFC 5322 text the client uploaded and rendered into Gmail's `full`/`metadata`/`raw` formats.
 */
import { randomBytes } from 'node:crypto';
import { simpleParser } from 'mailparser';

export interface FakeMessage {
  id: string;
  threadId: string;
  labelIds: string[];
  /** The RFC 5322 text as uploaded. */
  rfc822: string;
  messageId: string;
}

export interface FakeDraft {
  id: string;
  message: FakeMessage;
}

const hexId = () => randomBytes(8).toString('hex');

/** Header value from the raw text (unfolded, not decoded). */
export function rawHeader(rfc822: string, name: string): string | null {
  const head = rfc822.split(/\r?\n\r?\n/)[0] ?? '';
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const match = new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(unfolded);
  return match ? (match[1] ?? '').trim() : null;
}

export class FakeMailbox {
  readonly messages = new Map<string, FakeMessage>();
  readonly drafts = new Map<string, FakeDraft>();
  private draftCounter = 1000;

  /** Stores a message the way Gmail does on send/insert: keeps a client Message-ID, else assigns one. */
  store(rfc822: string, labelIds: string[], threadId: string | null, id: string = hexId()): FakeMessage {
    let text = rfc822;
    let messageId = rawHeader(text, 'Message-ID');
    if (!messageId) {
      messageId = `<CA${randomBytes(12).toString('hex')}@mail.gmail.com>`;
      text = `Message-ID: ${messageId}\r\n${text}`;
    }
    const thread = threadId && [...this.messages.values()].some((message) => message.threadId === threadId) ? threadId : id;
    const message: FakeMessage = { id, threadId: thread, labelIds, rfc822: text, messageId };
    this.messages.set(id, message);
    return message;
  }

  createDraft(rfc822: string, threadId: string | null = null): FakeDraft {
    const draft: FakeDraft = { id: `r${this.draftCounter++}`, message: this.store(rfc822, ['DRAFT'], threadId) };
    this.drafts.set(draft.id, draft);
    return draft;
  }

  /** drafts.send: the draft's message becomes a sent message (same id and thread) and the draft is gone. */
  sendDraft(id: string): FakeMessage | null {
    const draft = this.drafts.get(id);
    if (!draft) return null;
    this.drafts.delete(id);
    draft.message.labelIds = ['SENT'];
    return draft.message;
  }

  sent(): FakeMessage[] {
    return [...this.messages.values()].filter((message) => message.labelIds.includes('SENT'));
  }

  /** The search subset the handler uses: rfc822msgid:<id>, in:sent, in:drafts; other terms match all. */
  search(query: string): FakeMessage[] {
    let results = [...this.messages.values()];
    for (const term of query.split(/\s+/).filter(Boolean)) {
      const [key, ...rest] = term.split(':');
      const value = rest.join(':');
      if (key === 'rfc822msgid') {
        const wanted = value.replace(/^<|>$/g, '').toLowerCase();
        results = results.filter((message) => message.messageId.replace(/^<|>$/g, '').toLowerCase() === wanted);
      } else if (key === 'in' && value === 'sent') results = results.filter((message) => message.labelIds.includes('SENT'));
      else if (key === 'in' && value === 'drafts') results = results.filter((message) => message.labelIds.includes('DRAFT'));
    }
    return results;
  }

  /** The message resource in Gmail's `minimal`, `metadata`, `raw` or `full` format. */
  async render(message: FakeMessage, format: string, metadataHeaders: string[] = []): Promise<Record<string, unknown>> {
    const base = { id: message.id, threadId: message.threadId, labelIds: message.labelIds, snippet: '', sizeEstimate: message.rfc822.length };
    if (format === 'minimal') return base;
    if (format === 'raw') return { ...base, raw: Buffer.from(message.rfc822, 'utf8').toString('base64url') };
    const parsed = await simpleParser(message.rfc822);
    // Gmail returns header values with RFC 2047 words decoded.
    const decoded: Record<string, string> = {
      subject: parsed.subject ?? '',
      from: addressText(parsed.from),
      to: addressText(parsed.to),
      cc: addressText(parsed.cc),
    };
    const headers = parsed.headerLines.map((line) => {
      const name = line.line.slice(0, line.line.indexOf(':'));
      const raw = rawHeader(message.rfc822, name) ?? '';
      return { name, value: raw.includes('=?') ? (decoded[line.key] ?? raw) : raw };
    });
    if (format === 'metadata') {
      const wanted = metadataHeaders.map((name) => name.toLowerCase());
      return { ...base, payload: { headers: wanted.length ? headers.filter((header) => wanted.includes(header.name.toLowerCase())) : headers } };
    }
    const body = (text: string) => ({ size: Buffer.byteLength(text), data: Buffer.from(text, 'utf8').toString('base64url') });
    const parts = [
      ...(parsed.text ? [{ partId: '0', mimeType: 'text/plain', headers: [], body: body(parsed.text) }] : []),
      ...(parsed.html ? [{ partId: '1', mimeType: 'text/html', headers: [], body: body(parsed.html) }] : []),
    ];
    const payload = parts.length === 1 ? { ...parts[0], partId: '', headers } : { partId: '', mimeType: 'multipart/alternative', headers, body: { size: 0 }, parts };
    return { ...base, payload };
  }
}

function addressText(value: unknown): string {
  if (!value) return '';
  return (Array.isArray(value) ? value : [value]).map((item: { text: string }) => item.text).join(', ');
}
