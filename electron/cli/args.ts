import { AppError } from '../../shared/errors';

/** A mistake in how the command was typed (as opposed to a service refusing valid input): answered with usage. */
export class UsageError extends AppError {
  constructor(message: string) {
    super('invalid_input', message);
  }
}

export interface ParsedArgs {
  positional: string[];
  /** The last value of each flag (or `true` for a boolean one). */
  flags: Map<string, string | true>;
  /** Every value of a flag given more than once (`--alias a --alias b`), in order. */
  repeated: Map<string, string[]>;
}

/** `--name value`, `--name=value` and boolean `--json`; `--` ends flags. */
export function parseArgs(argv: readonly string[], booleanFlags: ReadonlySet<string>): ParsedArgs {
  const positional: string[] = [];
  const flags = new Map<string, string | true>();
  const repeated = new Map<string, string[]>();
  const set = (name: string, value: string): void => {
    flags.set(name, value);
    repeated.set(name, [...(repeated.get(name) ?? []), value]);
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--') {
      positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (eq >= 0) set(name, arg.slice(eq + 1));
    else if (booleanFlags.has(name)) flags.set(name, true);
    else {
      const value = argv[i + 1];
      if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a value`);
      set(name, value);
      i++;
    }
  }
  return { positional, flags, repeated };
}

export function requireFlag(args: ParsedArgs, name: string): string {
  const value = args.flags.get(name);
  if (typeof value !== 'string' || value.trim() === '') throw new UsageError(`missing --${name}`);
  return value;
}

export function requirePositional(args: ParsedArgs, index: number, what: string): string {
  const value = args.positional[index];
  if (value === undefined || value.trim() === '') throw new UsageError(`missing ${what}`);
  return value;
}

/** A count, id or limit typed on the command line. */
export function wholeNumber(raw: string, what: string): number {
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new UsageError(`${what} must be a whole number`);
  return value;
}
