/**
 * One memray recording of a launched program, from spawn to files on disk: runs
 * `PYTHON -m memray run --output TMP … SCRIPT ARGS` in its own process group, stops gracefully
 * (SIGINT to the program: memray run runs it in its own process, the KeyboardInterrupt unwinds
 * through memray's Tracker, which then writes and compresses the capture; measured with
 * memray 1.20.0), cancels by killing the whole tree, and moves the finished capture to its
 * final name. A capture memray could not finish (the program was killed, e.g. by the OOM
 * killer) is still kept: it reads up to the kill, which is what memory profiling is for.
 * Attach lives in memrayAttach.ts.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { RunFailedError, ToolMissingError } from '../errors';
import type { GitState } from '../formats/sidecar';
import { buildMemrayRunArgs, type MemrayLaunchTarget, type MemrayRecordOptions } from './memrayArgs';
import { assertMemraySupported } from './memrayDiscovery';
import { classifyMemrayRunExit } from './memrayFailures';
import { captureFileState, childCaptureFiles, removeTemporaryCapture, temporaryCapturePath, writeMemraySidecar } from './memrayFiles';
import { StreamLines } from './memrayStreams';
import { killProcessTree, newRecordingMark, processesWithEnvironment, RECORDING_ENV, signalQuietly, snapshotDescendants, type ProcessIdentity } from './processTree';
import { formatCommandLine } from './pyspyArgs';
import { absoluteScript } from './recordingFiles';

/** A memray recording that starts `PYTHON -m memray run … SCRIPT ARGS`. */
export interface LaunchMemoryRequest {
  /** The program; `target.python` must be able to import memray (check with findMemray). */
  readonly target: MemrayLaunchTarget;
  /** Absolute path of the capture to produce (`.bin`). */
  readonly outputFile: string;
  readonly options: MemrayRecordOptions;
  /** Working folder of the program. */
  readonly cwd?: string;
  /** Base environment (default: this process's). Set PYTHONMALLOC=malloc here for exact leaks. */
  readonly env?: NodeJS.ProcessEnv;
  /** Each line memray or the program prints. */
  readonly onOutput?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** How long stop() waits for memray to write and compress the capture before killing (default 30 s). */
  readonly stopGraceMs?: number;
  /** memray's version (findMemray), for the sidecar. */
  readonly memrayVersion?: string;
  /** The workspace's git state for the sidecar (readGitState, started with the recording). */
  readonly gitState?: Promise<GitState | undefined>;
}

/** How a memory recording ended. */
export type MemoryRecordingOutcome = 'completed' | 'stopped' | 'cancelled';

/** What a finished (or stopped, or cancelled) memory recording produced. */
export interface MemoryRecordingResult {
  readonly outcome: MemoryRecordingOutcome;
  /** The final capture path (exists only when outputWritten). */
  readonly outputFile: string;
  readonly outputWritten: boolean;
  /** `<outputFile>.pfmeta.json`, when written. */
  readonly metadataFile?: string;
  /** Captures of forked children (`--follow-fork`): `<outputFile>.<pid>`. */
  readonly childCaptures: readonly string[];
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  /** memray's and the program's stderr (the last MiB). */
  readonly stderr: string;
  readonly durationSec: number;
  readonly warnings: readonly string[];
}

/** Lifecycle of a memory recording (attach adds `attaching` before `running`). */
export type MemoryRecordingState = 'attaching' | 'running' | 'stopping' | 'cancelling' | 'finished';

/** Descendants are looked up this often (Linux) so a re-parented grandchild is still known at cleanup. */
const TRACK_INTERVAL_MS = 500;
/** After cleanup the pipes close at once; a bound in case a process outside our tree holds one. */
const PIPE_DRAIN_TIMEOUT_MS = 2000;

interface ExitInfo {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly spawnError?: NodeJS.ErrnoException;
}

/** A running `memray run` recording. Start one with `MemrayRecording.launch`; dispose() cancels. */
export class MemrayRecording {
  /** The environment mark every process of this recording inherits (see RECORDING_ENV). */
  private readonly mark = newRecordingMark();
  /** The argv run (absolute interpreter first), for logs. */
  readonly commandLine: readonly string[];
  readonly outputFile: string;
  /** Where memray writes until the capture is finished. */
  readonly temporaryFile: string;
  readonly startedAt = new Date();
  /** Resolves when the recording ended; rejects with a typed ProfileFirstError on failure. */
  readonly result: Promise<MemoryRecordingResult>;

  private readonly child: ChildProcess;
  private readonly closed: Promise<void>;
  private readonly streams: StreamLines;
  private readonly known = new Map<number, ProcessIdentity>();
  private readonly timers: NodeJS.Timeout[] = [];
  private currentState: MemoryRecordingState = 'running';
  private tracking = false;
  private readonly exitHook = (): void => {
    // Last resort when this process exits with the recording still running (no async work possible).
    if (this.child.pid !== undefined) signalQuietly(-this.child.pid, 'SIGKILL');
  };

