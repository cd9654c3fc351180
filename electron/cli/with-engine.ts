/**
 * Opens the engine a command works on (`--db PATH`, else MISSION_CONTROL_DB, else the desktop
 * app's user-data database), runs the command and always closes the database.
 *
 * Only commands that write may create a database. The user-data folder is created (0700) when
 * missing, saying so on stderr; a folder named by `--db`/MISSION_CONTROL_DB never is (a typo
 * like `--db /nonexistent/x.db` must not silently start a new, empty database there).
 */
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import type { Engine } from '../engine/index';
import { defaultDbPath } from '../engine/paths';
import { stringFlag, UsageError, type ParsedArgs } from './args';
import type { CliIo } from './command';

export interface DbPlan {
  dbPath: string;
  /** The database file does not exist yet. */
  isNew: boolean;
  /** The folder to create first (the user-data folder), or null. */
  createFolder: string | null;
}

/** Decides where the database is and what may be created; throws a UsageError when it may not. */
export function planDatabase(explicitPath: string | undefined, env: Record<string, string | undefined>, creates: boolean): DbPlan {
  const explicit = explicitPath ?? (env.MISSION_CONTROL_DB || undefined);
  const dbPath = resolve(explicit ?? defaultDbPath(env));
  if (existsSync(dbPath)) return { dbPath, isNew: false, createFolder: null };
  if (!creates) throw new UsageError(`no database at ${dbPath} (it is created by \`tasks add\`, \`serve\` or the desktop app); check --db`);
  const folder = dirname(dbPath);
  if (existsSync(folder)) return { dbPath, isNew: true, createFolder: null };
  if (explicit !== undefined) throw new UsageError(`the folder ${folder} does not exist; create it first or fix --db (only the user-data folder is created automatically)`);
  return { dbPath, isNew: true, createFolder: folder };
}

/** Creates the user-data folder (0700) when the plan says so, and says so on stderr. */
export function prepareDatabase(plan: DbPlan, io: Pick<CliIo, 'stderr'>): void {
  if (plan.createFolder) {
    mkdirSync(plan.createFolder, { recursive: true, mode: 0o700 });
    io.stderr(`Created the user-data folder ${plan.createFolder}\n`);
  }
}

export async function withEngine<T>(args: ParsedArgs, io: CliIo, work: (engine: Engine) => Promise<T>, options: { creates?: boolean } = {}): Promise<T> {
  const plan = planDatabase(stringFlag(args, 'db'), io.env, options.creates ?? true);
  prepareDatabase(plan, io);
  const engine = io.openEngine({ dbPath: plan.dbPath, env: io.env });
  try {
    return await work(engine);
  } finally {
    await engine.close();
  }
}
