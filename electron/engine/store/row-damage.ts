/**
 * squad_tasks rows written by other clients (any SQLite tool, an older sync) may hold values of
 * the wrong type: requires_approval 'true', not_before 'garbage', a BLOB title, attempts 1e18.
 * Migration 0008 refuses new ones; rows that got in before are read here into safe values and a
 * list of damaged columns, so one bad row never breaks a list and never runs unnoticed.
 */

/** Most attempts a row may claim (also the migration's CHECK trigger bound). */
export const maxAttempts = 1_000_000;

/** How a stored value looks, for messages: `'true' (text)`, `binary data (5 bytes)`. */
export function describeValue(value: unknown): string {
  if (value instanceof Uint8Array) return `binary data (${value.byteLength} bytes)`;
  if (typeof value === 'string') return `${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)} (text)`;
  if (typeof value === 'bigint') return `${value} (integer)`;
  return `${String(value)} (${value === null ? 'null' : typeof value === 'number' && !Number.isInteger(value) ? 'real' : typeof value})`;
}

const isTime = (value: unknown): value is string => typeof value === 'string' && !Number.isNaN(Date.parse(value));

/** Reads one row's columns into safe values, noting each damaged column as "column: why". */
export class RowReader {
  readonly damage: string[] = [];
  constructor(private readonly row: Record<string, unknown>) {}

  private note(column: string, expected: string): void {
    this.damage.push(`${column} is ${describeValue(this.row[column])}, expected ${expected}`);
  }

  text(column: string, fallback: string): string {
    const value = this.row[column];
    if (typeof value === 'string') return value;
    this.note(column, 'text');
    return value instanceof Uint8Array ? `[damaged ${column}: ${describeValue(value)}]` : fallback;
  }

  optionalText(column: string): string | null {
    const value = this.row[column];
    if (value === null || value === undefined || typeof value === 'string') return value ?? null;
    this.note(column, 'text or null');
    return null;
  }

  /** 0/1 flags; a damaged flag reads as `whenDamaged` (the safe side: held, not retried). */
  flag(column: string, whenDamaged: boolean): boolean {
    const value = this.row[column];
    if (value === 0 || value === 1) return value === 1;
    this.note(column, '0 or 1');
    return whenDamaged;
  }

  optionalFlag(column: string): boolean | null {
    const value = this.row[column];
    if (value === null || value === undefined) return null;
    return this.flag(column, false);
  }

  count(column: string): number {
    const value = this.row[column];
    if (typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 && value <= maxAttempts) return value;
    this.note(column, `a whole number from 0 to ${maxAttempts}`);
    return 0;
  }

  time(column: string, fallback: string): string {
    const value = this.row[column];
    if (isTime(value)) return value;
    this.note(column, 'an ISO-8601 time');
    return fallback;
  }

  optionalTime(column: string): string | null {
    const value = this.row[column];
    if (value === null || value === undefined) return null;
    if (isTime(value)) return value;
    this.note(column, 'an ISO-8601 time or null');
    return null;
  }
}

/** SQL: the row has a value of the wrong type in a column the executor relies on (same rules as migration 0008). */
export const damagedRowSql = `(typeof(title) <> 'text'
  OR typeof(requires_approval) <> 'integer' OR requires_approval NOT IN (0, 1)
  OR typeof(outcome_unknown) <> 'integer' OR outcome_unknown NOT IN (0, 1)
  OR typeof(execution_attempts) <> 'integer' OR execution_attempts NOT BETWEEN 0 AND ${maxAttempts}
  OR (not_before IS NOT NULL AND (typeof(not_before) <> 'text' OR julianday(not_before) IS NULL))
  OR (lease_expires_at IS NOT NULL AND (typeof(lease_expires_at) <> 'text' OR julianday(lease_expires_at) IS NULL)))`;
