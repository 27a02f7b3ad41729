/**
 * One py-spy recording, from spawn to files on disk: streams output lines, stops gracefully
 * (SIGINT to py-spy so it writes its file), cancels by killing the whole tree, and never
 * leaves a process or a temporary file behind. See shared/DESIGN.md, security rules.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, mkdirSync, openSync, rmSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { ProfileFirstError, RunFailedError, ToolMissingError } from '../errors';
import type { GitState } from '../formats/sidecar';
import { buildAttachArgs, buildLaunchArgs, formatCommandLine, type LaunchTarget, type PySpyRecordOptions } from './pyspyArgs';
import { classifyPySpyExit, isSamplingBehindWarning, SAMPLING_BEHIND_ADVICE } from './pyspyFailures';
import { killProcessTree, processesWithEnvironment, RECORDING_ENV, signalQuietly, snapshotDescendants, type ProcessIdentity } from './processTree';
import { absoluteScript, temporaryProfilePath, writeRecordingSidecar } from './recordingFiles';
import { LineSplitter } from './lineSplitter';

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

/** stderr kept in memory for messages; a chatty program must not grow it without bound. */
const STDERR_KEEP = 1 << 20;
/** Descendants are looked up this often (Linux) so a re-parented grandchild is still known at cleanup. */
const TRACK_INTERVAL_MS = 500;
/** With --duration, py-spy is stopped anyway this long after the duration (a hung py-spy). */
const DURATION_CEILING_SLACK_MS = 30_000;


/** After cleanup the pipes close at once; a bound in case a process outside our tree holds one. */
const PIPE_DRAIN_TIMEOUT_MS = 2000;

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}

interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly spawnError?: NodeJS.ErrnoException;
}

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

  private readonly child: ChildProcess;
  private readonly closed: Promise<void>;
  private readonly known = new Map<number, ProcessIdentity>();
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly warnings: string[] = [];
  private currentState: RecordingState = 'running';
  private stderrText = '';
  private sawWrote = false;
  private programPid: number | undefined;
  private tracking = false;
  /** `PROFILE_FIRST_RECORDING=<random>` in a launched program's environment (launch mode only). */
  private readonly environmentMark: string | undefined;
  private readonly exitHook = (): void => {
    // Last resort when this process exits with the recording still running (no async work possible).
    if (this.child.pid !== undefined && process.platform !== 'win32') signalQuietly(-this.child.pid, 'SIGKILL');
    rmSync(this.temporaryFile, { force: true });
  };

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
    try {
      mkdirSync(path.dirname(this.outputFile), { recursive: true });
    } catch (err) {
      throw new RunFailedError(`Cannot create the folder for ${this.outputFile}: ${(err as Error).message}. Choose another output folder.`);
    }
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
    const mark = what.mode === 'launch' ? randomBytes(16).toString('hex') : undefined;
    this.environmentMark = mark === undefined ? undefined : `${RECORDING_ENV}=${mark}`;

    try {
      this.child = spawn(request.pyspy, args, {
        cwd: request.cwd,
        env: { ...(mark !== undefined && { PYTHONFAULTHANDLER: '1' }), ...(request.env ?? process.env), PYTHONUNBUFFERED: '1', ...(mark !== undefined && { [RECORDING_ENV]: mark }) },
        shell: false,
        windowsHide: true,
        // Own process group (POSIX): the terminal's Ctrl-C does not hit py-spy and the program
        // directly (we forward SIGINT to py-spy alone), and the group can be killed as one.
        detached: process.platform !== 'win32',
        // No stdin: a background process group reading the terminal would be stopped (SIGTTIN).
        stdio: ['ignore', 'pipe', 'pipe'],
      });
    } catch (err) {
      rmSync(this.temporaryFile, { force: true });
      throw err;
    }
    // 'exit', not 'close': a grandchild that inherited our pipes would hold 'close' back until
    // it dies, and it only dies when we clean up after py-spy's exit.
    const exited = new Promise<ExitInfo>((resolve) => {
      this.child.once('error', (err: NodeJS.ErrnoException) => resolve({ code: null, signal: null, spawnError: err }));
      this.child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    this.closed = new Promise<void>((resolve) => this.child.once('close', () => resolve()));
    this.pipeLines();
    if (this.child.pid !== undefined) {
      process.once('exit', this.exitHook);
      // Only where a PID comes with a start time (/proc): elsewhere a remembered PID could be
      // reused by an unrelated process before cleanup, so we rely on the group and a live walk.
      if (process.platform === 'linux') {
        const interval = setInterval(() => void this.trackDescendants(), TRACK_INTERVAL_MS);
        interval.unref();
        this.timers.push(interval);
        void this.trackDescendants();
      }
      const duration = request.options.durationSec ?? 0;
      if (duration > 0) {
        const ceiling = setTimeout(() => void this.stop(), Math.ceil(duration) * 1000 + DURATION_CEILING_SLACK_MS);
        ceiling.unref();
        this.timers.push(ceiling);
      }
    }
    this.result = this.finish(exited);
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
    return this.currentState;
  }

  /**
   * Stops gracefully: SIGINT to py-spy's own PID so it writes the profile, then after the grace
   * period SIGTERM and SIGKILL to the whole tree. Resolves like `result`.
   */
  stop(): Promise<RecordingResult> {
    if (this.currentState !== 'running') return this.result;
    this.currentState = 'stopping';
    const pid = this.child.pid;
    if (pid === undefined) return this.result;
    if (process.platform === 'win32') {
      // Signals do not reach a console child on Windows; py-spy cannot be asked to flush there
      // (use a duration instead), so stopping is killing.
      void killProcessTree([{ pid }]);
      return this.result;
    }
    signalQuietly(pid, 'SIGINT');
    const grace = setTimeout(() => {
      signalQuietly(-pid, 'SIGTERM');
      const last = setTimeout(() => void this.killAll(), 1000);
      last.unref();
      this.timers.push(last);
    }, this.request.stopGraceMs ?? 5000);
    grace.unref();
    this.timers.push(grace);
    return this.result;
  }

  /** Kills py-spy and the launched program with all its descendants; nothing is written. Resolves once they are gone. */
  async cancel(): Promise<RecordingResult> {
    if (this.currentState === 'finished' || this.currentState === 'cancelling') return this.result;
    this.currentState = 'cancelling';
    await this.killAll();
    return this.result;
  }

  /** Same as cancel(), for disposable lists (the host registers every recording). */
  dispose(): void {
    void this.cancel();
  }

  private async killAll(): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined) return;
    const unreaped = this.child.exitCode === null && this.child.signalCode === null;
    // py-spy's own PID is safe to use only while Node has not reaped it (no reuse possible).
    const roots: ProcessIdentity[] = unreaped ? [{ pid }] : [];
    const marked = this.environmentMark === undefined ? [] : await processesWithEnvironment(this.environmentMark).catch(() => []);
    await killProcessTree([...roots, ...this.known.values(), ...marked], process.platform === 'win32' ? undefined : pid);
  }

  private async trackDescendants(): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined || this.tracking || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.tracking = true;
    try {
      const found = await snapshotDescendants([pid]);
      // Breadth first: py-spy's first child is the program it launched.
      if (this.what.mode === 'launch' && this.programPid === undefined && found.length > 0) this.programPid = found[0].pid;
      for (const p of found) if (!this.known.has(p.pid)) this.known.set(p.pid, p);
    } catch {
      // A failed look-up only means less to clean up by PID; the group kill still applies.
    } finally {
      this.tracking = false;
    }
  }

  private pipeLines(): void {
    const emit = (stream: 'stdout' | 'stderr') => (line: string) => {
      if (stream === 'stdout') {
        if (/^py-spy> Wrote .* to '/.test(line)) this.sawWrote = true;
        if (isSamplingBehindWarning(line) && this.warnings.length === 0) this.warnings.push(`${line.replace(/^py-spy> /, '')} — ${SAMPLING_BEHIND_ADVICE}`);
      } else {
        this.stderrText += `${line}\n`;
        if (this.stderrText.length > STDERR_KEEP) this.stderrText = this.stderrText.slice(-STDERR_KEEP / 2);
      }
      this.request.onOutput?.(line, stream);
    };
    for (const stream of ['stdout', 'stderr'] as const) {
      const readable = this.child[stream];
      if (!readable) continue;
      const splitter = new LineSplitter(emit(stream));
      readable.setEncoding('utf8');
      readable.on('data', (chunk: string) => splitter.push(chunk));
      readable.on('end', () => splitter.end());
    }
  }

  private async finish(exited: Promise<ExitInfo>): Promise<RecordingResult> {
    const exit = await exited;
    for (const t of this.timers) clearTimeout(t);
    process.removeListener('exit', this.exitHook);
    const durationSec = (Date.now() - this.startedAt.getTime()) / 1000;
    try {
      if (exit.spawnError) {
        await fs.rm(this.temporaryFile, { force: true });
        throw this.spawnFailure(exit.spawnError);
      }
      // No process outlives its recording: grandchildren py-spy did not kill go now, which
      // also closes the pipes they inherited; then read py-spy's last lines ("Wrote …").
      await this.killAll();
      await Promise.race([this.closed, delay(PIPE_DRAIN_TIMEOUT_MS)]);
      return await this.collect(exit, durationSec);
    } finally {
      this.currentState = 'finished';
    }
  }

  private spawnFailure(err: NodeJS.ErrnoException): ProfileFirstError {
    if (err.code === 'ENOENT' || err.code === 'EACCES') {
      return new ToolMissingError('py-spy', `py-spy could not be started: ${this.request.pyspy} (${err.code}). Check that py-spy is installed there, or set profileFirst.pyspyPath.`);
    }
    return new RunFailedError(`py-spy could not be started: ${err.message}`);
  }

  private async collect(exit: ExitInfo, durationSec: number): Promise<RecordingResult> {
    const cancelled = this.currentState === 'cancelling';
    const stopRequested = this.currentState === 'stopping';
    // The file exists from the start (created empty in the constructor): only a non-empty one was written.
    const tmpExists = await fs.stat(this.temporaryFile).then((s) => s.size > 0, () => false);
    // py-spy prints "Wrote … to '…'" after the file is complete; without it (killed while
    // writing) the temporary file may be half a JSON document.
    const complete = tmpExists && !cancelled && (this.sawWrote || (exit.code === 0 && exit.signal === null));
    const base = { outputFile: this.outputFile, exitCode: exit.code, signal: exit.signal, stderr: this.stderrText, durationSec, warnings: this.warnings };
    if (!complete) {
      await fs.rm(this.temporaryFile, { force: true });
      if (cancelled) return { ...base, outcome: 'cancelled', outputWritten: false };
    } else {
      try {
        await fs.rename(this.temporaryFile, this.outputFile);
      } catch (err) {
        throw new RunFailedError(`Could not move the profile to ${this.outputFile}: ${(err as Error).message}. It was kept at ${this.temporaryFile}.`, this.stderrText, this.temporaryFile);
      }
    }
    const metadataFile = complete ? await this.writeSidecar(durationSec) : undefined;
    const failure = classifyPySpyExit({
      mode: this.what.mode,
      pid: this.what.mode === 'attach' ? this.what.pid : undefined,
      exitCode: exit.code,
      signal: exit.signal,
      stderr: this.stderrText,
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
      throw new RunFailedError(why, this.stderrText);
    }
    return { ...base, outcome: stopRequested ? 'stopped' : 'completed', outputWritten: true, metadataFile };
  }

  /** The command as the user would re-run it: the final output name instead of our temporary one. */
  private displayCommand(): string[] {
    return this.commandLine.map((a) => (a === this.temporaryFile ? this.outputFile : a));
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
        pid: what.mode === 'attach' ? what.pid : this.programPid,
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
