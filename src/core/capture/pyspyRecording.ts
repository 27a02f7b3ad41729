/**
 * One py-spy recording, from spawn to files on disk: streams output lines, stops gracefully
 * (SIGINT to py-spy so it writes its file), cancels by killing the whole tree, and never
 * leaves a process or a temporary file behind. See shared/DESIGN.md, security rules.
 */
import { closeSync, openSync, rmSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ProfileFirstError, RunFailedError, ToolMissingError } from '../errors';
import type { GitState } from '../formats/sidecar';
import { buildAttachArgs, buildLaunchArgs, formatCommandLine, type LaunchTarget, type PySpyRecordOptions } from './pyspyArgs';
import { classifyPySpyExit, isSamplingBehindWarning, SAMPLING_BEHIND_ADVICE } from './pyspyFailures';
import { RecordingProcess, type ProcessExit } from './recordingProcess';
import { absoluteScript, createOutputFolder, temporaryProfilePath, withFinalName, writeRecordingSidecar } from './recordingFiles';

/** Settings shared by launch and attach recordings. */
export interface RecordingRequest {
  /** Absolute path of py-spy (from findPySpy). */
  readonly pyspy: string;
  /** Absolute path of the profile to produce. */
  readonly outputFile: string;
  readonly options: PySpyRecordOptions;
  /** Working folder of the profiled program. */
  readonly cwd?: string;
  /** Base environment (default: this process's); PYTHONUNBUFFERED=1 is added so output streams. */
  readonly env?: NodeJS.ProcessEnv;
  /** Each line py-spy or the program prints (the host sends them to its log channel). */
  readonly onOutput?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** How long stop() waits for py-spy to write its file before killing (default 5000 ms). */
  readonly stopGraceMs?: number;
  /** The workspace's git state for the sidecar (readGitState, started with the recording; never awaited before the end). */
  readonly gitState?: Promise<GitState | undefined>;
}

/** A recording that starts `PYTHON SCRIPT ARGS` under py-spy. */
export interface LaunchRecordingRequest extends RecordingRequest {
  readonly target: LaunchTarget;
}

/** A recording that attaches py-spy to a running process. */
export interface AttachRecordingRequest extends RecordingRequest {
  readonly pid: number;
  /** The target's command line, for the sidecar (listPythonProcesses has it). */
  readonly targetCommandLine?: string;
}

/** How a recording ended. */
export type RecordingOutcome = 'completed' | 'stopped' | 'cancelled';

/** What a finished (or stopped, or cancelled) recording produced. */
export interface RecordingResult {
  readonly outcome: RecordingOutcome;
  /** The final profile path (exists only when outputWritten). */
  readonly outputFile: string;
  readonly outputWritten: boolean;
  /** `<outputFile>.pfmeta.json`, when written. */
  readonly metadataFile?: string;
  /** py-spy's exit status (py-spy 0.4 exits 0 even when the program failed: see pyspyFailures). */
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  /** py-spy's and the program's stderr (the last MiB). */
  readonly stderr: string;
  readonly durationSec: number;
  /** Non-fatal problems to show (e.g. py-spy fell behind in sampling). */
  readonly warnings: readonly string[];
}

/** Lifecycle of a recording. */
export type RecordingState = 'running' | 'stopping' | 'cancelling' | 'finished';

/** With --duration, py-spy is stopped anyway this long after the duration (a hung py-spy). */
const DURATION_CEILING_SLACK_MS = 30_000;

/** A running py-spy recording. Start one with `PySpyRecording.launch` or `.attach`; dispose() cancels. */
export class PySpyRecording {
  /** The argv run (absolute py-spy first), for logs. */
  readonly commandLine: readonly string[];
  readonly outputFile: string;
  /** Where py-spy writes until it has finished. */
  readonly temporaryFile: string;
  readonly startedAt = new Date();
  /** Resolves when the recording ended (completed, stopped or cancelled); rejects with a typed ProfileFirstError on failure. */
  readonly result: Promise<RecordingResult>;

  private readonly child: RecordingProcess;
  private readonly warnings: string[] = [];
  private sawWrote = false;

  /** Starts py-spy on a new program. */
  static launch(request: LaunchRecordingRequest): PySpyRecording {
    const tmp = temporaryProfilePath(request.outputFile);
    return new PySpyRecording(request, buildLaunchArgs(request.options, tmp, request.target), { mode: 'launch', target: request.target });
  }

  /** Attaches py-spy to a running process (check diagnoseAttach first for a friendly refusal). */
  static attach(request: AttachRecordingRequest): PySpyRecording {
    const tmp = temporaryProfilePath(request.outputFile);
    return new PySpyRecording(request, buildAttachArgs(request.options, tmp, request.pid), { mode: 'attach', pid: request.pid, targetCommandLine: request.targetCommandLine });
  }

