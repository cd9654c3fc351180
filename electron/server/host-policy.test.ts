import { describe, expect, it } from 'vitest';
import { createHostPolicy, isLoopbackHost } from './host-policy';

describe('host policy (DNS rebinding)', () => {
  const policy = createHostPolicy({ host: '127.0.0.1', port: 8787 });

  it('accepts the loopback names with the bound port only', () => {
    expect(policy.hostAllowed('127.0.0.1:8787')).toBe(true);
    expect(policy.hostAllowed('localhost:8787')).toBe(true);
    expect(policy.hostAllowed('LOCALHOST:8787')).toBe(true);
    expect(policy.hostAllowed('[::1]:8787')).toBe(true);
    expect(policy.hostAllowed('127.0.0.1:8788')).toBe(false);
    expect(policy.hostAllowed('127.0.0.1')).toBe(false);
    expect(policy.hostAllowed('evil.example:8787')).toBe(false);
    expect(policy.hostAllowed('127.0.0.1.nip.io:8787')).toBe(false);
    expect(policy.hostAllowed(undefined)).toBe(false);
    expect(policy.hostAllowed('')).toBe(false);
  });

  it('accepts a missing Origin, and only this very origin otherwise', () => {
    expect(policy.originAllowed(undefined, '127.0.0.1:8787')).toBe(true);
    expect(policy.originAllowed('http://127.0.0.1:8787', '127.0.0.1:8787')).toBe(true);
    expect(policy.originAllowed('http://localhost:8787', '127.0.0.1:8787')).toBe(false);
    expect(policy.originAllowed('http://evil.example', '127.0.0.1:8787')).toBe(false);
    expect(policy.originAllowed('https://127.0.0.1:8787', '127.0.0.1:8787')).toBe(false);
    expect(policy.originAllowed('null', '127.0.0.1:8787')).toBe(false);
  });

  it('adds extra names for a LAN bind', () => {
    const lan = createHostPolicy({ host: '0.0.0.0', port: 9000, extraNames: ['mc.lan'] });
    expect(lan.hostAllowed('mc.lan:9000')).toBe(true);
    expect(lan.hostAllowed('0.0.0.0:9000')).toBe(false);
    expect(lan.hostAllowed('evil.example:9000')).toBe(false);
  });

  it('recognises loopback addresses', () => {
    expect(['127.0.0.1', '127.1.2.3', 'localhost', '::1', '[::1]'].every(isLoopbackHost)).toBe(true);
    expect(['0.0.0.0', '192.168.1.4', '::', 'example.com'].some(isLoopbackHost)).toBe(false);
  });
});
