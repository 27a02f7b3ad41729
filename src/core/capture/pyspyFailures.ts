/**
 * Turning py-spy's exit and output into typed errors with messages for people. The texts
 * matched are py-spy 0.4's (src/main.rs, src/python_spy.rs, src/python_process_info.rs);
 * the unit tests use outputs captured from the real py-spy 0.4.3.
 *
 * py-spy's own messages go to stdout ("py-spy> Wrote …") and its errors to stderr; the profiled
 * program inherits both pipes, so stderr holds py-spy's errors and the program's stderr mixed.
 */
import { dirname } from 'node:path';
import { PermissionDeniedError, ProfileFirstError, RunFailedError, ToolMissingError } from '../errors';
import { ProcessNotFoundError, UnsupportedPythonError } from './captureErrors';
import { ptraceRemedies } from './attachDiagnosis';
import { formatCommandLine } from './pyspyArgs';

/** What we know when py-spy has exited. */
export interface PySpyExitFacts {
  readonly mode: 'launch' | 'attach';
  /** Attach target. */
  readonly pid?: number;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  /** Everything read from py-spy's stderr (its errors plus the program's stderr). */
  readonly stderr: string;
  /** We asked py-spy to stop (stop()/SIGINT), so a signal exit is expected. */
  readonly stopRequested: boolean;
  /** The final profile path when py-spy wrote one, to name it as the partial profile. */
  readonly partialProfile?: string;
  /** The argv we ran (absolute py-spy first): suggestions reuse it. */
  readonly pyspyCommand: readonly string[];
  /** How to name the program in messages (script name or command line). */
  readonly program?: string;
  /** The profile's final path, to name its folder when py-spy could not write it. */
  readonly outputFile?: string;
  readonly platform?: NodeJS.Platform;
  readonly inContainer?: boolean;
}

/** Removes anyhow's "Stack backtrace:" blocks (printed when RUST_BACKTRACE is set): noise for people. */
export function withoutRustBacktrace(stderr: string): string {
  const out: string[] = [];
  let inTrace = false;
  for (const line of stderr.split(/\r?\n/)) {
    if (line === 'Stack backtrace:') {
      inTrace = true;
      continue;
    }
    if (inTrace && (/^\s+(\d+:|at )/.test(line) || line.trim() === '')) continue;
    inTrace = false;
    out.push(line);
  }
  return out.join('\n').replace(/\n+$/, '');
}

/** The last `n` non-empty lines of a text (for messages and the CLI). */
export function tailLines(text: string, n: number): string {
  return text.split(/\r?\n/).filter((l) => l.trim() !== '').slice(-n).join('\n');
}

/** py-spy's `Error: …` line (first line of an anyhow error), if it printed one. */
function pyspyErrorLine(stderr: string): string | undefined {
  return /^Error: (.*)$/m.exec(stderr)?.[1];
}

/**
 * The exception line of an uncaught Python exception ending the program's stderr, if any
 * (e.g. `ValueError: boom`). py-spy 0.4 exits 0 whatever its child's status (src/main.rs only
 * uses it to decide whether to dump captured output), so the traceback is the only sign we
 * get. A traceback counts when it is the last one and at most a few lines follow its
 * exception line (multi-line messages), so a logged, handled traceback in the middle does not.
 */