  private constructor(
    private readonly request: RecordingRequest,
    args: readonly string[],
    private readonly what: { mode: 'launch'; target: LaunchTarget } | { mode: 'attach'; pid: number; targetCommandLine?: string },
  ) {
    if (!path.isAbsolute(request.pyspy)) throw new ToolMissingError('py-spy', `py-spy must be given as an absolute path, got "${request.pyspy}".`);
    this.outputFile = path.resolve(request.outputFile);
    this.temporaryFile = temporaryProfilePath(this.outputFile);
    this.commandLine = [request.pyspy, ...args];
    createOutputFolder(this.outputFile);
    try {
      // Created now, exclusively: a folder we cannot write fails here, before the recording,
      // not when py-spy writes at the end (losing the run, with an "os error 1" read as a ptrace
      // problem); and py-spy then writes into our own file, never through a symbolic link
      // planted at this predictable name.
      closeSync(openSync(this.temporaryFile, 'wx'));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      const why = code === 'EEXIST' ? `${this.temporaryFile} already exists; remove it` : (err as Error).message;
      throw new RunFailedError(`Cannot write the profile in ${path.dirname(this.outputFile)}: ${why}. Choose another output folder.`);
    }
    // Launch mode: the program and its descendants carry the mark (see RECORDING_ENV), and
    // PYTHONFAULTHANDLER makes a native crash (SIGSEGV, SIGABRT…) print "Fatal Python error",
    // the only sign of it we get: py-spy 0.4 exits 0 whatever its child's status.
    const launch = what.mode === 'launch';
    try {
      this.child = new RecordingProcess({
        command: request.pyspy,
        args,
        cwd: request.cwd,
        env: { ...(launch && { PYTHONFAULTHANDLER: '1' }), ...(request.env ?? process.env), PYTHONUNBUFFERED: '1' },
        markEnvironment: launch,
        onOutput: (line, stream) => this.onLine(line, stream),
        onHostExit: () => rmSync(this.temporaryFile, { force: true }),
      });
    } catch (err) {
      rmSync(this.temporaryFile, { force: true });
      throw err;
    }
    const duration = request.options.durationSec ?? 0;
    if (this.child.pid !== undefined && duration > 0) {
      this.child.after(Math.ceil(duration) * 1000 + DURATION_CEILING_SLACK_MS, () => void this.stop());
    }
    this.result = this.finish();
    // Marks the promise handled: a caller that only calls cancel() must not crash the process
    // with an unhandled rejection; callers awaiting `result` still see the error.
    this.result.catch(() => undefined);
  }

  /** py-spy's PID (undefined if it could not be started). */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Where the recording is in its lifecycle. */
  get state(): RecordingState {
    return this.child.state;
  }

  /**
   * Stops gracefully: a launched program gets SIGINT first, as from Ctrl+C, and ends with its
   * cleanup run (py-spy then writes the profile); then, or at once when attached, SIGINT to
   * py-spy's own PID so it writes the profile, and after the grace period SIGTERM and SIGKILL
   * to the whole tree (RecordingProcess.stop). Resolves like `result`.
   */
  stop(): Promise<RecordingResult> {
    this.child.stop(this.request.stopGraceMs ?? 5000, { programFirst: this.what.mode === 'launch' });
    return this.result;
  }

  /** Kills py-spy and the launched program with all its descendants; nothing is written. Resolves once they are gone. */
  async cancel(): Promise<RecordingResult> {
    await this.child.cancel();
    return this.result;
  }

  /** Same as cancel(), for disposable lists (the host registers every recording). */
  dispose(): void {
    void this.cancel();
  }

