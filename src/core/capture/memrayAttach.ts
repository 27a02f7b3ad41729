/**
 * Attaching memray to a running process. `memray attach --output FILE [--duration S] PID`
 * (memray 1.20.0, memray/commands/attach.py) injects memray with gdb/lldb (or sys.remote_exec
 * on 3.14+), starts a Tracker *inside the target*, and returns within seconds: the target
 * itself tracks and writes FILE when tracking ends (after S seconds, on `memray detach PID`,
 * or at its exit), then compresses it. So the recording here is: attach, wait until the target
 * has finished the capture (memrayFiles.captureFileState), move it into place. stop() and
 * cancel() run `memray detach`, without which the target would keep tracking.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { RunFailedError, ToolMissingError, type ProfileFirstError } from '../errors';
import type { GitState } from '../formats/sidecar';
import { buildMemrayAttachArgs, buildMemrayDetachArgs, type MemrayAttachOptions } from './memrayArgs';
import { assertMemraySupported } from './memrayDiscovery';
import { classifyMemrayAttachFailure } from './memrayFailures';
import { captureFileState, removeTemporaryCapture, temporaryCapturePath, writeMemraySidecar } from './memrayFiles';
import type { MemoryRecordingResult, MemoryRecordingState } from './memrayRecording';
import { isSameProcessAlive, readProcStat, type ProcessIdentity } from './processTree';
import { formatCommandLine } from './pyspyArgs';
import { withFinalName } from './recordingFiles';
import { RecordingProcess } from './recordingProcess';

/** A memray recording attached to a running process. */
export interface AttachMemoryRequest {
  /** Absolute interpreter that runs `-m memray attach`; best the target's own (see interpreterOfProcess). */
  readonly python: string;
  readonly pid: number;
  /** Absolute path of the capture to produce; the target process writes it, so its user must be able to. */
  readonly outputFile: string;
  readonly options: MemrayAttachOptions;
  readonly env?: NodeJS.ProcessEnv;
  /** Each line memray attach/detach prints (the target's own output is not ours to see). */
  readonly onOutput?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** The target's command line, for the sidecar. */
  readonly targetCommandLine?: string;
  readonly memrayVersion?: string;
  /** The workspace's git state for the sidecar (readGitState, started with the recording). */
  readonly gitState?: Promise<GitState | undefined>;
  /** Longest `memray attach` / `detach` may take (gdb waits for the target to run; default 60 s). */
  readonly attachTimeoutMs?: number;
  /** How long the target gets to write and compress the capture after tracking ends (default 30 s). */
  readonly stopGraceMs?: number;
  /** How often the capture file is checked (default 200 ms). */
  readonly pollMs?: number;
}

type Wake = 'stop' | 'cancel';

/** A running memray attach recording. Start one with `MemrayAttachRecording.attach`; dispose() cancels. */
export class MemrayAttachRecording {
  readonly outputFile: string;
  readonly temporaryFile: string;
  /** The attach argv (absolute interpreter first), for logs and the sudo suggestion. */
  readonly commandLine: readonly string[];
  readonly startedAt = new Date();
  /** Resolves when the capture is in place (or the recording was cancelled); rejects with a typed error. */
  readonly result: Promise<MemoryRecordingResult>;

  private currentState: MemoryRecordingState = 'attaching';
  private wake: Wake | undefined;
  private wakeUp: (() => void) | undefined;
  private output = '';
  private readonly warnings: string[] = [];

  /** Attaches memray to `request.pid` (throws MemrayUnsupportedPlatformError on Windows). */
  static attach(request: AttachMemoryRequest): MemrayAttachRecording {
    assertMemraySupported();
    return new MemrayAttachRecording(request);
  }

  private constructor(private readonly request: AttachMemoryRequest) {
    if (!path.isAbsolute(request.python)) throw new ToolMissingError('python', `The interpreter must be given as an absolute path, got "${request.python}".`);
    this.outputFile = path.resolve(request.outputFile);
    this.temporaryFile = temporaryCapturePath(this.outputFile);
    this.commandLine = [request.python, ...buildMemrayAttachArgs(request.options, this.temporaryFile, request.pid)];
    this.result = this.run();
    this.result.catch(() => undefined);
  }

