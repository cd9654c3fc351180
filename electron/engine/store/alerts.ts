/**
 * alerts: the cloud's table plus local acknowledgement and e-mail delivery status.
 */
import type { Alert, AlertSeverity, AlertType } from '../../../shared/domain';
import type { Db } from '../db/open-db';
import { parseJsonColumn, stmt } from '../db/statements';
import { uuidv7 } from './ids';

export interface NewAlert {
  type: AlertType;
  severity: AlertSeverity;
  title: string;
  message: string;
  metadata?: Record<string, unknown>;
}

interface AlertRow {
  id: string;
  type: string;
  severity: string;
  title: string;
  message: string;
  metadata: string;
  created_at: string;
  acknowledged_at: string | null;
  acknowledged_by: string | null;
  delivery_status: string | null;
  delivery_error: string | null;
}

const rowToAlert = (row: AlertRow): Alert => ({
  id: row.id,
  type: row.type,
  severity: row.severity as AlertSeverity,
  title: row.title,
  message: row.message,
  metadata: parseJsonColumn<Record<string, unknown>>(row.metadata, {}),
  createdAt: row.created_at,
  acknowledgedAt: row.acknowledged_at,
  acknowledgedBy: row.acknowledged_by,
  deliveryStatus: row.delivery_status,
  deliveryError: row.delivery_error,
});

export function insertAlert(db: Db, alert: NewAlert, now: Date): Alert {
  const row = stmt(
    db,
    `INSERT INTO alerts (id, type, severity, title, message, metadata, created_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING *`,
  ).get(uuidv7(now.getTime()), alert.type, alert.severity, alert.title, alert.message, JSON.stringify(alert.metadata ?? {}), now.toISOString()) as AlertRow;
  return rowToAlert(row);
}

export function getAlert(db: Db, id: string): Alert | null {
  const row = stmt(db, 'SELECT * FROM alerts WHERE id = ?').get(id) as AlertRow | undefined;
  return row ? rowToAlert(row) : null;
}

export function listAlerts(db: Db, options: { unacknowledgedOnly: boolean; limit: number }): Alert[] {
  const where = options.unacknowledgedOnly ? 'WHERE acknowledged_at IS NULL' : '';
  return (db.prepare(`SELECT * FROM alerts ${where} ORDER BY created_at DESC, rowid DESC LIMIT ?`).all(options.limit) as AlertRow[]).map(rowToAlert);
}

export function countUnacknowledgedAlerts(db: Db): number {
  return (stmt(db, 'SELECT count(*) AS n FROM alerts WHERE acknowledged_at IS NULL').get() as { n: number }).n;
}

export function acknowledgeAlert(db: Db, id: string, by: string, now: Date): Alert | null {
  const row = stmt(
    db,
    'UPDATE alerts SET acknowledged_at = coalesce(acknowledged_at, ?), acknowledged_by = coalesce(acknowledged_by, ?) WHERE id = ? RETURNING *',
  ).get(now.toISOString(), by, id) as AlertRow | undefined;
  return row ? rowToAlert(row) : null;
}

/** Records whether an urgent alert's e-mail went out ('sent' | 'failed' | 'throttled' | 'not_configured'). */
export function setAlertDelivery(db: Db, id: string, status: string, error: string | null = null): void {
  stmt(db, 'UPDATE alerts SET delivery_status = ?, delivery_error = ? WHERE id = ?').run(status, error, id);
}


/**
 * Whether a "needs reconnecting" alert for this channel already stands: unacknowledged, or raised
 * for the same refusal (`detail`). Keeps it to one alert per channel, however many tasks wait.
 */
export function hasReconnectAlert(db: Db, channelId: string, detail: string): boolean {
  const row = stmt(
    db,
    `SELECT 1 FROM alerts WHERE json_extract(metadata, '$.channel') = ? AND json_extract(metadata, '$.kind') = 'channel_reconnect'
       AND (acknowledged_at IS NULL OR json_extract(metadata, '$.detail') = ?) LIMIT 1`,
  ).get(channelId, detail);
  return row !== undefined;
}
