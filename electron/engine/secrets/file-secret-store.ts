/**
 * The headless runner's SecretStore: one JSON file in the user-data folder, created with 0600
 * permissions (owner read/write only) in a 0700 folder. It is NOT encrypted (there is no keyring
 * without the desktop app) and says so in `description`. A file that others can read is repaired
 * to 0600 with a warning; a symlink or a file owned by another user is refused.
 */
import { closeSync, fsyncSync, lstatSync, mkdirSync, openSync, readFileSync, renameSync, chmodSync, writeSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { userDataDir } from '../paths';
import type { SecretStore } from './types';

/** File name inside the user-data folder. */
export const secretsFileName = 'secrets.json';

export interface FileSecretStoreOptions {
  /** Told when a too-open file was repaired. Default: console.warn. */
  onWarning?: (message: string) => void;
  /** Default: process.platform (POSIX permission checks are skipped on Windows). */
  platform?: NodeJS.Platform;
}

export class FileSecretStore implements SecretStore {
  readonly description: string;
  private readonly onWarning: (message: string) => void;
  private readonly posix: boolean;

  constructor(
    readonly path: string,
    options: FileSecretStoreOptions = {},
  ) {
    this.description = `plain JSON file ${path}, permissions 0600 (only your user can read it; not encrypted)`;
    this.onWarning = options.onWarning ?? ((message) => console.warn(`[secrets] ${message}`));
    this.posix = (options.platform ?? process.platform) !== 'win32';
  }

  async get(name: string): Promise<string | null> {
    return this.read()[name] ?? null;
  }

  async set(name: string, value: string): Promise<void> {
    const values = this.read();
    values[name] = value;
    this.write(values);
  }

  async delete(name: string): Promise<void> {
    const values = this.read();
    if (!(name in values)) return;
    delete values[name];
    this.write(values);
  }

  /** Checks ownership and permissions; repairs a too-open mode. Returns false when there is no file. */
  private check(): boolean {
    let stats;
    try {
      stats = lstatSync(this.path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw error;
    }
    if (!stats.isFile()) throw new Error(`Refusing to use ${this.path} for secrets: it is not a regular file (symlink or folder)`);
    if (!this.posix) return true;
    if (typeof process.getuid === 'function' && stats.uid !== process.getuid()) {
      throw new Error(`Refusing to use ${this.path} for secrets: it belongs to another user (uid ${stats.uid})`);
    }
    const mode = stats.mode & 0o777;
    if (mode & 0o077) {
      chmodSync(this.path, 0o600);
      this.onWarning(`${this.path} was readable by others (mode ${mode.toString(8).padStart(4, '0')}); repaired to 0600. Consider reconnecting the accounts whose tokens it holds.`);
    }
    return true;
  }

  private read(): Record<string, string> {
    if (!this.check()) return {};
    const parsed: unknown = JSON.parse(readFileSync(this.path, 'utf8') || '{}');
    if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error(`${this.path} is not a JSON object`);
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  }

  /** Atomic replace: a 0600 temp file, fsync, rename. A crash leaves the old or the new file, never half. */
  private write(values: Record<string, string>): void {
    mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
    const temp = `${this.path}.${process.pid}.tmp`;
    const fd = openSync(temp, 'w', 0o600);
    try {
      writeSync(fd, `${JSON.stringify(values, null, 2)}\n`);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    if (this.posix) chmodSync(temp, 0o600);
    renameSync(temp, this.path);
  }
}

/** The headless store at `<user-data>/secrets.json` (MISSION_CONTROL_HOME moves the folder). */
export function createFileSecretStore(env: Record<string, string | undefined> = process.env, options: FileSecretStoreOptions = {}): FileSecretStore {
  return new FileSecretStore(join(userDataDir(env), secretsFileName), options);
}