  /** Where the recording is: `attaching` until memray is tracking inside the target. */
  get state(): MemoryRecordingState {
    return this.currentState;
  }

  /** Ends tracking now (`memray detach`); the target writes the capture, which is then moved into place. */
  stop(): Promise<MemoryRecordingResult> {
    this.signal('stop');
    return this.result;
  }

  /**
   * Ends tracking and throws the capture away. A `memray attach` still injecting is let finish
   * (it is bounded by attachTimeoutMs): killing gdb mid-injection would leave its breakpoints in
   * the target, which then dies of SIGTRAP at its next malloc.
   */
  cancel(): Promise<MemoryRecordingResult> {
    this.signal('cancel');
    return this.result;
  }

  /** Same as cancel(), for disposable lists. */
  dispose(): void {
    void this.cancel();
  }

  private signal(what: Wake): void {
    if (this.currentState === 'finished' || this.wake === 'cancel') return;
    this.wake = what;
    if (this.currentState !== 'attaching') this.currentState = what === 'stop' ? 'stopping' : 'cancelling';
    this.wakeUp?.();
  }

  private async run(): Promise<MemoryRecordingResult> {
    const { pid } = this.request;
    try {
      const target: ProcessIdentity = { pid, starttime: (await readProcStat(pid))?.starttime };
      await fs.mkdir(path.dirname(this.outputFile), { recursive: true });
      const attach = await this.runMemray(this.commandLine.slice(1));
      if (attach.code !== 0) {
        if (this.wake === 'cancel') return this.cancelledResult(0);
        throw this.failure(attach.code);
      }
      const tracking = Date.now();
      this.currentState = this.wake === undefined ? 'running' : this.wake === 'stop' ? 'stopping' : 'cancelling';
      const duration = this.request.options.durationSec ?? 0;
      // memray's own timer ends tracking at the duration; allow it the grace to write, then detach ourselves.
      const deadline = duration > 0 ? tracking + Math.ceil(duration) * 1000 + this.grace() : Infinity;
      let state = await captureFileState(this.temporaryFile);
      while (state !== 'finished' && this.wake === undefined && Date.now() < deadline && (await isSameProcessAlive(target))) {
        await this.sleep(this.request.pollMs ?? 200);
        state = await captureFileState(this.temporaryFile);
      }
      if (state !== 'finished') state = await this.endTracking(target);
      return await this.collect(state, (Date.now() - tracking) / 1000);
    } catch (err) {
      await removeTemporaryCapture(this.temporaryFile);
      throw err;
    } finally {
      this.currentState = 'finished';
    }
  }

  /** Detaches (when the target still runs) and waits for the target to finish writing. */
  private async endTracking(target: ProcessIdentity): Promise<'missing' | 'writing' | 'finished'> {
    // A process that has exited wrote what it could in its atexit handler (memray registers one
    // when attaching): nobody will write more, so there is nothing to wait for.
    if (!(await isSameProcessAlive(target))) return captureFileState(this.temporaryFile);
    const detach = await this.runMemray(buildMemrayDetachArgs(this.request.pid, this.request.options.method));
    // "no previous attach" means tracking had already ended (its duration elapsed): not an error.
    if (detach.code !== 0 && !/no previous `memray attach` call detected/.test(detach.output)) {
      this.warnings.push(`memray detach failed: ${detach.output.trim().split('\n').pop() ?? ''}`);
    }
    const until = Date.now() + this.grace();
    let state = await captureFileState(this.temporaryFile);
    while (state !== 'finished' && Date.now() < until) {
      await new Promise((r) => setTimeout(r, this.request.pollMs ?? 200));
      state = await captureFileState(this.temporaryFile);
    }
    return state;
  }