export function uncaughtPythonError(stderr: string): string | undefined {
  const lines = stderr.split(/\r?\n/);
  while (lines.length > 0 && lines[lines.length - 1].trim() === '') lines.pop();
  const fatal = lines.find((l) => /^Fatal Python error: /.test(l));
  if (fatal) return fatal;
  const last = lines.length - 1;
  if (last >= 0 && /: can't open file .*\[Errno \d+\]/.test(lines[last])) return lines[last];
  if (last >= 0 && /^\S*python[\d.]*(\.exe)?: (No module named|Error while finding module)/i.test(lines[last])) return lines[last];
  let header = -1;
  for (let i = last; i >= 0; i--) {
    if (/^(Exception Group )?Traceback \(most recent call last\):$/.test(lines[i])) {
      header = i;
      break;
    }
  }
  if (header < 0) return undefined;
  // The exception line is the first line after the header that is not indented (frames,
  // source lines and carets are) and not an exception-group box line.
  for (let i = header + 1; i <= last; i++) {
    if (/^\s/.test(lines[i]) || lines[i].startsWith('+') || lines[i].startsWith('|')) continue;
    return last - i <= 10 ? lines[i] : undefined;
  }
  return undefined;
}

/** "behind in sampling" warnings from py-spy's stdout lines (not fatal; shown to the user). */
export function isSamplingBehindWarning(line: string): boolean {
  return /behind in sampling, results may be inaccurate/.test(line);
}

/** Advice attached to a sampling-behind warning. */
export const SAMPLING_BEHIND_ADVICE = 'py-spy could not keep up with the sampling rate, so timings are less accurate: lower the sample rate (profileFirst.sampleRate / --rate).';

function partialNote(partial: string | undefined): string {
  return partial ? ` The partial profile was kept: ${partial}.` : '';
}

function permissionError(facts: PySpyExitFacts, stderr: string): PermissionDeniedError {
  const target = facts.mode === 'attach' && facts.pid !== undefined ? `process ${facts.pid}` : 'the program';
  if ((facts.platform ?? process.platform) === 'darwin' || /requires root on OSX/.test(stderr)) {
    const sudo = `sudo ${formatCommandLine(facts.pyspyCommand)}`;
    return new PermissionDeniedError(`py-spy needs root on macOS to read ${target}. Run: ${sudo}`, sudo);
  }
  const docker = /running in a docker container/.test(stderr) || facts.inContainer === true;
  const [first, ...others] = ptraceRemedies(facts.pyspyCommand, docker);
  const launchHint = facts.mode === 'attach' ? ' Or launch the script from Profile First instead of attaching (no extra rights needed).' : '';
  return new PermissionDeniedError(
    `The OS did not let py-spy read ${target} (ptrace permission). Run: ${first} — or: ${others.join('; or: ')}.${launchHint}`,
    first.startsWith('in Docker') ? others[0] : first,
  );
}

/** Maps py-spy's exit to a typed error, or undefined when the recording succeeded. */
export function classifyPySpyExit(facts: PySpyExitFacts): ProfileFirstError | undefined {
  const stderr = withoutRustBacktrace(facts.stderr);
  const errorLine = pyspyErrorLine(stderr);
  const program = facts.program ?? 'The program';

  if (/requires root on OSX/.test(stderr) || /^Permission Denied/m.test(stderr) || (errorLine !== undefined && /\((os error (1|13))\)/.test(stderr) && /Permission denied|Operation not permitted/.test(stderr))) {
    return permissionError(facts, stderr);
  }
  if (facts.mode === 'attach' && (/Failed to get process executable name/.test(stderr) || /No such process \(os error 3\)/.test(stderr))) {
    return new ProcessNotFoundError(facts.pid ?? 0, stderr);
  }
  const unsupported = /Unsupported version of Python: (\S+)/.exec(stderr);
  if (unsupported) {
    return new UnsupportedPythonError(
      `py-spy cannot read Python ${unsupported[1]}: this py-spy does not support that version. Upgrade py-spy in that interpreter (python -m pip install -U py-spy) or use a Python it supports (py-spy 0.4: 2.3–2.7, 3.3–3.14).`,
      unsupported[1],
      stderr,
    );
  }
  if (/Failed to find python version from target process/.test(stderr)) {
    const what = facts.mode === 'attach' ? `Process ${facts.pid}` : `${program}`;
    return new UnsupportedPythonError(`${what} does not look like a Python interpreter py-spy can read (no Python version found in its memory). Pick a Python process, or check that the interpreter is CPython.`, undefined, stderr);
  }
  const createFailed = /Failed to create process '(.*)': (.*)$/m.exec(stderr);
  if (createFailed) {
    return new ToolMissingError('python', `py-spy could not start ${createFailed[1]}: ${createFailed[2]}. Check the interpreter path.`);
  }
  if (/is not supported on your platform/.test(stderr)) {
    return new RunFailedError(`${errorLine ?? 'py-spy: an option is not supported on this platform'}. Turn the option off (e.g. profileFirst.native / --native) and record again.`, stderr);
  }
  if (/^error: (unexpected argument|invalid value)/m.test(stderr)) {
    return new RunFailedError(`py-spy rejected its arguments: ${/^error: (.*)$/m.exec(stderr)?.[1] ?? ''}. Upgrade py-spy (python -m pip install -U py-spy).`, stderr);
  }
  if (facts.signal !== null && !facts.stopRequested) {
    return new RunFailedError(`py-spy was killed by ${facts.signal} before it finished.${partialNote(facts.partialProfile)}`, stderr, facts.partialProfile);
  }
  if (/\(os error 28\)/.test(stderr)) {
    // ENOSPC while writing, after the whole recording: "Error: No space left on device (os error 28)"
    // (py-spy 0.4.3 on a full tmpfs). The samples are lost; say so, and where.
    const where = facts.outputFile === undefined ? '' : ` in ${dirname(facts.outputFile)}`;
    return new RunFailedError(`The disk is full: py-spy could not write the profile${where}, so this recording is lost. Free some space or choose another output folder, then record again.`, stderr);
  }
  if (facts.exitCode !== null && facts.exitCode !== 0 && !facts.stopRequested) {
    const what = errorLine ?? (tailLines(stderr, 1) || 'no message');
    return new RunFailedError(`py-spy failed (exit status ${facts.exitCode}): ${what}${partialNote(facts.partialProfile)}`, stderr, facts.partialProfile);
  }
  if (facts.mode === 'launch') {
    const exception = uncaughtPythonError(stderr);
    // Stopping interrupts a launched program as Ctrl+C would (RecordingProcess.stop): its
    // KeyboardInterrupt is how a stop ends, not an error of the program.
    if (exception && !(facts.stopRequested && /^KeyboardInterrupt\b/.test(exception))) {
      return new RunFailedError(`${program} exited with an error: ${exception}.${partialNote(facts.partialProfile)}`, stderr, facts.partialProfile);
    }
  }
  return undefined;
}
