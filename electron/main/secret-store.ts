/**
 * Channel credentials encrypted with Electron's safeStorage (Keychain on macOS, DPAPI on Windows,
 * the Secret Service / KWallet on Linux), kept as base64 ciphertext in `<userData>/secrets.json`
 * (0600, replaced atomically). On Linux without a keyring safeStorage would fall back to a
 * hard-coded key ('basic_text'): then the store refuses to keep anything and says why, rather than
 * pretending to encrypt.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { UnavailableSecretStore, type SecretStore } from '../engine/secrets/types';

/** The part of Electron's safeStorage we use (available after app 'ready'). */
export interface SafeStorageLike {
  isEncryptionAvailable(): boolean;
  encryptString(plainText: string): Buffer;
  decryptString(encrypted: Buffer): string;
  /** Linux only. */
  getSelectedStorageBackend?(): string;
}

const insecureLinuxBackends = new Set(['basic_text', 'unknown']);

/** Why secrets cannot be stored here, or null when safeStorage really encrypts. */
export function secretStoreUnavailableReason(safeStorage: SafeStorageLike, platform: NodeJS.Platform): string | null {
  if (!safeStorage.isEncryptionAvailable()) return 'the operating system offers no encryption for app secrets';
  if (platform === 'linux') {
    const backend = safeStorage.getSelectedStorageBackend?.() ?? 'unknown';
    if (insecureLinuxBackends.has(backend)) {
      return `no keyring is available (safeStorage backend "${backend}"); install and unlock GNOME Keyring or KWallet, then restart Mission Control`;
    }
  }
  return null;
}

export function describeBackend(safeStorage: SafeStorageLike, platform: NodeJS.Platform): string {
  if (platform === 'darwin') return 'macOS Keychain via safeStorage';
  if (platform === 'win32') return 'Windows DPAPI via safeStorage';
  return `${safeStorage.getSelectedStorageBackend?.() ?? 'system keyring'} via safeStorage`;
}

/** The right store for this machine: encrypted file, or a refusing store that says why. */
export function createSecretStore(safeStorage: SafeStorageLike, platform: NodeJS.Platform, filePath: string): SecretStore {
  const reason = secretStoreUnavailableReason(safeStorage, platform);
  if (reason) return new UnavailableSecretStore(`Secrets cannot be stored: ${reason}`);
  return new SafeStorageSecretStore(safeStorage, filePath, describeBackend(safeStorage, platform));
}

interface SecretsFile {
  version: 1;
  secrets: Record<string, string>;
}

export class SafeStorageSecretStore implements SecretStore {
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly safeStorage: SafeStorageLike,
    private readonly filePath: string,
    readonly description: string,
  ) {}

  async get(name: string): Promise<string | null> {
    await this.queue;
    const encoded = (await this.read()).secrets[name];
    if (encoded === undefined) return null;
    return this.safeStorage.decryptString(Buffer.from(encoded, 'base64'));
  }

  set(name: string, value: string): Promise<void> {
    return this.update((secrets) => {
      secrets[name] = this.safeStorage.encryptString(value).toString('base64');
    });
  }

  delete(name: string): Promise<void> {
    return this.update((secrets) => {
      delete secrets[name];
    });
  }

  /** Writes are serialized so two concurrent sets never lose one another. */
  private update(change: (secrets: Record<string, string>) => void): Promise<void> {
    const next = this.queue.then(async () => {
      const file = await this.read();
      const secrets: Record<string, string> = Object.assign(Object.create(null), file.secrets);
      change(secrets);
      await mkdir(dirname(this.filePath), { recursive: true, mode: 0o700 });
      const tmp = `${this.filePath}.${process.pid}.tmp`;
      await writeFile(tmp, JSON.stringify({ version: 1, secrets: { ...secrets } } satisfies SecretsFile), { mode: 0o600 });
      await rename(tmp, this.filePath);
    });
    this.queue = next.catch(() => undefined);
    return next;
  }

  private async read(): Promise<SecretsFile> {
    let text: string;
    try {
      text = await readFile(this.filePath, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { version: 1, secrets: {} };
      throw error;
    }
    const parsed = JSON.parse(text) as Partial<SecretsFile>;
    if (parsed.version !== 1 || typeof parsed.secrets !== 'object' || parsed.secrets === null) {
      throw new Error(`${this.filePath} is not a Mission Control secrets file`);
    }
    return { version: 1, secrets: parsed.secrets };
  }
}
