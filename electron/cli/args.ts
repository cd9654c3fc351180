/**
 * A small argv parser: positionals, `--flag value`, `--flag=value` and boolean `--flag`.
 * Boolean flags are declared per command so `--json ID` is not read as `--json=ID`. With the
 * command's value flags declared, an unknown flag (`--agnet`, `--d`) or an empty value (`--db=`)
 * is a usage error suggesting the closest valid flag, never silently ignored.
 */
import { closestName } from '../../shared/strict-input';

export interface ParsedArgs {
  positionals: string[];
  flags: Map<string, string | true>;
}

export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/** Flags every command takes. */
export const commonValueFlags = ['db'] as const;

export function parseArgs(argv: readonly string[], booleanFlags: readonly string[] = [], valueFlags?: readonly string[]): ParsedArgs {
  const positionals: string[] = [];
  const flags = new Map<string, string | true>();
  const booleans = new Set(['json', 'help', ...booleanFlags]);
  const values = valueFlags === undefined ? null : new Set([...commonValueFlags, ...valueFlags]);
  const check = (name: string): void => {
    if (values === null || values.has(name) || booleans.has(name)) return;
    const known = [...values, ...booleans];
    const suggestion = closestName(name, known) ?? known.find((flag) => name.length > 0 && flag.startsWith(name));
    throw new UsageError(`unknown flag --${name}${suggestion ? ` (did you mean --${suggestion}?)` : ''}`);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--')) {
      positionals.push(arg);
      continue;
    }
    const [name, inline] = arg.slice(2).split(/=(.*)/s, 2) as [string, string | undefined];
    check(name);
    if (inline !== undefined) {
      if (inline.trim() === '') throw new UsageError(`--${name} needs a value (got an empty one)`);
      flags.set(name, inline);
    } else if (booleans.has(name)) flags.set(name, true);
    else {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      if (value.trim() === '') throw new UsageError(`--${name} needs a value (got an empty one)`);
      flags.set(name, value);
      i++;
    }
  }
  return { positionals, flags };
}

export function stringFlag(args: ParsedArgs, name: string): string | undefined {
  const value = args.flags.get(name);
  if (value === true) throw new UsageError(`--${name} needs a value`);
  return value;
}

export function requiredFlag(args: ParsedArgs, name: string, hint: string): string {
  const value = stringFlag(args, name);
  if (!value?.trim()) throw new UsageError(`--${name} is required (${hint})`);
  return value;
}

export function intFlag(args: ParsedArgs, name: string): number | undefined {
  const value = stringFlag(args, name);
  if (value === undefined) return undefined;
  const number = Number(value);
  if (!Number.isInteger(number) || number < 0) throw new UsageError(`--${name} must be a whole number, got "${value}"`);
  return number;
}

export const boolFlag = (args: ParsedArgs, name: string): boolean => args.flags.get(name) === true || args.flags.get(name) === 'true';

export function positional(args: ParsedArgs, index: number, what: string): string {
  const value = args.positionals[index];
  if (!value) throw new UsageError(`missing ${what}`);
  return value;
}
