/**
 * The daily digest e-mailed through the connected Gmail account, on the same path as urgent
 * alerts (alert-emails.ts): once a day at the time Kenny picked, to ALERT_EMAIL, else to the
 * connected address itself. A digest_deliveries row is written BEFORE the send, so a day's digest
 * goes out at most once, across restarts and processes too; a crash mid-send leaves 'sending',
 * which is reported as 'unknown' and never re-sent. Not connected (or no recipient): nothing is
 * recorded, and the next check that day tries again.
 */
import { digestHeadline, digestText, type DigestSettings } from '../../../../shared/digest';
import type { Settings } from '../../../../shared/settings';
import { localDate, minutesOf, zonedParts, zonedTimeToUtc } from '../../../../shared/zoned-time';
import type { Db } from '../../db/open-db';
import { stmt } from '../../db/statements';
import { buildDigest } from '../../store/digest';
import type { GmailHandler } from './gmail-handler';
import type { ComposedEmail } from './gmail-payload';
import { parseAddress } from './mime-headers';
import { composeMime, messageIdFor, toBase64Url } from './mime';

export type DigestSendResult = 'sent' | 'already' | 'not_due' | 'off' | 'not_connected' | 'no_recipient' | 'failed';

/** The local day whose digest is due at `now` (its time has passed today), or null. Pure. */
export function digestDueDay(digest: DigestSettings, now: Date, timeZone: string): string | null {
  if (!digest.enabled || !digest.email) return null;
  const p = zonedParts(now, timeZone);
  return p.hour * 60 + p.minute >= minutesOf(digest.time) ? localDate(now, timeZone) : null;
}

/** The next instant the digest time comes (today's if still ahead, else tomorrow's). Pure, DST-safe. */
export function nextDigestAt(digest: DigestSettings, now: Date, timeZone: string): Date {
  const p = zonedParts(now, timeZone);
  const minutes = minutesOf(digest.time);
  const today = zonedTimeToUtc(p.year, p.month, p.day, Math.floor(minutes / 60), minutes % 60, timeZone);
  return today.getTime() > now.getTime() ? today : zonedTimeToUtc(p.year, p.month, p.day + 1, Math.floor(minutes / 60), minutes % 60, timeZone);
}

export interface DigestMailDeps {
  db: Db;
  settings: () => Settings;
  handler: GmailHandler;
  now: () => Date;
  /** The dashboard's address for task links in the e-mail; null: no links. */
  appUrl?: string | null;
}

/** Sends today's digest if it is due and not recorded yet. Safe to call any number of times. */
export async function sendDigestIfDue(deps: DigestMailDeps): Promise<DigestSendResult> {
  const settings = deps.settings();
  if (!settings.digest.enabled || !settings.digest.email) return 'off';
  const now = deps.now();
  const day = digestDueDay(settings.digest, now, settings.timeZone);
  if (!day) return 'not_due';
  if (stmt(deps.db, 'SELECT 1 FROM digest_deliveries WHERE day = ?').get(day)) return 'already';
  if (await deps.handler.account.unavailableReason()) return 'not_connected';
  const to = settings.alertEmail ?? (await deps.handler.account.status()).email;
  const recipient = to ? parseAddress(to) : null;
  if (!recipient) return 'no_recipient';
  // The claim: one row per day (primary key); a second process or a restart finds it and stops.
  const claimed = stmt(deps.db, `INSERT OR IGNORE INTO digest_deliveries (day, status, recipient, created_at, updated_at) VALUES (?, 'sending', ?, ?, ?)`).run(day, to, now.toISOString(), now.toISOString());
  if (claimed.changes === 0) return 'already';
  const digest = buildDigest(deps.db, { day, timeZone: settings.timeZone, dailyLimits: settings.dailyLimits, now });
  const email: ComposedEmail = {
    kind: 'compose',
    taskId: `digest-${day}`,
    emailId: null,
    category: null,
    scheduledFor: null,
    to: [recipient],
    cc: [],
    bcc: [],
    subject: `[Mission Control] Daily digest ${day}: ${digestHeadline(digest).replace(/ · /g, ', ')}`.slice(0, 900),
    text: digestText(digest, deps.appUrl ?? null),
    html: null,
    threadId: null,
    inReplyTo: null,
    references: [],
  };
  const finish = (status: 'sent' | 'failed', error: string | null) =>
    stmt(deps.db, 'UPDATE digest_deliveries SET status = ?, error = ?, updated_at = ? WHERE day = ?').run(status, error, deps.now().toISOString(), day);
  try {
    const { api } = await deps.handler.account.api();
    const raw = composeMime(email, { date: now, messageId: messageIdFor(`digest-${day}`) });
    await api.users.messages.send({ userId: 'me', requestBody: { raw: toBase64Url(raw) } }, { retry: false });
    finish('sent', null);
    return 'sent';
  } catch (error) {
    finish('failed', error instanceof Error ? error.message : String(error));
    return 'failed';
  }
}

/** Rows left 'sending' by a process that died mid-send: reported as unknown, never re-sent. */
export function markInterruptedDigests(db: Db, now: Date): void {
  stmt(db, `UPDATE digest_deliveries SET status = 'unknown', error = 'The app stopped while sending; check the mailbox (not re-sent)', updated_at = ? WHERE status = 'sending'`).run(now.toISOString());
}

export interface DigestTimer {
  /** Resolves when the check in progress (if any) has finished. */
  idle(): Promise<void>;
  stop(): void;
}

/**
 * Checks at start (a digest due earlier today goes out now), then at each digest time and at least
 * hourly (a changed time or a Gmail account connected later is noticed within the hour).
 */
export function startDigestTimer(deps: DigestMailDeps, onError: (error: unknown) => void): DigestTimer {
  let timer: NodeJS.Timeout | null = null;
  let current: Promise<unknown> = Promise.resolve();
  let stopped = false;
  markInterruptedDigests(deps.db, deps.now());
  const check = () => {
    current = sendDigestIfDue(deps)
      .catch(onError)
      .finally(() => {
        if (stopped) return;
        const settings = deps.settings();
        const next = nextDigestAt(settings.digest, deps.now(), settings.timeZone).getTime() - deps.now().getTime();
        timer = setTimeout(check, Math.max(1_000, Math.min(next + 1_000, 3_600_000)));
        timer.unref?.();
      });
  };
  check();
  return {
    idle: async () => void (await current),
    stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
    },
  };
}
