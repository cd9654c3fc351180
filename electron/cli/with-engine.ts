/**
 * Opens the engine a command works on (`--db PATH`, else MISSION_CONTROL_DB, else the desktop
 * app's user-data database), runs the command and always closes the database.
 */
import type { Engine } from '../engine/index';
import { stringFlag, type ParsedArgs } from './args';
import type { CliIo } from './command';

export async function withEngine<T>(args: ParsedArgs, io: CliIo, work: (engine: Engine) => Promise<T>): Promise<T> {
  const engine = io.openEngine({ dbPath: stringFlag(args, 'db'), env: io.env });
  try {
    return await work(engine);
  } finally {
    await engine.close();
  }
}
