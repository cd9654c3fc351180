/**
 * The server's one secret. CRON_SECRET when set (so existing cron callers keep their header),
 * otherwise a random token created once and kept in a 0600 file beside the database, reused on
 * every start so a bookmarked /auth link and cron jobs keep working.
 */
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { chmodSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** File name of the generated token inside the user-data folder. */
export const tokenFileName = 'server-token';

export interface ServerToken {
  value: string;
  /** 'env' (CRON_SECRET), 'file' (read back) or 'generated' (written now). */
  source: 'env' | 'file' | 'generated';
  /** The file holding it; null when it came from the environment. */
  file: string | null;
}

/**
 * CRON_SECRET wins; otherwise read `file`, or create it with 32 random bytes (base64url).
 * A file readable by others is tightened to 0600 (and `onWarning` says so).
 */
export function loadOrCreateToken(options: { cronSecret?: string; file: string; onWarning?: (message: string) => void }): ServerToken {
  const secret = options.cronSecret?.trim();
  if (secret) {
    // The bearer parser takes one run of non-space characters, so such a secret could never match.
    if (/\s/.test(secret)) throw new TokenError('CRON_SECRET contains spaces or other whitespace, so no Authorization: Bearer header can carry it; use a secret without spaces (e.g. `openssl rand -base64 32`)');
    return { value: secret, source: 'env', file: null };
  }
  try {
    const value = readFileSync(options.file, 'utf8').trim();
    if (value.length >= 16) {
      refuseForeignFile(options.file);
      if (process.platform !== 'win32' && (statSync(options.file).mode & 0o077) !== 0) {
        chmodSync(options.file, 0o600);
        options.onWarning?.(`Token file ${options.file} was readable by others; permissions set to 0600`);
      }
      return { value, source: 'file', file: options.file };
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const value = randomBytes(32).toString('base64url');
  mkdirSync(dirname(options.file), { recursive: true, mode: 0o700 });
  writeFileSync(options.file, `${value}\n`, { mode: 0o600 });
  chmodSync(options.file, 0o600);
  return { value, source: 'generated', file: options.file };
}

/** A token that must not be used; `serve` exits 2 with this message. */
export class TokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TokenError';
  }
}

/**
 * A token file planted by someone else (another user's file in a shared folder like /tmp, or one
 * anyone may rewrite) would let them sign in: refuse it rather than adopt it.
 */
function refuseForeignFile(file: string): void {
  if (process.platform === 'win32' || typeof process.getuid !== 'function') return;
  const stat = statSync(file);
  if (stat.uid !== process.getuid()) {
    throw new TokenError(`Token file ${file} belongs to another user (uid ${stat.uid}); refusing to use it. Remove it, or keep the database in a folder only you can write.`);
  }
  if ((stat.mode & 0o022) !== 0) {
    throw new TokenError(`Token file ${file} is writable by other users (mode ${(stat.mode & 0o777).toString(8)}); refusing to use it. Remove it; a new one is generated.`);
  }
}

function digest(text: string): Buffer {
  return createHash('sha256').update(text, 'utf8').digest();
}

/** Constant-time comparison: both sides are hashed first so lengths are always equal. */
export function safeEqual(candidate: string, expected: string): boolean {
  return timingSafeEqual(digest(candidate), digest(expected));
}

/**
 * The cookie value for a token: an HMAC of it, so the cookie is not the bearer secret itself
 * (CRON_SECRET may be shared with other systems) yet changes whenever the token does.
 */
export function sessionValue(token: string): string {
  return createHmac('sha256', token).update('mission-control session v1').digest('base64url');
}
