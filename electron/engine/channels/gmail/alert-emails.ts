/**
 * Urgent alerts e-mailed to ALERT_EMAIL through the connected Gmail account, as the cloud did:
 * at most one e-mail per alert type per throttle window (default 60 min). Every urgent alert
 * records what happened to its e-mail in alerts.delivery_status / delivery_error: 'sent',
 * 'throttled', 'not_configured' (no ALERT_EMAIL or no Gmail account) or 'failed'. Also raises
 * the "Gmail needs reconnecting" alert when Google rejects the refresh token.
 */
import type { Alert } from '../../../../shared/domain';
import type { Db } from '../../db/open-db';
import { stmt } from '../../db/statements';
import { insertAlert, setAlertDelivery, type NewAlert } from '../../store/alerts';
import { raiseReconnectAlertOnce } from '../../executor/reconnect-alert';
import type { GmailHandler } from './gmail-handler';
import type { ComposedEmail } from './gmail-payload';
import { parseAddress } from './mime-headers';
import { composeMime, messageIdFor, toBase64Url } from './mime';

/** One e-mail per alert type per window. Default: 60 minutes (the cloud's). */
export const defaultAlertThrottleMs = 60 * 60_000;

/** The part of the engine this needs (electron/engine/index.ts Engine satisfies it). */
export interface AlertEngine {
  readonly db: Db;
  on(event: 'alert:raised', listener: (alert: Alert) => void): () => void;
  readonly api: { 'settings:get': (input: Record<string, never>) => Promise<{ settings: { alertEmail: string | null } }> };
  /** If the engine offers it, alerts raised here are announced like its own. */
  raiseAlert?: (alert: NewAlert) => void;
}

export interface AlertEmailOptions {
  throttleMs?: number;
  now?: () => Date;
}

export interface AttachedGmail {
  /** Resolves when every e-mail started so far has been attempted and recorded. */
  idle(): Promise<void>;
  detach(): void;
}

function lastSentOfType(db: Db, type: string, excludeId: string, sinceIso: string): string | null {
  const row = stmt(db, `SELECT created_at FROM alerts WHERE type = ? AND id != ? AND delivery_status = 'sent' AND created_at >= ? ORDER BY created_at DESC LIMIT 1`).get(type, excludeId, sinceIso) as
    | { created_at: string }
    | undefined;
  return row?.created_at ?? null;
}

function alertMessage(alert: Alert, to: string): ComposedEmail {
  const lines = [
    alert.message,
    '',
    `Type: ${alert.type}`,
    `Severity: ${alert.severity}`,
    `Raised: ${alert.createdAt}`,
    ...(Object.keys(alert.metadata).length ? ['', 'Details:', JSON.stringify(alert.metadata, null, 2)] : []),
    '',
    'Open Mission Control to acknowledge it. Further alerts of this type are not e-mailed for the next hour.',
  ];
  const recipient = parseAddress(to);
  return {
    kind: 'compose',
    taskId: `alert-${alert.id}`,
    emailId: null,
    category: null,
    scheduledFor: null,
    to: recipient ? [recipient] : [],
    cc: [],
    bcc: [],
    subject: `[Mission Control] ${alert.severity.toUpperCase()}: ${alert.title}`.slice(0, 900),
    text: lines.join('\n'),
    html: null,
    threadId: null,
    inReplyTo: null,
    references: [],
  };
}

/** Wires the Gmail channel into an engine: urgent alert e-mails and the reconnect alert. */
export function attachGmailToEngine(engine: AlertEngine, handler: GmailHandler, options: AlertEmailOptions = {}): AttachedGmail {
  const throttleMs = options.throttleMs ?? defaultAlertThrottleMs;
  const now = options.now ?? (() => new Date());
  // Deliveries of one type run one after another, so two alerts at once cannot both pass the throttle.
  const chains = new Map<string, Promise<void>>();
  const pending = new Set<Promise<void>>();

  const deliver = async (alert: Alert): Promise<void> => {
    const { settings } = await engine.api['settings:get']({});
    if (!settings.alertEmail) return setAlertDelivery(engine.db, alert.id, 'not_configured', 'ALERT_EMAIL is not set');
    const since = new Date(now().getTime() - throttleMs).toISOString();
    const last = lastSentOfType(engine.db, alert.type, alert.id, since);
    if (last) return setAlertDelivery(engine.db, alert.id, 'throttled', `An e-mail for a ${alert.type} alert went out at ${last}; one per ${Math.round(throttleMs / 60_000)} min`);
    const unavailable = await handler.account.unavailableReason();
    if (unavailable) return setAlertDelivery(engine.db, alert.id, 'not_configured', unavailable);
    try {
      const { api } = await handler.account.api();
      const raw = composeMime(alertMessage(alert, settings.alertEmail), { date: now(), messageId: messageIdFor(`alert-${alert.id}`) });
      await api.users.messages.send({ userId: 'me', requestBody: { raw: toBase64Url(raw) } }, { retry: false });
      setAlertDelivery(engine.db, alert.id, 'sent');
    } catch (error) {
      setAlertDelivery(engine.db, alert.id, 'failed', error instanceof Error ? error.message : String(error));
    }
  };

  const offAlert = engine.on('alert:raised', (alert) => {
    if (alert.severity !== 'urgent') return;
    const run = (chains.get(alert.type) ?? Promise.resolve()).then(() => deliver(alert)).catch((error: unknown) => {
      console.error('[gmail] alert e-mail failed:', error);
    });
    chains.set(alert.type, run);
    pending.add(run);
    void run.finally(() => pending.delete(run));
  });

  // The same one-per-channel alert the executor raises when it holds a task (executor/reconnect-alert.ts).
  const offReconnect = handler.onReconnectNeeded((message) => {
    raiseReconnectAlertOnce(engine.db, (alert) => (engine.raiseAlert ? engine.raiseAlert(alert) : void insertAlert(engine.db, alert, now())), handler, message);
  });

  return {
    idle: async () => {
      while (pending.size) await Promise.all([...pending]);
    },
    detach() {
      offAlert();
      offReconnect();
    },
  };
}
