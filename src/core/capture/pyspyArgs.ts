/**
 * py-spy command lines, built as argument arrays (never shell strings). Pure: unit-tested
 * element by element. Flag spellings and value types follow py-spy 0.4 `src/config.rs`.
 */

/** What the user chose for a py-spy recording (settings or CLI flags). */
export interface PySpyRecordOptions {
  /** Samples per second (`--rate`); py-spy parses it as an unsigned integer. */
  readonly rate: number;
  /** Seconds to record; 0 or absent = until stopped or the program exits. */
  readonly durationSec?: number;
  readonly idle?: boolean;
  readonly gil?: boolean;
  readonly native?: boolean;
  readonly subprocesses?: boolean;
}

/** The program py-spy starts: `PYTHON SCRIPT ARGS…` after `--`. */
export interface LaunchTarget {
  /** Absolute path of the interpreter. */
  readonly python: string;
  /** The script (or `-m`, `-c` …: it is passed through as the interpreter's first argument). */
  readonly script: string;
  readonly args?: readonly string[];
}

/** Flags shared by launch and attach, up to and including `-o FILE`. */
function recordFlags(options: PySpyRecordOptions, outputFile: string): string[] {
  if (!Number.isInteger(options.rate) || options.rate < 1) {
    throw new RangeError(`Sample rate must be a whole number of samples per second ≥ 1, got ${options.rate}.`);
  }
  const duration = options.durationSec ?? 0;
  if (!Number.isFinite(duration) || duration < 0) {
    throw new RangeError(`Duration must be 0 (until stopped) or a positive number of seconds, got ${duration}.`);
  }
  // --full-filenames: speedscope frames carry full paths anyway, but the flag keeps any
  // raw/collapsed output we derive mappable to source (py-spy src/config.rs).
  const flags = ['record', '--format', 'speedscope', '--full-filenames', '--rate', String(options.rate)];
  if (options.idle) flags.push('--idle');
  if (options.gil) flags.push('--gil');
  if (options.native) flags.push('--native');
  if (options.subprocesses) flags.push('--subprocesses');
  // py-spy's --duration is whole seconds (RecordDuration::Seconds(u64)); round up so a
  // recording is never shorter than asked.
  if (duration > 0) flags.push('--duration', String(Math.ceil(duration)));
  flags.push('-o', outputFile);
  return flags;
}

/** Arguments for `py-spy record … -o FILE -- PYTHON SCRIPT ARGS` (launch mode). */
export function buildLaunchArgs(options: PySpyRecordOptions, outputFile: string, target: LaunchTarget): string[] {
  return [...recordFlags(options, outputFile), '--', target.python, target.script, ...(target.args ?? [])];
}

/** Arguments for `py-spy record … -o FILE --pid PID` (attach mode). */
export function buildAttachArgs(options: PySpyRecordOptions, outputFile: string, pid: number): string[] {
  if (!Number.isInteger(pid) || pid < 1) throw new RangeError(`Not a process id: ${pid}.`);
  return [...recordFlags(options, outputFile), '--pid', String(pid)];
}

/** Quotes an argument for display in a POSIX shell, so a suggested command can be pasted as is. */
export function shellQuote(arg: string): string {
  if (arg !== '' && /^[\w@%+=:,./-]+$/.test(arg)) return arg;
  return `'${arg.replace(/'/g, `'\\''`)}'`;
}

/** A command line for display (logs, sidecar, suggested commands); never executed by us. */
export function formatCommandLine(argv: readonly string[]): string {
  return argv.map(shellQuote).join(' ');
}