  private onLine(line: string, stream: 'stdout' | 'stderr'): void {
    if (stream === 'stdout') {
      if (/^py-spy> Wrote .* to '/.test(line)) this.sawWrote = true;
      if (isSamplingBehindWarning(line) && this.warnings.length === 0) this.warnings.push(`${line.replace(/^py-spy> /, '')} — ${SAMPLING_BEHIND_ADVICE}`);
    }
    this.request.onOutput?.(line, stream);
  }

  private async finish(): Promise<RecordingResult> {
    // No process outlives its recording: grandchildren py-spy did not kill go in settle(), which
    // also closes the pipes they inherited; then py-spy's last lines ("Wrote …") have been read.
    try {
      const exit = await this.child.settle();
      const durationSec = (exit.at - this.startedAt.getTime()) / 1000;
      if (exit.spawnError) {
        await fs.rm(this.temporaryFile, { force: true });
        throw this.spawnFailure(exit.spawnError);
      }
      return await this.collect(exit, durationSec);
    } finally {
      this.child.markFinished();
    }
  }

  private spawnFailure(err: NodeJS.ErrnoException): ProfileFirstError {
    if (err.code === 'ENOENT' || err.code === 'EACCES') {
      return new ToolMissingError('py-spy', `py-spy could not be started: ${this.request.pyspy} (${err.code}). Check that py-spy is installed there, or set profileFirst.pyspyPath.`);
    }
    return new RunFailedError(`py-spy could not be started: ${err.message}`);
  }

  private async collect(exit: ProcessExit, durationSec: number): Promise<RecordingResult> {
    const cancelled = this.child.state === 'cancelling';
    const stopRequested = this.child.state === 'stopping';
    // The file exists from the start (created empty in the constructor): only a non-empty one was written.
    const tmpExists = await fs.stat(this.temporaryFile).then((s) => s.size > 0, () => false);
    // py-spy prints "Wrote … to '…'" after the file is complete; without it (killed while
    // writing) the temporary file may be half a JSON document.
    const complete = tmpExists && !cancelled && (this.sawWrote || (exit.code === 0 && exit.signal === null));
    const stderr = this.child.output.stderr;
    const base = { outputFile: this.outputFile, exitCode: exit.code, signal: exit.signal, stderr, durationSec, warnings: this.warnings };
    if (!complete) {
      await fs.rm(this.temporaryFile, { force: true });
      if (cancelled) return { ...base, outcome: 'cancelled', outputWritten: false };
    } else {
      try {
        await fs.rename(this.temporaryFile, this.outputFile);
      } catch (err) {
        throw new RunFailedError(`Could not move the profile to ${this.outputFile}: ${(err as Error).message}. It was kept at ${this.temporaryFile}.`, stderr, this.temporaryFile);
      }
    }
    const metadataFile = complete ? await this.writeSidecar(durationSec) : undefined;
    const failure = classifyPySpyExit({
      mode: this.what.mode,
      pid: this.what.mode === 'attach' ? this.what.pid : undefined,
      exitCode: exit.code,
      signal: exit.signal,
      stderr,
      stopRequested,
      partialProfile: complete ? this.outputFile : undefined,
      pyspyCommand: this.displayCommand(),
      program: this.what.mode === 'launch' ? path.basename(this.what.target.script) : undefined,
      outputFile: this.outputFile,
    });
    if (failure) throw failure;
    if (!complete) {
      const why = stopRequested
        ? 'The recording was stopped before py-spy had written anything (stopped right after it started, or py-spy did not answer SIGINT in time).'
        : `py-spy ended without writing a profile (exit status ${exit.code ?? exit.signal}). See the output log for details.`;
      throw new RunFailedError(why, stderr);
    }
    return { ...base, outcome: stopRequested ? 'stopped' : 'completed', outputWritten: true, metadataFile };
  }

  /** The command as the user would re-run it: the final output name instead of our temporary one. */
  private displayCommand(): string[] {
    return withFinalName(this.commandLine, this.temporaryFile, this.outputFile);
  }

  private async writeSidecar(durationSec: number): Promise<string | undefined> {
    const what = this.what;
    const programArgv = what.mode === 'launch' ? [what.target.python, what.target.script, ...(what.target.args ?? [])] : undefined;
    const git = await this.request.gitState?.catch(() => undefined);
    try {
      return await writeRecordingSidecar(this.outputFile, {
        tool: 'py-spy',
        kind: 'cpu',
        sampleRate: this.request.options.rate,
        durationSec: Math.round(durationSec * 1000) / 1000,
        commandLine: programArgv ? formatCommandLine(programArgv) : (what.mode === 'attach' ? (what.targetCommandLine ?? (await commandLineOf(what.pid)) ?? `pid ${what.pid}`) : ''),
        script: what.mode === 'launch' ? absoluteScript(what.target.script, this.request.cwd) : undefined,
        args: what.mode === 'launch' ? [...(what.target.args ?? [])] : undefined,
        interpreter: what.mode === 'launch' ? what.target.python : undefined,
        git,
        startedAt: this.startedAt.toISOString(),
        pid: what.mode === 'attach' ? what.pid : this.child.firstDescendantPid,
        mode: what.mode,
        recordedWith: formatCommandLine(this.displayCommand()),
      });
    } catch (err) {
      this.warnings.push(`Could not write ${this.outputFile}.pfmeta.json (${(err as Error).message}); the profile opens without its sample rate.`);
      return undefined;
    }
  }
}

/** The command line of a process from /proc (Linux), for the sidecar of an attach recording. */
async function commandLineOf(pid: number): Promise<string | undefined> {
  if (process.platform !== 'linux') return undefined;
  try {
    const raw = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8');
    const argv = raw.split('\0').filter((a, i, all) => a !== '' || i < all.length - 1);
    return argv.length > 0 ? formatCommandLine(argv) : undefined;
  } catch {
    return undefined;
  }
}
