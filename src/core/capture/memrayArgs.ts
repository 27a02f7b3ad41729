/**
 * memray command lines, built as argument arrays (never shell strings). memray always runs as
 * `PYTHON -m memray …` with the target's interpreter, so the memray that records is the one
 * importable there (the one whose version can read the capture back, and the one `attach`
 * injects into the target). Flags follow memray 1.20.0 `memray/commands/run.py` and `attach.py`.
 */
import * as path from 'node:path';
import { fileTimestamp } from './recordingFiles';

/** What the user chose for a memray recording (settings or CLI flags). */
export interface MemrayRecordOptions {
  /** `--native`: C/C++ frames too (slower; Linux gives the best native stacks). */
  readonly native?: boolean;
  /** `--trace-python-allocators`: every pymalloc allocation, not only the arenas pymalloc takes from malloc. */
  readonly tracePythonAllocators?: boolean;
  /** `--follow-fork`: keep tracking in forked children (each writes `<output>.<pid>`); not across exec. */
  readonly followFork?: boolean;
  /** `--aggregate`: a small capture with only peak and leaks per stack (no history over time). */
  readonly aggregate?: boolean;
}

/** Attach-only settings. */
export interface MemrayAttachOptions extends MemrayRecordOptions {
  /** Seconds to track (`--duration`, whole seconds); absent = until stopped or the process exits. */
  readonly durationSec?: number;
  /** How memray injects itself (`--method`): `auto` picks sys.remote_exec (3.14+), then gdb, then lldb. */
  readonly method?: 'auto' | 'gdb' | 'lldb' | 'sys.remote_exec';
}

/** The program memray starts: the interpreter runs `-m memray run … SCRIPT ARGS`. */
export interface MemrayLaunchTarget {
  /** Absolute path of the interpreter (memray must be importable there). */
  readonly python: string;
  /** The script, or `-m` / `-c` followed by the module or code in `args` (memray run takes both). */
  readonly script: string;
  readonly args?: readonly string[];
}

function trackingFlags(options: MemrayRecordOptions): string[] {
  const flags: string[] = [];
  if (options.native) flags.push('--native');
  if (options.tracePythonAllocators) flags.push('--trace-python-allocators');
  if (options.followFork) flags.push('--follow-fork');
  if (options.aggregate) flags.push('--aggregate');
  return flags;
}

/** Arguments after the interpreter: `-m memray run --output FILE --quiet [flags] SCRIPT ARGS`. */
export function buildMemrayRunArgs(options: MemrayRecordOptions, outputFile: string, target: MemrayLaunchTarget): string[] {
  // --quiet: without it memray prints "Writing profile results into …" and report hints on
  // stdout, mixed into the program's own output.
  return ['-m', 'memray', 'run', '--output', outputFile, '--quiet', ...trackingFlags(options), target.script, ...(target.args ?? [])];
}

/** Arguments after the interpreter: `-m memray attach --output FILE [--duration S] [flags] PID`. */
export function buildMemrayAttachArgs(options: MemrayAttachOptions, outputFile: string, pid: number): string[] {
  if (!Number.isInteger(pid) || pid < 1) throw new RangeError(`Not a process id: ${pid}.`);
  const duration = options.durationSec ?? 0;
  if (!Number.isFinite(duration) || duration < 0) throw new RangeError(`Duration must be 0 (until stopped) or a positive number of seconds, got ${duration}.`);
  // The output path is opened by the target process, not by us: it must be absolute
  // (memray makes it so, relative to our folder) and writable by the target's user.
  const args = ['-m', 'memray', 'attach', '--output', path.resolve(outputFile), ...trackingFlags(options)];
  // memray's --duration is an int (argparse type=int); round up so tracking is never shorter.
  if (duration > 0) args.push('--duration', String(Math.ceil(duration)));
  if (options.method && options.method !== 'auto') args.push('--method', options.method);
  args.push(String(pid));
  return args;
}

/** Arguments after the interpreter: `-m memray detach PID` (ends an attach early; the target writes its file). */
export function buildMemrayDetachArgs(pid: number, method?: MemrayAttachOptions['method']): string[] {
  if (!Number.isInteger(pid) || pid < 1) throw new RangeError(`Not a process id: ${pid}.`);
  return ['-m', 'memray', 'detach', ...(method && method !== 'auto' ? ['--method', method] : []), String(pid)];
}

/** `profile-<script>-<timestamp>.memray.bin` (attach: `profile-pid<PID>-…`), beside defaultProfileName's CPU names. */
export function defaultMemoryProfileName(scriptOrPid: string | number, date: Date): string {
  const label = typeof scriptOrPid === 'number' ? `pid${scriptOrPid}` : path.basename(scriptOrPid).replace(/\.pyw?$/i, '').replace(/[^\w.-]+/g, '_') || 'python';
  return `profile-${label}-${fileTimestamp(date)}.memray.bin`;
}
