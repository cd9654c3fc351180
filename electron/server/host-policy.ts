/**
 * DNS-rebinding defence: a page on evil.example that re-points its name at 127.0.0.1 still sends
 * `Host: evil.example`, so only the names this server is really reached by are accepted, and a
 * browser's `Origin` (when sent) must be this very origin.
 */
import { hostname, networkInterfaces } from 'node:os';

export const loopbackNames = ['localhost', '127.0.0.1', '[::1]'] as const;

/** True for 127.0.0.0/8, ::1 and localhost: binding there needs no extra flag. */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, '').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/** `::1` -> `[::1]`: the form a Host header uses. */
export function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host.toLowerCase();
}

export interface HostPolicy {
  /** Names (no port) accepted in Host; lower case, IPv6 in brackets. */
  readonly names: ReadonlySet<string>;
  readonly port: number;
  hostAllowed(hostHeader: string | undefined): boolean;
  originAllowed(origin: string | undefined, hostHeader: string | undefined): boolean;
}

function splitHostHeader(value: string): { name: string; port: number } | null {
  const match = /^(\[[0-9a-f:.]+\]|[^:[\]]+)(?::(\d{1,5}))?$/i.exec(value.trim());
  if (!match?.[1]) return null;
  return { name: match[1].toLowerCase(), port: match[2] === undefined ? 80 : Number(match[2]) };
}

/**
 * Accepts the loopback names plus the bound host; for a non-loopback bind (explicit flag) also
 * this machine's name and interface addresses, and `extraNames`. The port must always match.
 */
export function createHostPolicy(options: { host: string; port: number; extraNames?: readonly string[] }): HostPolicy {
  const names = new Set<string>(loopbackNames);
  const wildcard = options.host === '0.0.0.0' || options.host === '::';
  if (!wildcard) names.add(hostForUrl(options.host));
  if (!isLoopbackHost(options.host)) {
    names.add(hostname().toLowerCase());
    for (const list of Object.values(networkInterfaces())) {
      for (const address of list ?? []) names.add(hostForUrl(address.address));
    }
  }
  for (const name of options.extraNames ?? []) names.add(hostForUrl(name));
  const hostAllowed = (hostHeader: string | undefined): boolean => {
    if (!hostHeader) return false;
    const parsed = splitHostHeader(hostHeader);
    return parsed !== null && parsed.port === options.port && names.has(parsed.name);
  };
  return {
    names,
    port: options.port,
    hostAllowed,
    originAllowed(origin, hostHeader) {
      if (origin === undefined) return true;
      let url: URL;
      try {
        url = new URL(origin);
      } catch {
        return false;
      }
      if (url.protocol !== 'http:' || url.host !== (hostHeader ?? '').toLowerCase()) return false;
      return hostAllowed(url.host);
    },
  };
}
