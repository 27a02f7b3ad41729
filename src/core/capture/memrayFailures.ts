/**
 * Turning memray's exits and messages into typed errors with messages for people. The texts
 * matched are memray 1.20.0's (memray/commands/attach.py, run.py); the unit tests use outputs
 * captured from the real memray. `memray attach` prints its MemrayCommandError message and
 * exits 1; `memray run` runs the program in its own process, so the program's exit status and
 * traceback are memray run's.
 */
import { PermissionDeniedError, RunFailedError, ToolMissingError, type ProfileFirstError } from '../errors';
import { ProcessNotFoundError, UnsupportedPythonError } from './captureErrors';
import { memrayInstallCommand } from './memrayDiscovery';
import { formatCommandLine } from './pyspyArgs';
import { tailLines, uncaughtPythonError } from './pyspyFailures';

/** What we know when `memray attach` (or `detach`) has failed. */
export interface MemrayAttachFacts {
  readonly pid: number;
  /** The interpreter that ran memray (its memray's version injects into the target). */
  readonly python: string;
  /** memray's stdout and stderr together. */
  readonly output: string;
  readonly exitCode: number | null;
  /** The attach argv, for the sudo suggestion. */
  readonly command: readonly string[];
}

/** Maps a failed `memray attach` to a typed error (the message says what to do). */
export function classifyMemrayAttachFailure(facts: MemrayAttachFacts): ProfileFirstError {
  const { pid, output } = facts;
  const text = output.replace(/\r/g, '');
  if (/No module named '?memray'?/.test(text) && /Failed to start tracking in remote process/.test(text)) {
    return new ToolMissingError(
      'memray',
      `memray is not installed in the environment of process ${pid}: memray attach imports memray inside the target. Install it into the interpreter that runs the process (e.g. ${formatCommandLine(memrayInstallCommand(facts.python))}) and try again.`,
      memrayInstallCommand(facts.python),
    );
  }
  if (/No module named '?memray'?/.test(text)) {
    return new ToolMissingError('memray', `memray is not installed for ${facts.python}. Install it: ${formatCommandLine(memrayInstallCommand(facts.python))}`, memrayInstallCommand(facts.python));
  }
  if (/Cannot find a supported (lldb or gdb|gdb|lldb) executable|No (gdb|lldb) executable found/.test(text)) {
    const linux = process.platform !== 'darwin';
    return new ToolMissingError(
      linux ? 'gdb' : 'lldb',
      linux
        ? 'memray attach needs gdb on Linux (before Python 3.14), and gdb was not found on PATH. Install it (Debian/Ubuntu: sudo apt-get install gdb) and try again, or launch the script from Profile First instead of attaching.'
        : 'memray attach needs lldb on macOS (before Python 3.14): install the Xcode command line tools (xcode-select --install), or launch the script instead of attaching.',
    );
  }
  if (/sys\.remote_exec is not available/.test(text)) {
    return new UnsupportedPythonError('memray attach with sys.remote_exec needs Python 3.14 or newer for memray itself; use --method gdb (Linux) or lldb (macOS).', undefined, text);
  }
  if (/The given process ID does not exist/.test(text)) return new ProcessNotFoundError(pid, text);
  if (/owned by a different user/.test(text)) {
    const sudo = `sudo ${formatCommandLine(facts.command)}`;
    return new PermissionDeniedError(`Process ${pid} belongs to another user; memray attach can only trace it with that user's or root's rights. Run: ${sudo}`, sudo);
  }
  if (/do not have permission to trace the process|ptrace: Operation not permitted/.test(text)) {
    const sudo = `sudo ${formatCommandLine(facts.command)}`;
    return new PermissionDeniedError(
      `The OS did not let the debugger (gdb) trace process ${pid} (ptrace permission). Run: ${sudo} — or allow ptrace: echo 0 | sudo tee /proc/sys/kernel/yama/ptrace_scope (in Docker: --cap-add SYS_PTRACE). Or launch the script from Profile First instead of attaching.`,
      sudo,
    );
  }
  if (/does not seem to be running Python 3\.7 or newer/.test(text)) {
    return new UnsupportedPythonError(`Process ${pid} does not look like a Python 3.7+ interpreter memray can attach to. Pick a Python process.`, undefined, text);
  }
  if (/couldn't open the memray shared library/.test(text)) {
    return new RunFailedError(`Process ${pid} could not load memray's library (installed for another user, or in a path it cannot read). Install memray in the target's own environment and try again.`, text);
  }
  if (/no previous `memray attach` call detected/.test(text)) {
    return new RunFailedError(`memray was not tracking process ${pid} any more (tracking had ended: its duration elapsed, or it was detached).`, text);
  }
  const last = tailLines(text, 1).replace(/^memray: /, '') || `exit status ${facts.exitCode ?? 'unknown'}`;
  return new RunFailedError(`memray attach to process ${pid} failed: ${last}`, text);
}

/** What we know when `memray run` (the program under memray) has exited. */
export interface MemrayRunExitFacts {
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
  /** We asked it to stop (SIGINT), so a KeyboardInterrupt exit is expected. */
  readonly stopRequested: boolean;
  /** How to name the program (script name). */
  readonly program: string;
  readonly python: string;
  /** The final capture path when a capture was kept, to name it. */
  readonly partialCapture?: string;
}

/** Maps `memray run`'s exit to a typed error, or undefined when the recording succeeded. */
export function classifyMemrayRunExit(facts: MemrayRunExitFacts): ProfileFirstError | undefined {
  const { stderr, program } = facts;
  const kept = facts.partialCapture ? ` The capture up to that point was kept: ${facts.partialCapture}.` : '';
  if (/^\S*python[\d.]*: No module named memray\s*$/m.test(stderr)) {
    const install = memrayInstallCommand(facts.python);
    return new ToolMissingError('memray', `memray is not installed for ${facts.python}. Install it: ${formatCommandLine(install)}`, install);
  }
  if (facts.exitCode === 0 && facts.signal === null) return undefined;
  if (facts.stopRequested && (facts.signal === 'SIGINT' || facts.exitCode === 130 || /KeyboardInterrupt\s*$/.test(stderr.trimEnd()))) return undefined;
  // memray run prints an unopenable script as "[Errno 2] No such file or directory: 'x.py'", no traceback.
  const noFile = /\[Errno 2\] No such file or directory: '(.*)'\s*$/.exec(stderr);
  if (noFile && !facts.partialCapture) return new RunFailedError(`memray could not open ${noFile[1]}: no such file. Check the script path.`, stderr);
  if (/Output file .* already exists/.test(stderr)) return new RunFailedError(tailLines(stderr, 1), stderr);
  if (facts.signal !== null) {
    const oom = facts.signal === 'SIGKILL' ? ' (SIGKILL often means the kernel ran out of memory and killed it)' : '';
    return new RunFailedError(`${program} was killed by ${facts.signal}${oom}.${kept}`, stderr, facts.partialCapture);
  }
  const exception = uncaughtPythonError(stderr);
  const what = exception ?? (tailLines(stderr, 1) || 'no message');
  return new RunFailedError(`${program} exited with status ${facts.exitCode}: ${what}.${kept}`, stderr, facts.partialCapture);
}
