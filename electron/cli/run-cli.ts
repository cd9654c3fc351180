/**
 * `mission-control COMMAND ...`: dispatch, help, and errors a person can act on (stderr, non-zero
 * exit: 2 for usage mistakes, 1 when the engine refused or failed).
 */
import { EngineError } from '../engine/errors';
import { createEngine } from '../engine/index';
import { createFileSecretStore } from '../engine/secrets/file-secret-store';
import { parseArgs, UsageError } from './args';
import type { CliIo } from './command';
import { commands } from './commands/index';
import { escapeControls } from './terminal-text';

export const defaultIo = (): CliIo => ({
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
  // Headless: channel credentials live in a 0600 file in the user-data folder (docs/gmail.md).
  openEngine: (options) => createEngine({ secrets: createFileSecretStore(options.env ?? process.env), ...options }),
});

function help(): string {
  const width = Math.max(...commands.map((command) => command.name.length));
  return [
    'Mission Control: executes Audico agent tasks from a local SQLite database.',
    '',
    'Usage: mission-control COMMAND [options]',
    '',
    ...commands.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`),
    '',
    'Every command takes --db PATH (default: the desktop app database, or MISSION_CONTROL_DB).',
    'Run `mission-control COMMAND --help` for a command\'s options.',
    '',
  ].join('\n');
}

export async function runCli(argv: readonly string[], rawIo: CliIo = defaultIo()): Promise<number> {
  // Everything printed goes through here: titles and errors carry other writers' text.
  const io: CliIo = { ...rawIo, stdout: (text) => rawIo.stdout(escapeControls(text)), stderr: (text) => rawIo.stderr(escapeControls(text)) };
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    io.stdout(help());
    return name ? 0 : 2;
  }
  const command = commands.find((candidate) => candidate.name === name);
  if (!command) {
    io.stderr(`mission-control: unknown command "${name}". Commands: ${commands.map((c) => c.name).join(', ')}\n`);
    return 2;
  }
  try {
    const args = parseArgs(rest, command.booleanFlags, command.valueFlags ?? undefined);
    if (args.flags.has('help')) {
      io.stdout(`Usage: mission-control ${command.usage}\n\n${command.summary}\n`);
      return 0;
    }
    return await command.run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`mission-control ${name}: ${error.message}\nUsage: mission-control ${command.usage}\n`);
      return 2;
    }
    if (error instanceof EngineError) {
      io.stderr(`mission-control ${name}: ${error.message}\n`);
      return 1;
    }
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`mission-control ${name} failed: ${message}\n`);
    return 1;
  }
}