  /** Starts `PYTHON -m memray run …` on the program (throws MemrayUnsupportedPlatformError on Windows). */
  static launch(request: LaunchMemoryRequest): MemrayRecording {
    assertMemraySupported();
    return new MemrayRecording(request);
  }

  private constructor(private readonly request: LaunchMemoryRequest) {
    const { python } = request.target;
    if (!path.isAbsolute(python)) throw new ToolMissingError('python', `The interpreter must be given as an absolute path, got "${python}".`);
    this.outputFile = path.resolve(request.outputFile);
    this.temporaryFile = temporaryCapturePath(this.outputFile);
    const args = buildMemrayRunArgs(request.options, this.temporaryFile, request.target);
    this.commandLine = [python, ...args];
    try {
      mkdirSync(path.dirname(this.outputFile), { recursive: true });
    } catch (err) {
      throw new RunFailedError(`Cannot create the folder for ${this.outputFile}: ${(err as Error).message}. Choose another output folder.`);
    }
    this.child = spawn(python, args, {
      cwd: request.cwd,
      env: { ...(request.env ?? process.env), PYTHONUNBUFFERED: '1', [RECORDING_ENV]: this.mark.value },
      shell: false,
      windowsHide: true,
      // Own process group: the terminal's Ctrl-C does not reach the program directly (we send
      // SIGINT ourselves, once), and the group can be killed as one.
      detached: true,
      // No stdin: a background process group reading the terminal would be stopped (SIGTTIN).
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // 'exit', not 'close': a grandchild holding our pipes would delay 'close' until cleanup.
    const exited = new Promise<ExitInfo>((resolve) => {
      this.child.once('error', (err: NodeJS.ErrnoException) => resolve({ code: null, signal: null, spawnError: err }));
      this.child.once('exit', (code, signal) => resolve({ code, signal }));
    });
    this.closed = new Promise<void>((resolve) => this.child.once('close', () => resolve()));
    this.streams = new StreamLines(this.child, request.onOutput);
    if (this.child.pid !== undefined) {
      process.once('exit', this.exitHook);
      if (process.platform === 'linux') {
        const interval = setInterval(() => void this.trackDescendants(), TRACK_INTERVAL_MS);
        interval.unref();
        this.timers.push(interval);
      }
    }
    this.result = this.finish(exited);
    // Handled here so a caller that only cancels does not crash on an unhandled rejection.
    this.result.catch(() => undefined);
  }

  /** The program's PID (memray run runs it in this process); undefined if it could not start. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Where the recording is in its lifecycle. */
  get state(): MemoryRecordingState {
    return this.currentState;
  }

  /** Stops gracefully: SIGINT to the program so memray writes the capture; after the grace period, SIGTERM then SIGKILL to the tree. */
  stop(): Promise<MemoryRecordingResult> {
    if (this.currentState !== 'running') return this.result;
    this.currentState = 'stopping';
    const pid = this.child.pid;
    if (pid === undefined) return this.result;
    signalQuietly(pid, 'SIGINT');
    const grace = setTimeout(() => {
      signalQuietly(-pid, 'SIGTERM');
      const last = setTimeout(() => void this.killAll(), 1000);
      last.unref();
      this.timers.push(last);
    }, this.request.stopGraceMs ?? 30_000);
    grace.unref();
    this.timers.push(grace);
    return this.result;
  }

  /** Kills the program and all its descendants; nothing is kept. Resolves once they are gone. */
  async cancel(): Promise<MemoryRecordingResult> {
    if (this.currentState === 'finished' || this.currentState === 'cancelling') return this.result;
    this.currentState = 'cancelling';
    await this.killAll();
    return this.result;
  }

  /** Same as cancel(), for disposable lists. */
  dispose(): void {
    void this.cancel();
  }

  private async killAll(): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined) return;
    const unreaped = this.child.exitCode === null && this.child.signalCode === null;
    // The child's own PID is safe to use only while Node has not reaped it (no reuse possible).
    // A double-forked daemon left the tree and the group; it still carries the recording's mark.
    const marked = await processesWithEnvironment(this.mark.entry).catch(() => []);
    await killProcessTree([...(unreaped ? [{ pid }] : []), ...this.known.values(), ...marked], pid);
  }

