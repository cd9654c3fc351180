/**
 * The squad_tasks columns both sides share, grouped by who may write them (the conflict rules in
 * docs/sync.md), and the conversions between SQLite (0/1 booleans, ISO-8601 ms text, JSON text)
 * and Postgres (boolean, timestamptz, jsonb). Local-only columns (lease_owner, hold_reason, ...)
 * never appear here, so they are never pushed.
 */

/** What the task is: edited by people and agents on either side. */
export const contentColumns = ['title', 'description', 'priority', 'assigned_agent', 'mentions_kenny', 'requires_approval', 'metadata'] as const;
/** Approve / reject, kept with author and time from either side. */
export const decisionColumns = ['approved_by', 'approved_at', 'rejected_by', 'rejected_at', 'rejection_reason'] as const;
/** Written only by the executor holding the claim. */
export const executionColumns = ['status', 'execution_attempts', 'last_execution_attempt', 'execution_error', 'completed_at', 'deliverable_url'] as const;

export const cloudTaskColumns = [...contentColumns, ...decisionColumns, ...executionColumns] as const;
export type CloudTaskColumn = (typeof cloudTaskColumns)[number];

type PgType = 'text' | 'integer' | 'boolean' | 'timestamptz' | 'jsonb';
const columnTypes: Record<CloudTaskColumn | 'created_at', PgType> = {
  title: 'text',
  description: 'text',
  priority: 'text',
  assigned_agent: 'text',
  mentions_kenny: 'boolean',
  requires_approval: 'boolean',
  metadata: 'jsonb',
  approved_by: 'text',
  approved_at: 'timestamptz',
  rejected_by: 'text',
  rejected_at: 'timestamptz',
  rejection_reason: 'text',
  status: 'text',
  execution_attempts: 'integer',
  last_execution_attempt: 'timestamptz',
  execution_error: 'text',
  completed_at: 'timestamptz',
  deliverable_url: 'text',
  created_at: 'timestamptz',
};

export function pgType(column: CloudTaskColumn | 'created_at'): PgType {
  return columnTypes[column];
}

/** A SQLite value (as the outbox payload holds it) as a parameter for `$n::<type>`. */
export function toRemoteParam(column: CloudTaskColumn | 'created_at', value: unknown): unknown {
  if (value === null || value === undefined) return null;
  switch (columnTypes[column]) {
    case 'boolean':
      return value === 1 || value === true || value === '1';
    case 'jsonb':
      return typeof value === 'string' ? value : JSON.stringify(value);
    case 'integer':
      return Number(value);
    default:
      return String(value);
  }
}

/** squad_tasks as the pull reads it; timestamps come back as ISO text with ms, jsonb as text. */
export const remoteTaskSelect = `
  id::text AS id, title, description, status, assigned_agent, priority, mentions_kenny, deliverable_url,
  ${isoSql('created_at')} AS created_at, updated_at::text AS updated_at_raw, execution_attempts,
  ${isoSql('last_execution_attempt')} AS last_execution_attempt, execution_error, requires_approval,
  approved_by, ${isoSql('approved_at')} AS approved_at, rejected_by, ${isoSql('rejected_at')} AS rejected_at,
  rejection_reason, metadata::text AS metadata, ${isoSql('completed_at')} AS completed_at,
  mc_lease_owner, ${isoSql('mc_lease_expires_at')} AS mc_lease_expires_at,
  (mc_lease_expires_at IS NOT NULL AND mc_lease_expires_at > now()) AS mc_lease_active`;

function isoSql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
}

export interface RemoteTaskRow {
  id: string;
  title: string;
  description: string | null;
  status: string;
  assigned_agent: string;
  priority: string;
  mentions_kenny: boolean | null;
  deliverable_url: string | null;
  created_at: string | null;
  /** Postgres' own text of updated_at (microseconds): the pull cursor and the row's version. */
  updated_at_raw: string;
  execution_attempts: number | null;
  last_execution_attempt: string | null;
  execution_error: string | null;
  requires_approval: boolean | null;
  approved_by: string | null;
  approved_at: string | null;
  rejected_by: string | null;
  rejected_at: string | null;
  rejection_reason: string | null;
  metadata: string | null;
  completed_at: string | null;
  mc_lease_owner: string | null;
  mc_lease_expires_at: string | null;
  mc_lease_active: boolean;
}

/** A remote row's shared columns in SQLite form (what the local row would hold). */
export function toLocalValues(row: RemoteTaskRow): Record<CloudTaskColumn, unknown> {
  return {
    title: row.title,
    description: row.description,
    priority: row.priority,
    assigned_agent: row.assigned_agent,
    mentions_kenny: row.mentions_kenny == null ? null : row.mentions_kenny ? 1 : 0,
    requires_approval: row.requires_approval ? 1 : 0,
    metadata: normalizeMetadata(row.metadata),
    approved_by: row.approved_by,
    approved_at: row.approved_at,
    rejected_by: row.rejected_by,
    rejected_at: row.rejected_at,
    rejection_reason: row.rejection_reason,
    status: row.status,
    execution_attempts: row.execution_attempts ?? 0,
    last_execution_attempt: row.last_execution_attempt,
    execution_error: row.execution_error,
    completed_at: row.completed_at,
    deliverable_url: row.deliverable_url,
  };
}

/** Local metadata must be a JSON object (CHECK constraint); anything else becomes `{}` with the original kept. */
function normalizeMetadata(text: string | null): string {
  if (text == null) return '{}';
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === 'object' && !Array.isArray(value)) return text;
    return JSON.stringify({ remote_metadata: value });
  } catch {
    return '{}';
  }
}

/** Equal as the user sees them: JSON compared by value (jsonb reorders keys), the rest strictly. */
export function sameValue(column: CloudTaskColumn, a: unknown, b: unknown): boolean {
  if (columnTypes[column] === 'jsonb') return canonicalJson(a) === canonicalJson(b);
  if (a == null || b == null) return a == null && b == null;
  return String(a) === String(b);
}

function canonicalJson(value: unknown): string {
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      return value;
    }
  }
  return JSON.stringify(sortKeys(parsed));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value as Record<string, unknown>)
        .sort()
        .map((key) => [key, sortKeys((value as Record<string, unknown>)[key])]),
    );
  }
  return value;
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Remote ids are uuids; a local task with another kind of id cannot exist remotely. */
export function isUuid(id: string): boolean {
  return uuidPattern.test(id);
}
