import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { pythonOfMemrayScript } from '../core/formats/memrayRead';
import {
  assertMemraySupported,
  buildAttachArgs,
  buildMemrayAttachArgs,
  defaultMemoryProfileName,
  findMemray,
  interpreterOfProcess,
  MemrayAttachRecording,
  MemrayRecording,
  type MemrayRecordOptions,
  defaultProfileName,
  diagnoseAttach,
  findPySpy,
  PySpyRecording,
  readGitState,
  resolvePython,
  unusedPath,
  type PySpyRecordOptions,
} from '../core/capture';
import { awaitsPath, awaitTimingEnvironment, findAwaitTimingDir } from '../core/awaitTiming';
import { PermissionDeniedError, ProfileFirstError, RunFailedError } from '../core/errors';
import type { GitState } from '../core/formats/sidecar';
import { selectedInterpreter } from './interpreter';
import type { Log } from './log';
import { showError } from './notify';
import { pickProcess } from './processPicker';
import type { ProfileViewer } from './profileViewer';
import { recordingsFolder } from './recordingsFolder';
import { RecordingStatus } from './recordingStatus';
import { readMemorySettings, readRecordSettings, type MemorySettings, type RecordSettings } from './settings';

/** Context key true while a recording runs (menus switch between record and stop). */
const RECORDING_CONTEXT_KEY = 'profileFirst.recording';

/** What every recording offers (py-spy, memray run, memray attach). */
interface RunningRecording {
  readonly result: Promise<{
    readonly outcome: 'completed' | 'stopped' | 'cancelled';
    readonly outputFile: string;
    readonly outputWritten: boolean;
    readonly stderr: string;
    readonly durationSec: number;
    readonly warnings: readonly string[];
  }>;
  stop(): Promise<unknown>;
  cancel(): Promise<unknown>;
}

/** What is being recorded, for messages and the status bar. */
interface ActiveRecording {
  readonly recording: RunningRecording;
  readonly label: string;
}

/**
 * Runs one py-spy recording at a time, launched on a script or attached to a process, with a
 * status bar item and a progress notification; opens the result when it ends. In an untrusted
 * workspace nothing is run.
 */
