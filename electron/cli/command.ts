/**
 * The shape of a CLI command and what it gets to work with. Commands open the engine through
 * `io.openEngine` (the same engine as the desktop app, on `--db` or the user-data database).
 */
import type { Engine, EngineOptions } from '../engine/index';
import type { ParsedArgs } from './args';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  env: Record<string, string | undefined>;
  openEngine: (options: EngineOptions) => Engine;
  /** Where prompts read from (secrets: hidden on a terminal, one line each when piped). Default: process.stdin. */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
  /** Reads a secret from a hidden prompt or stdin (default: read-secret.ts on process.stdin). */
  readSecret?: (prompt: string) => Promise<string>;
}

export interface Command {
  name: string;
  summary: string;
  usage: string;
  /** Flags that take no value (besides --json and --help). */
  booleanFlags?: readonly string[];
  /**
   * Flags that take a value (besides --db). Any other flag is a usage error. null: the command
   * checks its flags itself (`channels connect` takes one flag per field of the chosen method).
   */
  valueFlags: readonly string[] | null;
  run(args: ParsedArgs, io: CliIo): Promise<number>;
}
