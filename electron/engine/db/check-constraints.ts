/**
 * CHECK constraints of the form `"t"."col" IN ('a', 'b', 'c')` rewritten as `"t"."col" = 'a' OR …`.
 *
 * SQLite checks an IN list of more than two values by building a temporary b-tree of the list, on
 * every INSERT and every UPDATE of the column (measured: 1.6 µs a row, more than the rest of a
 * small insert). The executor's hot writes hit three of them per task: the status on squad_tasks,
 * the state on task_executions and the level on agent_logs. Comparisons joined by OR accept and
 * refuse exactly the same values (NULL included: both are NULL, which a CHECK lets through, and the
 * columns are NOT NULL where it matters) without the temporary table.
 *
 * The migrations create the IN form (their SQL stays as drizzle wrote it). The text is changed in
 * place after they run, by SQLite's documented procedure for changing a CHECK constraint
 * (https://sqlite.org/lang_altertable.html#otheralter: writable_schema, schema_version + 1, then an
 * quick_check), in one transaction: the new constraint is equivalent, so every row satisfies it.
 */
import type { Db } from './open-db';

const inListCheck = /CHECK\(("[A-Za-z_]+"\."[A-Za-z_]+") IN \(('[^']*'(?:, '[^']*'){2,})\)\)/g;

/** A table's CREATE statement with every IN-list CHECK of three or more values written as ORs. */
export function withOrChecks(createSql: string): string {
  return createSql.replace(inListCheck, (_, column: string, list: string) => {
    const values = list.split(', ');
    return `CHECK(${values.map((value) => `${column} = ${value}`).join(' OR ')})`;
  });
}

/** Rewrites the tables whose CHECKs still use IN lists; a no-op once done (one read of sqlite_master). */
export function rewriteInListChecks(db: Db): string[] {
  const tables = (db.prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'table' AND sql LIKE '%CHECK(%'`).all() as { name: string; sql: string }[])
    .map((table) => ({ ...table, rewritten: withOrChecks(table.sql) }))
    .filter((table) => table.rewritten !== table.sql);
  if (tables.length === 0) return [];
  // Defensive mode (better-sqlite3's default) forbids writing sqlite_master: lifted for this step only.
  db.unsafeMode(true);
  try {
    db.transaction(() => {
      const version = db.pragma('schema_version', { simple: true }) as number;
      db.pragma('writable_schema = ON');
      const update = db.prepare(`UPDATE sqlite_master SET sql = ? WHERE type = 'table' AND name = ?`);
      for (const table of tables) update.run(table.rewritten, table.name);
      db.pragma(`schema_version = ${version + 1}`);
      db.pragma('writable_schema = OFF');
    })();
  } finally {
    db.unsafeMode(false);
  }
  // quick_check verifies every row against the CHECK constraints as now written (it skips only index contents).
  const check = (db.pragma('quick_check(5)') as { quick_check: string }[]).map((row) => row.quick_check);
  if (check.length !== 1 || check[0] !== 'ok') throw new Error(`rewriting CHECK constraints left the schema inconsistent: ${check.join('; ')}`);
  return tables.map((table) => table.name);
}
