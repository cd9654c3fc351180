/**
 * Header encoding for the messages we compose (RFC 5322 addresses, RFC 2047 encoded words for
 * UTF-8 subjects and display names). Header injection is impossible by construction: every
 * value is checked for line breaks before it gets here and encoded words never contain them.
 */

export interface MailAddress {
  name: string | null;
  email: string;
}

// Pragmatic addr-spec: local@domain with a dot in the domain, no spaces or angle brackets.
const emailPattern = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+$/;

/** Parses `jo@example.com` or `Jo Smith <jo@example.com>` (quotes allowed); null when invalid. */
export function parseAddress(input: string): MailAddress | null {
  const text = input.trim();
  if (/[\r\n]/.test(text)) return null;
  const angle = /^(.*?)\s*<([^<>]+)>$/.exec(text);
  const email = (angle ? (angle[2] ?? '') : text).trim();
  if (!emailPattern.test(email) || email.length > 254) return null;
  let name = angle ? (angle[1] ?? '').trim() : '';
  if (name.startsWith('"') && name.endsWith('"') && name.length >= 2) name = name.slice(1, -1).replace(/\\(.)/g, '$1');
  return { name: name || null, email };
}

const isPrintableAscii = (text: string) => /^[\x20-\x7e]*$/.test(text);

/**
 * RFC 2047 "B" encoded words, each at most 75 characters, split on code point boundaries so no
 * UTF-8 sequence is cut in half. Returns the text unchanged when it is printable ASCII.
 */
export function encodeWords(text: string): string[] {
  if (isPrintableAscii(text)) return [text];
  const words: string[] = [];
  const maxBytes = 45; // base64 of 45 bytes = 60 chars; with "=?UTF-8?B?" and "?=" = 72 <= 75
  let chunk = '';
  for (const char of text) {
    if (Buffer.byteLength(chunk + char) > maxBytes) {
      words.push(chunk);
      chunk = '';
    }
    chunk += char;
  }
  if (chunk) words.push(chunk);
  return words.map((word) => `=?UTF-8?B?${Buffer.from(word, 'utf8').toString('base64')}?=`);
}

/** An unstructured header (Subject): ASCII folded at spaces, otherwise encoded words on folded lines. */
export function unstructuredHeader(name: string, value: string): string {
  if (isPrintableAscii(value)) return fold(`${name}: ${value}`);
  return `${name}: ${encodeWords(value).join('\r\n ')}`;
}

/** `"Name" <email>` with the name quoted or encoded as needed. */
export function formatAddress(address: MailAddress): string {
  if (!address.name) return address.email;
  if (!isPrintableAscii(address.name)) return `${encodeWords(address.name).join(' ')} <${address.email}>`;
  const atom = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~ -]+$/.test(address.name);
  return `${atom ? address.name : `"${address.name.replace(/(["\\])/g, '\\$1')}"`} <${address.email}>`;
}

export function addressHeader(name: string, addresses: readonly MailAddress[]): string {
  return `${name}: ${addresses.map(formatAddress).join(',\r\n ')}`;
}

/** Folds a long ASCII header line at spaces so no line exceeds 78 characters where possible. */
export function fold(line: string): string {
  if (line.length <= 78) return line;
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current && current.length + 1 + word.length > 78) {
      out.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  out.push(current);
  return out.join('\r\n ');
}
