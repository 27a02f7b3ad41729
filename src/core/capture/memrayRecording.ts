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
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { RunFailedError, ToolMissingError } from '../errors';
import type { GitState } from '../formats/sidecar';
import { buildMemrayRunArgs, type MemrayLaunchTarget, type MemrayRecordOptions } from './memrayArgs';
import { assertMemraySupported } from './memrayDiscovery';
import { classifyMemrayRunExit } from './memrayFailures';
import { captureFileState, childCaptureFiles, removeTemporaryCapture, temporaryCapturePath, writeMemraySidecar } from './memrayFiles';
import { formatCommandLine } from './pyspyArgs';
import { absoluteScript, createOutputFolder, withFinalName } from './recordingFiles';
import { RecordingProcess, type ProcessExit } from './recordingProcess';

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

/** A running `memray run` recording. Start one with `MemrayRecording.launch`; dispose() cancels. */
export class MemrayRecording {
  /** The argv run (absolute interpreter first), for logs. */
  readonly commandLine: readonly string[];
  readonly outputFile: string;
  /** Where memray writes until the capture is finished. */
  readonly temporaryFile: string;
  readonly startedAt = new Date();
  /** Resolves when the recording ended; rejects with a typed ProfileFirstError on failure. */
  readonly result: Promise<MemoryRecordingResult>;

  private readonly child: RecordingProcess;

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
    createOutputFolder(this.outputFile);
    // Every process of the recording inherits the environment mark (see RECORDING_ENV), so a
    // double-forked daemon is killed too.
    this.child = new RecordingProcess({
      command: python,
      args,
      cwd: request.cwd,
      env: { ...(request.env ?? process.env), PYTHONUNBUFFERED: '1' },
      markEnvironment: true,
      onOutput: request.onOutput,
    });
    this.result = this.finish();
    // Handled here so a caller that only cancels does not crash on an unhandled rejection.
    this.result.catch(() => undefined);
  }

  /** The program's PID (memray run runs it in this process); undefined if it could not start. */
  get pid(): number | undefined {
    return this.child.pid;
  }

  /** Where the recording is in its lifecycle. */
  get state(): MemoryRecordingState {
    return this.child.state;
  }

  /** Stops gracefully: SIGINT to the program so memray writes the capture; after the grace period, SIGTERM then SIGKILL to the tree. */
  stop(): Promise<MemoryRecordingResult> {
    this.child.stop(this.request.stopGraceMs ?? 30_000);
    return this.result;
  }

  /** Kills the program and all its descendants; nothing is kept. Resolves once they are gone. */
  async cancel(): Promise<MemoryRecordingResult> {
    await this.child.cancel();
    return this.result;
  }

  /** Same as cancel(), for disposable lists. */
  dispose(): void {
    void this.cancel();
  }

  private async finish(): Promise<MemoryRecordingResult> {
    try {
      // No process outlives its recording (forked children included), then the last lines are read.
      const exit = await this.child.settle();
      const durationSec = (exit.at - this.startedAt.getTime()) / 1000;
      if (exit.spawnError) {
        throw new ToolMissingError('python', `${this.request.target.python} could not be started (${exit.spawnError.code ?? exit.spawnError.message}). Check the interpreter path.`);
      }
      return await this.collect(exit, durationSec);
    } finally {
      this.child.markFinished();
    }
  }

  private async collect(exit: ProcessExit, durationSec: number): Promise<MemoryRecordingResult> {
    const stopRequested = this.child.state === 'stopping';
    const stderr = this.child.output.stderr;
    const base = { outputFile: this.outputFile, exitCode: exit.code, signal: exit.signal, stderr, durationSec, warnings: [] as string[] };
    if (this.child.state === 'cancelling') {
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
      throw new RunFailedError(`Could not move the capture to ${this.outputFile}: ${(err as Error).message}. It was kept at ${this.temporaryFile}.`, this.child.output.stderr, this.temporaryFile);
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
        recordedWith: formatCommandLine(withFinalName(this.commandLine, this.temporaryFile, this.outputFile)),
      });
    } catch (err) {
      warnings.push(`Could not write ${this.outputFile}.pfmeta.json (${(err as Error).message}); reading the capture may need the interpreter chosen by hand.`);
      return undefined;
    }
  }
}
