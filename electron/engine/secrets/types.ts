/**
 * Where channel credentials (OAuth tokens, API keys) live. Never plain text at rest: the desktop
 * app implements this with Electron's safeStorage; the headless runner with a 0600 file it says
 * it created. Values are opaque strings (JSON for structured secrets).
 */
export interface SecretStore {
  /** Human description shown in status output ("macOS Keychain via safeStorage"). */
  readonly description: string;
  get(name: string): Promise<string | null>;
  set(name: string, value: string): Promise<void>;
  delete(name: string): Promise<void>;
}

/** A store that refuses to keep anything (no keyring available): the app says so instead of storing in the clear. */
export class UnavailableSecretStore implements SecretStore {
  constructor(readonly description: string) {}
  async get(): Promise<string | null> {
    return null;
  }
  async set(name: string): Promise<void> {
    throw new Error(`Cannot store secret "${name}": ${this.description}`);
  }
  async delete(): Promise<void> {}
}

/** In-memory store for tests and for runs that should not persist credentials. */
export class MemorySecretStore implements SecretStore {
  readonly description = 'in memory (not persisted)';
  private readonly values = new Map<string, string>();
  async get(name: string): Promise<string | null> {
    return this.values.get(name) ?? null;
  }
  async set(name: string, value: string): Promise<void> {
    this.values.set(name, value);
  }
  async delete(name: string): Promise<void> {
    this.values.delete(name);
  }
}
