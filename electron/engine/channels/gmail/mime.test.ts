import { simpleParser, type AddressObject } from 'mailparser';
import { describe, expect, it } from 'vitest';
import { parsePayload } from '../payload';
import type { TaskInput } from '../types';
import { gmailPayloadSchema, type ComposedEmail } from './gmail-payload';
import { composeMime, messageIdFor, quotedPrintable } from './mime';

const task = (metadata: Record<string, unknown>): TaskInput => ({
  id: 'task-1',
  title: 'Reply',
  description: null,
  assignedAgent: 'Email Agent',
  priority: 'medium',
  metadata,
});

function composed(metadata: Record<string, unknown>): ComposedEmail {
  const parsed = parsePayload(gmailPayloadSchema, task(metadata));
  if (!parsed.ok) throw new Error(parsed.error);
  if (parsed.payload.kind !== 'compose') throw new Error('expected a composed message');
  return parsed.payload;
}

const addresses = (value: AddressObject | AddressObject[] | undefined) =>
  (Array.isArray(value) ? value : value ? [value] : []).flatMap((item) => item.value.map((entry) => ({ name: entry.name, address: entry.address })));

describe('composeMime (parsed back by mailparser)', () => {
  const date = new Date('2026-11-24T09:30:00.000Z');

  it('encodes a UTF-8 subject and display names, and sends text + html as multipart/alternative', async () => {
    const email = composed({
      to: ['Zoë Müller <zoe@example.com>', '"Smith, Jo" <jo@example.com>'],
      cc: 'ops@example.com',
      subject: 'Ihre Bestellung 🚚 ist unterwegs — Lieferung morgen zwischen 8 und 12 Uhr, bitte bestätigen',
      body_text: 'Hallo Zoë,\n\nIhre Bestellung ist unterwegs. 100% = sicher.\nFrom now on, we ship faster.\n.\n' + 'x'.repeat(200) + ' \n',
      body_html: '<p>Hallo <b>Zoë</b>, <a href="https://example.com/track?id=1&amp;x=2">verfolgen</a></p>',
    });
    const messageId = messageIdFor('task-1', 'audico.co.za');
    const raw = composeMime(email, { date, messageId, from: { name: 'Audico Support', email: 'support@audico.co.za' } });

    for (const line of raw.split('\r\n')) expect(line.length).toBeLessThanOrEqual(998);
    expect(raw).not.toMatch(/[^\r]\n/);
    expect(/^Subject: (.*)$/m.exec(raw)?.[1]).toMatch(/^=\?UTF-8\?B\?/);

    const mail = await simpleParser(raw);
    expect(mail.subject).toBe(email.subject);
    expect(mail.messageId).toBe(messageId);
    expect(mail.date?.toISOString()).toBe(date.toISOString());
    expect(addresses(mail.from)).toEqual([{ name: 'Audico Support', address: 'support@audico.co.za' }]);
    expect(addresses(mail.to)).toEqual([
      { name: 'Zoë Müller', address: 'zoe@example.com' },
      { name: 'Smith, Jo', address: 'jo@example.com' },
    ]);
    expect(addresses(mail.cc)).toEqual([{ name: '', address: 'ops@example.com' }]);
    expect(mail.headers.get('content-type')).toMatchObject({ value: 'multipart/alternative' });
    expect(mail.text).toBe(email.text);
    expect(mail.html).toBe(email.html);
    expect(mail.headers.get('mime-version')).toBe('1.0');
  });

  it('keeps threading headers and sends a single text part when there is no html', async () => {
    const email = composed({
      to: 'customer@example.com',
      subject: 'Re: Where is my order?',
      body_text: 'It ships today.',
      thread_id: '18c0ffee',
      in_reply_to: 'CAF=abc@mail.gmail.com',
      references: '<first@mail.gmail.com> <CAF=abc@mail.gmail.com>',
    });
    const raw = composeMime(email, { date, messageId: messageIdFor('task-1') });
    const mail = await simpleParser(raw);
    expect(mail.inReplyTo).toBe('<CAF=abc@mail.gmail.com>');
    expect(mail.references).toEqual(['<first@mail.gmail.com>', '<CAF=abc@mail.gmail.com>']);
    expect(mail.headers.get('content-type')).toMatchObject({ value: 'text/plain', params: { charset: 'UTF-8' } });
    expect(mail.headers.get('content-transfer-encoding')).toBe('quoted-printable');
    expect(mail.text?.trim()).toBe('It ships today.');
    expect(mail.html).toBe(false);
    expect(email.threadId).toBe('18c0ffee');
  });

  it('uses in_reply_to as References when none are given, and html alone is text/html', async () => {
    const email = composed({ to: 'a@example.com', subject: 'Re: hi', body_html: '<p>ok</p>', in_reply_to: '<x@y.z>' });
    expect(email.references).toEqual(['<x@y.z>']);
    const mail = await simpleParser(composeMime(email, { date, messageId: messageIdFor('t') }));
    expect(mail.headers.get('content-type')).toMatchObject({ value: 'text/html' });
    expect(String(mail.html).trim()).toBe('<p>ok</p>');
  });

  it('derives the same Message-ID for every attempt of a task and different ones across tasks', () => {
    expect(messageIdFor('a')).toBe(messageIdFor('a'));
    expect(messageIdFor('a')).not.toBe(messageIdFor('b'));
    expect(messageIdFor('0b9e-uuid')).toMatch(/^<mc\.0b9e-uuid\.[0-9a-f]{24}@mission-control\.invalid>$/);
  });

  it('quoted-printable: soft breaks at 76, encodes =, trailing spaces and non-ASCII', () => {
    const encoded = quotedPrintable(`${'a'.repeat(100)}\n= é \n`);
    for (const line of encoded.split('\r\n')) expect(line.length).toBeLessThanOrEqual(76);
    expect(encoded).toContain('=3D');
    expect(encoded).toContain('=C3=A9=20');
  });
});

