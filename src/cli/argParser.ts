import { UsageError } from './cliIo';

/** Declared options of one command: flags take no value, options take one. */
export interface OptionSpec {
  readonly flags?: readonly string[];
  readonly options?: readonly string[];
  /** Short aliases, e.g. { '-o': '--output' }. */
  readonly aliases?: Readonly<Record<string, string>>;
}

/** Parsed arguments: flags present, option values, positionals, and what followed `--`. */
export interface ParsedArgs {
  readonly flags: ReadonlySet<string>;
  readonly options: ReadonlyMap<string, string>;
  readonly positionals: readonly string[];
  readonly rest: readonly string[] | undefined;
}

/** Parses a command's arguments strictly: unknown options and missing values are UsageErrors. */
export function parseArgs(args: readonly string[], spec: OptionSpec): ParsedArgs {
  const flags = new Set<string>();
  const options = new Map<string, string>();
  const positionals: string[] = [];
  let rest: string[] | undefined;
  for (let i = 0; i < args.length; i++) {
    const raw = args[i];
    if (raw === '--') {
      rest = args.slice(i + 1);
      break;
    }
    if (!raw.startsWith('-') || raw === '-') {
      positionals.push(raw);
      continue;
    }
    const eq = raw.indexOf('=');
    const name0 = eq > 0 ? raw.slice(0, eq) : raw;
    const name = spec.aliases?.[name0] ?? name0;
    if (spec.flags?.includes(name)) {
      if (eq > 0) throw new UsageError(`${name0} takes no value.`);
      flags.add(name);
    } else if (spec.options?.includes(name)) {
      let value: string | undefined;
      if (eq > 0) value = raw.slice(eq + 1);
      else value = args[++i];
      if (value === undefined) throw new UsageError(`${name0} needs a value.`);
      options.set(name, value);
    } else {
      throw new UsageError(`unknown option '${name0}'.`);
    }
  }
  return { flags, options, positionals, rest };
}

/** Reads a positive integer option, or the default. */
export function intOption(parsed: ParsedArgs, name: string, fallback: number, min = 1): number {
  const raw = parsed.options.get(name);
  if (raw === undefined) return fallback;
  if (!/^\d+$/.test(raw) || Number(raw) < min) throw new UsageError(`${name} must be a whole number of at least ${min}, not '${raw}'.`);
  return Number(raw);
}

/** Reads a positive number option (may be fractional), or undefined. */
export function numberOption(parsed: ParsedArgs, name: string): number | undefined {
  const raw = parsed.options.get(name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || n <= 0) throw new UsageError(`${name} must be a positive number, not '${raw}'.`);
  return n;
}
