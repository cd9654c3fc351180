/**
 * Enough GAQL for the fake: SELECT fields FROM resource [WHERE a = b AND c >= 'd'] [ORDER BY x
 * [DESC]] [LIMIT n]. Answers like googleAds:search: `{results, fieldMask}`, each row holding only
 * the selected fields (unset fields omitted, as proto3 JSON does) plus each resource's resourceName.
 */
import type { FakeAdsAccount } from './fake-ads-account';

const camel = (segment: string) => segment.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
const pathOf = (field: string) => field.trim().split('.').map(camel);

function read(row: Record<string, unknown>, path: string[]): unknown {
  let value: unknown = row;
  for (const part of path) value = value && typeof value === 'object' ? (value as Record<string, unknown>)[part] : undefined;
  return value;
}

function write(target: Record<string, unknown>, path: string[], value: unknown): void {
  let cursor = target;
  for (const part of path.slice(0, -1)) cursor = (cursor[part] ??= {}) as Record<string, unknown>;
  cursor[path[path.length - 1]!] = value;
}

const literal = (text: string): string => {
  const trimmed = text.trim();
  return /^'.*'$/.test(trimmed) ? trimmed.slice(1, -1) : trimmed;
};

function holds(actual: unknown, op: string, expected: string): boolean {
  if (actual === undefined || actual === null) return false;
  const a = String(actual);
  switch (op) {
    case '=':
      return a === expected;
    case '!=':
      return a !== expected;
    case '>=':
      return a >= expected;
    case '<=':
      return a <= expected;
    case '>':
      return a > expected;
    case '<':
      return a < expected;
    default:
      throw new Error(`operator ${op} not supported by the fake`);
  }
}

export function runGaql(account: FakeAdsAccount, query: string): { results: Record<string, unknown>[]; fieldMask: string } {
  const match = query.trim().match(/^SELECT\s+(.+?)\s+FROM\s+(\w+)(?:\s+WHERE\s+(.+?))?(?:\s+ORDER BY\s+(.+?))?(?:\s+LIMIT\s+(\d+))?$/is);
  if (!match) throw new Error(`Error in query: cannot parse "${query}"`);
  const [, select, resource, where, orderBy, limit] = match as unknown as [string, string, string, string | undefined, string | undefined, string | undefined];
  const fields = select.split(',').map((field) => field.trim());
  let rows = account.rows(resource);
  for (const condition of where ? where.split(/\s+AND\s+/i) : []) {
    const parts = condition.match(/^\s*([\w.]+)\s*(>=|<=|!=|=|>|<)\s*(.+?)\s*$/);
    if (!parts) throw new Error(`Error in query: condition "${condition}"`);
    const [, field, op, value] = parts as unknown as [string, string, string, string];
    rows = rows.filter((row) => holds(read(row, pathOf(field)), op, literal(value)));
  }
  if (orderBy) {
    const [field, direction] = orderBy.trim().split(/\s+/) as [string, string | undefined];
    const sign = direction?.toUpperCase() === 'DESC' ? -1 : 1;
    rows = [...rows].sort((a, b) => (String(read(a, pathOf(field))) < String(read(b, pathOf(field))) ? -sign : sign));
  }
  if (limit) rows = rows.slice(0, Number(limit));
  const results = rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const field of fields) {
      const path = pathOf(field);
      const top = row[path[0]!] as Record<string, unknown> | undefined;
      if (top?.resourceName) write(out, [path[0]!, 'resourceName'], top.resourceName);
      const value = read(row, path);
      if (value !== undefined) write(out, path, value);
    }
    return out;
  });
  return { results, fieldMask: fields.map((field) => pathOf(field).join('.')).join(',') };
}
