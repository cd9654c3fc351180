/**
 * Builds the RFC 5322 message for a composed e-mail: UTF-8 throughout, quoted-printable bodies,
 * multipart/alternative (text first, then HTML) when both exist, threading headers, and our own
 * Message-ID derived from the task id so a crash or a 5xx can be reconciled by searching Sent
 * for `rfc822msgid:` before anything is sent again.
 */
import { createHash } from 'node:crypto';
import type { ComposedEmail } from './gmail-payload';
import { addressHeader, fold, type MailAddress, unstructuredHeader } from './mime-headers';

/**
 * Our Message-ID for a task: the same for every attempt of the task, so a retry finds the
 * message an earlier attempt already sent. Default domain: mission-control.invalid.
 */
export function messageIdFor(taskId: string, domain = 'mission-control.invalid'): string {
  const digest = createHash('sha256').update(taskId).digest('hex').slice(0, 24);
  const safe = taskId.replace(/[^A-Za-z0-9.-]/g, '').slice(0, 40) || 'task';
  return `<mc.${safe}.${digest}@${domain}>`;
}

/** Quoted-printable (RFC 2045 6.7) over UTF-8 with CRLF line breaks and 76-character lines. */
export function quotedPrintable(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  return lines.map(encodeQpLine).join('\r\n');
}

function encodeQpLine(line: string): string {
  const bytes = Buffer.from(line, 'utf8');
  const tokens: string[] = [];
  for (const [index, byte] of bytes.entries()) {
    const last = index === bytes.length - 1;
    const literal = (byte >= 33 && byte <= 126 && byte !== 61) || ((byte === 32 || byte === 9) && !last);
    tokens.push(literal ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`);
  }
  // A leading "From " or "." can be mangled by old relays: encode the first character.
  if (tokens[0] === '.' || (tokens[0] === 'F' && line.startsWith('From '))) tokens[0] = `=${(bytes[0] ?? 0).toString(16).toUpperCase()}`;
  const out: string[] = [];
  let current = '';
  for (const token of tokens) {
    if (current.length + token.length > 75) {
      out.push(`${current}=`);
      current = '';
    }
    current += token;
  }
  out.push(current);
  return out.join('\r\n');
}

export interface ComposeOptions {
  from?: MailAddress | null;
  date: Date;
  messageId: string;
}

function part(contentType: string, body: string): string {
  return [`Content-Type: ${contentType}; charset="UTF-8"`, 'Content-Transfer-Encoding: quoted-printable', '', quotedPrintable(body)].join('\r\n');
}

/** The complete message, CRLF line endings, ready for base64url and `users.messages.send`. */
export function composeMime(email: ComposedEmail, options: ComposeOptions): string {
  const headers: string[] = [];
  if (options.from) headers.push(addressHeader('From', [options.from]));
  headers.push(addressHeader('To', email.to));
  if (email.cc.length) headers.push(addressHeader('Cc', email.cc));
  // Gmail delivers to Bcc recipients and removes the header from what others receive.
  if (email.bcc.length) headers.push(addressHeader('Bcc', email.bcc));
  headers.push(unstructuredHeader('Subject', email.subject));
  headers.push(`Date: ${options.date.toUTCString().replace('GMT', '+0000')}`);
  headers.push(`Message-ID: ${options.messageId}`);
  if (email.inReplyTo) headers.push(`In-Reply-To: ${email.inReplyTo}`);
  if (email.references.length) headers.push(fold(`References: ${email.references.join(' ')}`));
  headers.push('MIME-Version: 1.0');

  const text = email.text?.trim() ? email.text : null;
  const html = email.html?.trim() ? email.html : null;
  if (text && html) {
    // Quoted-printable never produces "=_", so this boundary cannot occur inside a part.
    const boundary = `=_mc_${createHash('sha256').update(options.messageId).digest('hex').slice(0, 20)}`;
    headers.push(`Content-Type: multipart/alternative; boundary="${boundary}"`);
    return [...headers, '', `--${boundary}`, part('text/plain', text), `--${boundary}`, part('text/html', html), `--${boundary}--`, ''].join('\r\n');
  }
  return [...headers, part(html ? 'text/html' : 'text/plain', (html ?? text) as string), ''].join('\r\n');
}

/** base64url without padding, as Gmail's `raw` field wants it. */
export const toBase64Url = (message: string) => Buffer.from(message, 'utf8').toString('base64url');