  private async trackDescendants(): Promise<void> {
    const pid = this.child.pid;
    if (pid === undefined || this.tracking || this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.tracking = true;
    try {
      for (const p of await snapshotDescendants([pid])) if (!this.known.has(p.pid)) this.known.set(p.pid, p);
    } catch {
      // A failed look-up only means less to clean up by PID; the group kill still applies.
    } finally {
      this.tracking = false;
    }
  }

  private async finish(exited: Promise<ExitInfo>): Promise<MemoryRecordingResult> {
    const exit = await exited;
    for (const t of this.timers) clearTimeout(t);
    process.removeListener('exit', this.exitHook);
    const durationSec = (Date.now() - this.startedAt.getTime()) / 1000;
    try {
      if (exit.spawnError) {
        throw new ToolMissingError('python', `${this.request.target.python} could not be started (${exit.spawnError.code ?? exit.spawnError.message}). Check the interpreter path.`);
      }
      // No process outlives its recording (forked children included), then read the last lines.
      await this.killAll();
      await Promise.race([this.closed, new Promise((r) => setTimeout(r, PIPE_DRAIN_TIMEOUT_MS).unref())]);
      return await this.collect(exit, durationSec);
    } finally {
      this.currentState = 'finished';
    }
  }

  private async collect(exit: ExitInfo, durationSec: number): Promise<MemoryRecordingResult> {
    const stopRequested = this.currentState === 'stopping';
    const stderr = this.streams.stderr;
    const base = { outputFile: this.outputFile, exitCode: exit.code, signal: exit.signal, stderr, durationSec, warnings: [] as string[] };
    if (this.currentState === 'cancelling') {
      await removeTemporaryCapture(this.temporaryFile);
      return { ...base, outcome: 'cancelled', outputWritten: false, childCaptures: [] };
    }
    const state = await captureFileState(this.temporaryFile);
    const { script, args } = this.request.target;
    const program = script === '-m' || script === '-c' ? `${script} ${args?.[0] ?? ''}`.trim() : path.basename(script);
    const facts = { exitCode: exit.code, signal: exit.signal, stderr, stopRequested, program, python: this.request.target.python };
    if (state === 'missing') {
      await removeTemporaryCapture(this.temporaryFile);
      throw classifyMemrayRunExit(facts) ?? new RunFailedError(`memray ended without writing a capture (exit status ${exit.code ?? exit.signal}). See the output log for details.`, stderr);
    }
    const childCaptures = await this.moveIntoPlace();
    const metadataFile = await this.writeSidecar(durationSec, childCaptures, base.warnings);
    const failure = classifyMemrayRunExit({ ...facts, partialCapture: this.outputFile });
    if (failure) throw failure;
    if (state !== 'finished') {
      throw new RunFailedError(`memray could not finish the capture (it was stopped before it had written it); the partial capture was kept: ${this.outputFile}.`, stderr, this.outputFile);
    }
    return { ...base, outcome: stopRequested ? 'stopped' : 'completed', outputWritten: true, metadataFile, childCaptures };
  }

  /** Renames the capture (and children's `<tmp>.<pid>`) to their final names. */
  private async moveIntoPlace(): Promise<string[]> {
    try {
      await fs.rename(this.temporaryFile, this.outputFile);
    } catch (err) {
      throw new RunFailedError(`Could not move the capture to ${this.outputFile}: ${(err as Error).message}. It was kept at ${this.temporaryFile}.`, this.streams.stderr, this.temporaryFile);
    }
    const moved: string[] = [];
    for (const child of await childCaptureFiles(this.temporaryFile)) {
      const target = `${this.outputFile}.${child.pid}`;
      if (await fs.rename(child.file, target).then(() => true, () => false)) moved.push(target);
    }
    return moved;
  }

  private async writeSidecar(durationSec: number, childCaptures: readonly string[], warnings: string[]): Promise<string | undefined> {
    const { target, options } = this.request;
    const env = this.request.env ?? process.env;
    const git = await this.request.gitState?.catch(() => undefined);
    try {
      return await writeMemraySidecar(this.outputFile, {
        tool: 'memray',
        kind: 'memory',
        interpreter: target.python,
        ...(this.request.memrayVersion !== undefined && { memrayVersion: this.request.memrayVersion }),
        durationSec: Math.round(durationSec * 1000) / 1000,
        commandLine: formatCommandLine([target.python, target.script, ...(target.args ?? [])]),
        script: absoluteScript(target.script, this.request.cwd),
        args: [...(target.args ?? [])],
        ...(git !== undefined && { git }),
        startedAt: this.startedAt.toISOString(),
        ...(this.child.pid !== undefined && { pid: this.child.pid }),
        mode: 'launch',
        options: { ...options },
        ...(env.PYTHONMALLOC !== undefined && { pythonMalloc: env.PYTHONMALLOC }),
        ...(childCaptures.length > 0 && { childCaptures }),
        recordedWith: formatCommandLine(this.commandLine.map((a) => (a === this.temporaryFile ? this.outputFile : a))),
      });
    } catch (err) {
      warnings.push(`Could not write ${this.outputFile}.pfmeta.json (${(err as Error).message}); reading the capture may need the interpreter chosen by hand.`);
      return undefined;
    }
  }
}
