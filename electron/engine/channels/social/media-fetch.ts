/**
 * GET of a post's media before approval (the media checks and the preview's images): the engine
 * fetches what an agent wrote into a task, so a task must not be able to make it reach this
 * computer's network (a router's admin page, a NAS) just by appearing in the inbox. Only http(s);
 * every address the host resolves to is checked at connect time (so DNS cannot swap a public
 * address for a private one between check and use), and so is each redirect (at most 3).
 * Loopback is allowed only when asked (tests against local servers). Bodies are capped.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingHttpHeaders, type RequestOptions } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { BlockList, isIP } from 'node:net';

/** A fetch the engine will not make or whose answer it will not use, with the reason shown to the person. */
export class MediaRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'MediaRefused';
  }
}

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

const privateRanges = new BlockList();
for (const [network, prefix] of [['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4]] as const) {
  privateRanges.addSubnet(network, prefix, 'ipv4');
}
for (const [network, prefix] of [['::', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b::', 96]] as const) privateRanges.addSubnet(network, prefix, 'ipv6');

/** Why the engine does not fetch from this address, or null. */
export function addressRefusal(address: string, allowLoopback: boolean): string | null {
  const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
  if (loopback.check(address, family)) return allowLoopback ? null : `${address} is this computer`;
  if (privateRanges.check(address, family)) return `${address} is on a private or local network`;
  return null;
}

export interface SafeGetOptions {
  /** Answers longer than this are refused, or cut there with `truncate`. */
  maxBytes: number;
  /** Keep the first maxBytes instead of refusing a longer answer (a header probe). Default: false. */
  truncate?: boolean;
  headers?: Record<string, string>;
  /** Tests against local servers only. Default: false. */
  allowLoopback?: boolean;
  signal?: AbortSignal;
  /** Default: 10 s. */
  timeoutMs?: number;
}

export interface SafeGetAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  body: Buffer;
  /** The final URL after redirects. */
  url: string;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

function checkedLookup(allowLoopback: boolean) {
  return (hostname: string, options: { all?: boolean }, callback: LookupCallback) => {
    dnsLookup(hostname, { all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      const refused = addresses.map((entry) => addressRefusal(entry.address, allowLoopback)).find(Boolean);
      if (refused) return callback(Object.assign(new MediaRefused(`${hostname} resolves to ${refused}: previews only fetch public addresses`), { code: 'EREFUSED' }), '');
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0]!.address, addresses[0]!.family);
    });
  };
}

function once(url: URL, options: SafeGetOptions): Promise<SafeGetAnswer & { location: string | null }> {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (isIP(host)) {
    const refused = addressRefusal(host, options.allowLoopback === true);
    if (refused) return Promise.reject(new MediaRefused(`${refused}: previews only fetch public addresses`));
  }
  const request = url.protocol === 'https:' ? httpsRequest : httpRequest;
  const requestOptions: RequestOptions = { method: 'GET', headers: { 'user-agent': 'MissionControl-media-check', ...options.headers }, lookup: checkedLookup(options.allowLoopback === true) as RequestOptions['lookup'], timeout: options.timeoutMs ?? 10_000, signal: options.signal };
  return new Promise((resolve, reject) => {
    const outgoing = request(url, requestOptions, (response) => {
      const status = response.statusCode ?? 0;
      if (status >= 300 && status < 400 && response.headers.location) {
        response.resume();
        return resolve({ status, headers: response.headers, body: Buffer.alloc(0), url: url.toString(), location: response.headers.location });
      }
      const declared = Number(response.headers['content-length'] ?? NaN);
      if (!options.truncate && status < 300 && declared > options.maxBytes) {
        response.destroy();
        return reject(new MediaRefused(`it is ${declared} bytes, over the ${options.maxBytes}-byte limit`));
      }
      const chunks: Buffer[] = [];
      let length = 0;
      response.on('data', (chunk: Buffer) => {
        chunks.push(chunk);
        length += chunk.length;
        if (length <= options.maxBytes) return;
        response.destroy();
        if (options.truncate) resolve({ status, headers: response.headers, body: Buffer.concat(chunks).subarray(0, options.maxBytes), url: url.toString(), location: null });
        else reject(new MediaRefused(`it is over the ${options.maxBytes}-byte limit`));
      });
      response.on('end', () => resolve({ status, headers: response.headers, body: Buffer.concat(chunks), url: url.toString(), location: null }));
      response.on('error', reject);
    });
    outgoing.on('timeout', () => outgoing.destroy(new Error(`no answer within ${Math.round((options.timeoutMs ?? 10_000) / 1000)} s`)));
    outgoing.on('error', (error) => reject(error instanceof MediaRefused ? error : (error as { cause?: unknown }).cause instanceof MediaRefused ? (error as { cause: MediaRefused }).cause : error));
    outgoing.end();
  });
}

/** GET with the network checks above; answers any status (the caller decides), refuses what it must not fetch. */
export async function safeGet(input: string, options: SafeGetOptions): Promise<SafeGetAnswer> {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new MediaRefused(`"${input.slice(0, 200)}" is not a URL`);
  }
  for (let redirects = 0; ; redirects++) {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new MediaRefused(`${url.protocol} is not http(s)`);
    if (url.username || url.password) throw new MediaRefused('URLs with a user name or password are not fetched');
    const answer = await once(url, options);
    if (!answer.location) return answer;
    if (redirects >= 3) throw new MediaRefused('more than 3 redirects');
    url = new URL(answer.location, url);
  }
}