export class RecordingController implements vscode.Disposable {
  private active: ActiveRecording | undefined;
  private lastMemoryScript: vscode.Uri | undefined;
  private readonly status = new RecordingStatus();
  private readonly recorded = new vscode.EventEmitter<string>();
  /** Fires with the profile's path when a recording was kept (finished, stopped, or partial): the history registers it. */
  readonly onDidRecord = this.recorded.event;

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly viewer: ProfileViewer,
    private readonly log: Log,
  ) {}

  /** `Profile First: Profile Python File`: the given file, else the active editor's. */
  async profileFile(uri: vscode.Uri | undefined): Promise<void> {
    if (!this.mayRun()) return;
    const script = await this.scriptToProfile(uri);
    if (script === undefined) return;
    const settings = readRecordSettings(this.log);
    const env = process.env;
    const cwd = this.workingFolder(script);
    const python = await resolvePython(await selectedInterpreter(script, settings.pythonPath, this.log), { env, cwd });
    const pyspy = await findPySpy({ python, configuredPath: settings.pyspyPath, env, cwd });
    this.log.info(`Using ${python} and py-spy ${pyspy.version} (${pyspy.path}, found via ${pyspy.source}).`);
    const outputFile = await this.outputFileFor(script.fsPath, settings);
    const recording = PySpyRecording.launch({
      pyspy: pyspy.path,
      outputFile,
      options: recordOptions(settings),
      target: { python, script: script.fsPath, args: settings.programArgs },
      cwd,
      env: settings.awaitTiming ? this.withAwaitTimer(env, outputFile) : env,
      gitState: this.workspaceGitState(script),
      onOutput: (line, stream) => (stream === 'stderr' ? this.log.warn(line) : this.log.info(line)),
    });
    this.log.info(`Recording: ${recording.commandLine.join(' ')}`);
    await this.follow({ recording, label: path.basename(script.fsPath) });
  }

  /**
   * The program's environment with the await timer (python/await_timing), which writes
   * `<profile>.awaits.json`: where the program waited, which py-spy cannot see.
   */
  private withAwaitTimer(env: NodeJS.ProcessEnv, outputFile: string): NodeJS.ProcessEnv {
    try {
      return awaitTimingEnvironment(env, findAwaitTimingDir(this.context.extensionPath), outputFile);
    } catch (err) {
      this.log.warn(`Recording without await timing: ${(err as Error).message}`);
      return env;
    }
  }

  /** `Profile First: Attach to Process…`: pick a running Python process and record it. */
  async attach(): Promise<void> {
    if (!this.mayRun()) return;
    const picked = await pickProcess(this.log);
    if (picked === undefined) return;
    const settings = readRecordSettings(this.log);
    const env = process.env;
    const cwd = this.workingFolder(undefined);
    const python = await resolvePython(await selectedInterpreter(undefined, settings.pythonPath, this.log), { env, cwd }).catch(() => undefined);
    const pyspy = await findPySpy({ python, configuredPath: settings.pyspyPath, env, cwd });
    const outputFile = await this.outputFileFor(picked.pid, settings);
    const diagnosis = await diagnoseAttach(picked.pid, [pyspy.path, ...buildAttachArgs(recordOptions(settings), outputFile, picked.pid)]);
    if (!diagnosis.allowed) {
      if (diagnosis.processMissing) throw new ProfileFirstError(`Process ${picked.pid} is no longer running. Pick another process.`);
      throw new PermissionDeniedError(diagnosis.reason, diagnosis.suggestedCommand);
    }
    const recording = PySpyRecording.attach({
      pyspy: pyspy.path,
      outputFile,
      options: recordOptions(settings),
      pid: picked.pid,
      targetCommandLine: picked.commandLine,
      cwd,
      gitState: this.workspaceGitState(undefined),
      onOutput: (line, stream) => (stream === 'stderr' ? this.log.warn(line) : this.log.info(line)),
    });
    this.log.info(`Recording: ${recording.commandLine.join(' ')}`);
    await this.follow({ recording, label: `PID ${picked.pid}` });
  }

  /** `Profile First: Profile Memory of Python File`: the script under `memray run`. */
  async profileMemory(uri: vscode.Uri | undefined, exactLeaks = false): Promise<void> {
    if (!this.mayRun()) return;
    assertMemraySupported();
    const script = await this.scriptToProfile(uri);
    if (script === undefined) return;
    this.lastMemoryScript = script;
    const settings = readRecordSettings(this.log);
    const memory = readMemorySettings(this.log);
    // pymalloc keeps freed small blocks in its arenas, which memray then reports as leaks; the
    // system allocator makes leak numbers exact (memray's documentation on --leaks).
    const env = exactLeaks || memory.mode === 'leaks' ? { ...process.env, PYTHONMALLOC: 'malloc' } : process.env;
    const cwd = this.workingFolder(script);
    const python = await resolvePython(await selectedInterpreter(script, settings.pythonPath, this.log), { env, cwd });
    const memray = await findMemray(python, env);
    this.log.info(`Using ${python} with memray ${memray.version}.`);
    const outputFile = await this.outputFileFor(script.fsPath, settings, defaultMemoryProfileName);
    const recording = MemrayRecording.launch({
      target: { python, script: script.fsPath, args: settings.programArgs },
      outputFile,
      options: memoryOptions(memory),
      cwd,
      env,
      memrayVersion: memray.version,
      gitState: this.workspaceGitState(script),
      onOutput: (line, stream) => (stream === 'stderr' ? this.log.warn(line) : this.log.info(line)),
    });
    this.log.info(`Recording memory: ${recording.commandLine.join(' ')}`);
    await this.follow({ recording, label: `${path.basename(script.fsPath)} (memory)` });
  }

  /** Re-runs the last memory recording's script in leaks mode with PYTHONMALLOC=malloc (exact leaks). */
  async rerunMemoryWithMalloc(): Promise<void> {
    if (this.lastMemoryScript === undefined) {
      void vscode.window.showInformationMessage('Profile First can only re-run a memory recording it started itself. Run "Profile Memory of Python File" again.');
      return;
    }
    await this.profileMemory(this.lastMemoryScript, true);
  }

  /** `Profile First: Attach Memory Profiler…`: memray attach to a running Python process. */
  async attachMemory(): Promise<void> {
    if (!this.mayRun()) return;
    assertMemraySupported();
    const picked = await pickProcess(this.log);
    if (picked === undefined) return;
    const settings = readRecordSettings(this.log);
    const memory = readMemorySettings(this.log);
    // memray attach injects the memray of the target's own environment, so use its interpreter.
    const target = await interpreterOfProcess(picked.pid);
    const fromSetting = memory.memrayPath !== '' ? await pythonOfMemrayScript(memory.memrayPath) : undefined;
    const python = fromSetting ?? target?.python;
    if (python === undefined) throw new ProfileFirstError(`Cannot tell which Python runs process ${picked.pid}, so memray cannot attach to it. Is it a Python process?`);
    const memray = await findMemray(python);
    const outputFile = await this.outputFileFor(picked.pid, settings, defaultMemoryProfileName);
    const options = { ...memoryOptions(memory), durationSec: settings.durationSec > 0 ? settings.durationSec : undefined };
    const diagnosis = await diagnoseAttach(picked.pid, [python, ...buildMemrayAttachArgs(options, outputFile, picked.pid)]);
    if (!diagnosis.allowed) {
      if (diagnosis.processMissing) throw new ProfileFirstError(`Process ${picked.pid} is no longer running. Pick another process.`);
      throw new PermissionDeniedError(diagnosis.reason, diagnosis.suggestedCommand);
    }
    const recording = MemrayAttachRecording.attach({
      python,
      pid: picked.pid,
      outputFile,
      options,
      targetCommandLine: picked.commandLine,
      memrayVersion: memray.version,
      gitState: this.workspaceGitState(undefined),
      onOutput: (line, stream) => (stream === 'stderr' ? this.log.warn(line) : this.log.info(line)),
    });
    this.log.info(`Attaching memray: ${recording.commandLine.join(' ')}`);
    await this.follow({ recording, label: `PID ${picked.pid} (memory)` });
  }

  /** `Profile First: Stop Recording`: py-spy writes what it has; the result opens. */
  async stop(): Promise<void> {
    if (this.active === undefined) {
      void vscode.window.showInformationMessage('Profile First is not recording.');
      return;
    }
    this.status.stopping();
    await this.active.recording.stop();
  }

  private mayRun(): boolean {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(
        'Profile First does not run profilers in Restricted Mode. Trust this workspace to record; opening saved profiles still works.',
      );
      return false;
    }
    if (this.active !== undefined) {
      void vscode.window.showWarningMessage(`Profile First is already recording ${this.active.label}. Stop it first.`);
      return false;
    }
    return true;
  }

  private async scriptToProfile(uri: vscode.Uri | undefined): Promise<vscode.Uri | undefined> {
    const editor = vscode.window.activeTextEditor;
    const target = uri ?? (editor?.document.languageId === 'python' ? editor.document.uri : undefined);
    if (target === undefined || target.scheme !== 'file') {
      void vscode.window.showWarningMessage('Open a Python file (on disk) to profile it, or pick one in the Explorer.');
      return undefined;
    }
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.toString());
    if (open?.isDirty) await open.save();
    return target;
  }

  /** The git state of the script's workspace folder (else the first folder), read while the recording runs; none outside a workspace. */
  private workspaceGitState(script: vscode.Uri | undefined): Promise<GitState | undefined> {
    const folder = script !== undefined ? vscode.workspace.getWorkspaceFolder(script) : vscode.workspace.workspaceFolders?.[0];
    return folder === undefined ? Promise.resolve(undefined) : readGitState(folder.uri.fsPath);
  }

  private workingFolder(script: vscode.Uri | undefined): string {
    const folder = script !== undefined ? vscode.workspace.getWorkspaceFolder(script) : vscode.workspace.workspaceFolders?.[0];
    if (folder !== undefined) return folder.uri.fsPath;
    return script !== undefined ? path.dirname(script.fsPath) : process.cwd();
  }

  private async outputFileFor(
    scriptOrPid: string | number,
    settings: RecordSettings,
    name: (scriptOrPid: string | number, date: Date) => string = defaultProfileName,
  ): Promise<string> {
    const recordings = recordingsFolder(this.context, settings.outputDirectory);
    try {
      await fs.mkdir(recordings, { recursive: true });
    } catch (err) {
      throw new ProfileFirstError(`Cannot create the recordings folder ${recordings}: ${(err as Error).message}. Choose another folder in profileFirst.outputDirectory.`);
    }
    return unusedPath(recordings, name(scriptOrPid, new Date()));
  }

  /** Shows progress while a recording runs and opens its result when it ends. */
  private async follow(active: ActiveRecording): Promise<void> {
    this.active = active;
    void vscode.commands.executeCommand('setContext', RECORDING_CONTEXT_KEY, true);
    this.status.start(active.label);
    try {
      const result = await vscode.window.withProgress(
        {
          location: vscode.ProgressLocation.Notification,
          title: `Profile First: recording ${active.label}`,
          cancellable: true,
        },
        (progress, token) => {
          progress.report({ message: 'Stop Recording (or the status bar item) shows the result; Cancel discards it.' });
          token.onCancellationRequested(() => void active.recording.cancel());
          return active.recording.result;
        },
      );
      await this.finish(result, active);
    } catch (err) {
      await this.failed(err);
    } finally {
      this.active = undefined;
      this.status.clear();
      void vscode.commands.executeCommand('setContext', RECORDING_CONTEXT_KEY, false);
    }
  }

  private async finish(result: Awaited<RunningRecording['result']>, active: ActiveRecording): Promise<void> {
    for (const w of result.warnings) {
      this.log.warn(w);
      void vscode.window.showWarningMessage(w);
    }
    if (result.outcome === 'cancelled') {
      await fs.rm(awaitsPath(result.outputFile), { force: true });
      this.log.info(`Recording of ${active.label} cancelled; nothing was kept.`);
      return;
    }
    if (!result.outputWritten) {
      throw new RunFailedError(`py-spy ended without writing a profile for ${active.label}.`, result.stderr);
    }
    this.log.info(`Recorded ${active.label} for ${result.durationSec.toFixed(1)} s: ${result.outputFile}`);
    this.recorded.fire(result.outputFile);
    await this.viewer.open(result.outputFile, active.label);
  }

  private async failed(err: unknown): Promise<void> {
    showError(err, this.log);
    if (err instanceof RunFailedError && err.partialProfile !== undefined) {
      this.recorded.fire(err.partialProfile);
      this.log.info(`Opening the partial profile ${err.partialProfile}.`);
      await this.viewer.open(err.partialProfile, `${path.basename(err.partialProfile)} (partial)`);
    }
  }

  dispose(): void {
    void this.active?.recording.cancel();
    this.status.dispose();
    this.recorded.dispose();
  }
}

function memoryOptions(m: MemorySettings): MemrayRecordOptions {
  return { native: m.native, tracePythonAllocators: m.tracePythonAllocators, followFork: m.followFork };
}

function recordOptions(s: RecordSettings): PySpyRecordOptions {
  return { rate: s.sampleRate, durationSec: s.durationSec, idle: s.idle, gil: s.gil, native: s.native, subprocesses: s.subprocesses };
}