describe('gmail payload validation names the field', () => {
  const error = (metadata: Record<string, unknown>) => {
    const parsed = parsePayload(gmailPayloadSchema, task(metadata));
    return parsed.ok ? null : parsed.error;
  };

  it('accepts a cloud draft task', () => {
    const parsed = parsePayload(gmailPayloadSchema, task({ draft_id: 'r-123', email_id: 'e1', email_category: 'Inquiry', scheduled_for: '2026-11-24T10:00:00Z' }));
    expect(parsed.ok && parsed.payload).toMatchObject({ kind: 'draft', draftId: 'r-123', emailId: 'e1', category: 'inquiry', scheduledFor: new Date('2026-11-24T10:00:00Z') });
  });

  it.each([
    [{}, 'metadata.to: required'],
    [{ to: 'not-an-address', subject: 's', body_text: 'b' }, 'metadata.to: "not-an-address" is not an e-mail address'],
    [{ to: ['a@example.com', 'bad@'], subject: 's', body_text: 'b' }, 'metadata.to.1: "bad@" is not an e-mail address'],
    [{ to: 'a@example.com', body_text: 'b' }, 'metadata.subject: required'],
    [{ to: 'a@example.com', subject: 'x\r\nBcc: evil@example.com', body_text: 'b' }, 'metadata.subject: subject must be one line'],
    [{ to: 'a@example.com', subject: 's' }, 'metadata.body_text: required'],
    [{ draft_id: 'r1', scheduled_for: 'tomorrow-ish' }, 'metadata.scheduled_for: expected an ISO-8601 date'],
    [{ to: 'a@example.com', subject: 's', body_text: 'b', in_reply_to: 'no brackets or at' }, 'metadata.in_reply_to: expected a Message-ID'],
    [{ to: 'a@example.com', subject: 's', body_text: 'b', references: '<ok@x.y> nope' }, 'metadata.references: expected Message-IDs'],
    [{ to: 'a@example.com', subject: 's', body_text: 'x'.repeat(10 * 1024 * 1024 + 1) }, 'metadata.body_text: the message is'],
  ])('case %# is rejected', (metadata, message) => {
    expect(error(metadata as Record<string, unknown>)).toContain(message);
  });
});