  private async collect(state: 'missing' | 'writing' | 'finished', durationSec: number): Promise<MemoryRecordingResult> {
    if (this.wake === 'cancel') return this.cancelledResult(durationSec);
    const base = { outputFile: this.outputFile, childCaptures: [], exitCode: null, signal: null, stderr: this.output, durationSec, warnings: this.warnings };
    if (state === 'missing') {
      throw new RunFailedError(`Process ${this.request.pid} did not write a capture: it may have exited before memray started tracking, or cannot write ${path.dirname(this.outputFile)}.`, this.output);
    }
    await fs.rename(this.temporaryFile, this.outputFile);
    const metadataFile = await this.writeSidecar(durationSec);
    if (state !== 'finished') {
      throw new RunFailedError(`Process ${this.request.pid} did not finish writing its capture within ${Math.round(this.grace() / 1000)} s; the partial capture was kept: ${this.outputFile}.`, this.output, this.outputFile);
    }
    return { ...base, outcome: this.wake === 'stop' ? 'stopped' : 'completed', outputWritten: true, metadataFile };
  }

  private async cancelledResult(durationSec: number): Promise<MemoryRecordingResult> {
    await removeTemporaryCapture(this.temporaryFile);
    return { outcome: 'cancelled', outputFile: this.outputFile, outputWritten: false, childCaptures: [], exitCode: null, signal: null, stderr: this.output, durationSec, warnings: this.warnings };
  }

  private failure(code: number | null): ProfileFirstError {
    return classifyMemrayAttachFailure({ pid: this.request.pid, python: this.request.python, output: this.output, exitCode: code, command: this.commandLine });
  }

  private grace(): number {
    return this.request.stopGraceMs ?? 30_000;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      // Not unref'd: after `memray attach` has returned, these polls are what keeps a CLI alive.
      const t = setTimeout(resolve, ms);
      this.wakeUp = () => {
        clearTimeout(t);
        resolve();
      };
    });
  }

  /** Runs `PYTHON -m memray attach|detach …` to its end (bounded); its output is added to `this.output`. */
  private async runMemray(args: readonly string[]): Promise<{ code: number | null; output: string }> {
    const before = this.output.length;
    const memray = new RecordingProcess({
      command: this.request.python,
      args,
      env: this.request.env ?? process.env,
      // Not supervised: gdb is only ever killed on the timeout below (see cancel()).
      supervise: false,
      onOutput: (line, stream) => {
        this.output += `${line}\n`;
        this.request.onOutput?.(line, stream);
      },
    });
    const timeoutMs = this.request.attachTimeoutMs ?? 60_000;
    // Last resort on timeout only: gdb runs in memray's process group, killed as one.
    memray.after(timeoutMs, () => {
      this.output += `memray: did not finish within ${Math.round(timeoutMs / 1000)} s (is the process stopped, or waiting in a system call the debugger cannot interrupt?)\n`;
      void memray.killAll();
    });
    const exit = await memray.ended();
    if (exit.spawnError) this.output += `${exit.spawnError.message}\n`;
    return { code: exit.code, output: this.output.slice(before) };
  }

  private async writeSidecar(durationSec: number): Promise<string | undefined> {
    const { request } = this;
    const git = await request.gitState?.catch(() => undefined);
    try {
      return await writeMemraySidecar(this.outputFile, {
        tool: 'memray',
        kind: 'memory',
        interpreter: request.python,
        ...(request.memrayVersion !== undefined && { memrayVersion: request.memrayVersion }),
        durationSec: Math.round(durationSec * 1000) / 1000,
        commandLine: request.targetCommandLine ?? `pid ${request.pid}`,
        ...(git !== undefined && { git }),
        startedAt: this.startedAt.toISOString(),
        pid: request.pid,
        mode: 'attach',
        options: { ...request.options },
        recordedWith: formatCommandLine(withFinalName(this.commandLine, this.temporaryFile, this.outputFile)),
      });
    } catch (err) {
      this.warnings.push(`Could not write ${this.outputFile}.pfmeta.json (${(err as Error).message}).`);
      return undefined;
    }
  }
}
