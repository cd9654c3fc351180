import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { UnavailableSecretStore } from '../engine/secrets/types';
import { createSecretStore, SafeStorageSecretStore, secretStoreUnavailableReason, type SafeStorageLike } from './secret-store';

/** safeStorage's contract with real AES-256-GCM under a per-test key (what the OS keyring provides). */
function aesSafeStorage(backend = 'gnome_libsecret', available = true): SafeStorageLike {
  const key = randomBytes(32);
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString(text) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', key, iv);
      const body = Buffer.concat([cipher.update(text, 'utf8'), cipher.final()]);
      return Buffer.concat([iv, cipher.getAuthTag(), body]);
    },
    decryptString(buf) {
      const decipher = createDecipheriv('aes-256-gcm', key, buf.subarray(0, 12));
      decipher.setAuthTag(buf.subarray(12, 28));
      return Buffer.concat([decipher.update(buf.subarray(28)), decipher.final()]).toString('utf8');
    },
  };
}

const tempFile = () => join(mkdtempSync(join(tmpdir(), 'mc-secrets-')), 'nested', 'secrets.json');

describe('createSecretStore', () => {
  it('refuses on Linux without a keyring and says so', async () => {
    for (const backend of ['basic_text', 'unknown']) {
      const store = createSecretStore(aesSafeStorage(backend), 'linux', tempFile());
      expect(store).toBeInstanceOf(UnavailableSecretStore);
      expect(store.description).toContain(`backend "${backend}"`);
      await expect(store.set('gmail', 'token')).rejects.toThrow(/Cannot store secret "gmail": Secrets cannot be stored: no keyring/);
    }
  });

  it('refuses when encryption is unavailable on any platform', () => {
    for (const platform of ['darwin', 'win32', 'linux'] as const) {
      expect(createSecretStore(aesSafeStorage('kwallet5', false), platform, tempFile())).toBeInstanceOf(UnavailableSecretStore);
    }
    expect(secretStoreUnavailableReason(aesSafeStorage('kwallet5'), 'linux')).toBeNull();
  });

  it('uses safeStorage where it really encrypts', () => {
    expect(createSecretStore(aesSafeStorage('gnome_libsecret'), 'linux', tempFile()).description).toBe('gnome_libsecret via safeStorage');
    expect(createSecretStore(aesSafeStorage('basic_text'), 'darwin', tempFile()).description).toBe('macOS Keychain via safeStorage');
    expect(createSecretStore(aesSafeStorage(), 'win32', tempFile()).description).toBe('Windows DPAPI via safeStorage');
  });
});

describe('SafeStorageSecretStore', () => {
  it('stores ciphertext only, 0600, and reads it back across instances', async () => {
    const file = tempFile();
    const safe = aesSafeStorage();
    const store = new SafeStorageSecretStore(safe, file, 'test');
    const token = JSON.stringify({ refresh_token: '1//super-secret-refresh', client_id: 'abc' });
    await store.set('gmail', token);
    const raw = readFileSync(file, 'utf8');
    expect(raw).not.toContain('super-secret');
    expect(JSON.parse(raw)).toMatchObject({ version: 1, secrets: { gmail: expect.any(String) } });
    if (process.platform !== 'win32') expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(await new SafeStorageSecretStore(safe, file, 'test').get('gmail')).toBe(token);
    expect(await store.get('missing')).toBeNull();
    await store.delete('gmail');
    expect(await store.get('gmail')).toBeNull();
  });

  it('keeps every value when writes overlap', async () => {
    const store = new SafeStorageSecretStore(aesSafeStorage(), tempFile(), 'test');
    await Promise.all(Array.from({ length: 20 }, (_, i) => store.set(`key${i}`, `value${i}`)));
    for (let i = 0; i < 20; i++) expect(await store.get(`key${i}`)).toBe(`value${i}`);
  });

  it('fails loudly on a foreign file rather than overwriting it', async () => {
    const file = tempFile();
    const store = new SafeStorageSecretStore(aesSafeStorage(), file, 'test');
    await store.set('a', 'b');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(file, '{"hello":1}');
    await expect(store.set('c', 'd')).rejects.toThrow(/not a Mission Control secrets file/);
    await expect(store.get('a')).rejects.toThrow(/not a Mission Control secrets file/);
  });

  it('a secret encrypted under another key does not decrypt', async () => {
    const file = tempFile();
    await new SafeStorageSecretStore(aesSafeStorage(), file, 'test').set('x', 'y');
    await expect(new SafeStorageSecretStore(aesSafeStorage(), file, 'test').get('x')).rejects.toThrow();
  });
});
