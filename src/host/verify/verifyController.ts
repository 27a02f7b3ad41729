import * as path from 'node:path';
import * as vscode from 'vscode';
import { resolvePython } from '../../core/capture';
import { ProfileFirstError, RunFailedError } from '../../core/errors';
import { CommandLineError, VerifyCancelledError } from '../../core/verify/errors';
import { runFailureMessage } from '../../core/verify/runFailureMessage';
import { formatProgress } from '../../core/verify/runner';
import { quoteCommandLine, splitCommandLine } from '../../core/verify/shellWords';
import { formatVerifyText, type VerifyCommands } from '../../core/verify/textReport';
import { commandLineProblem, parseVerifyRequest } from '../../core/verify/verifyRequest';
import { verifyChange } from '../../core/verify/verifyChange';
import { selectedInterpreter } from '../interpreter';
import type { Log } from '../log';
import { showError } from '../notify';
import { readRecordSettings, readVerifySettings } from '../settings';
import type { VerificationPanel } from './verificationPanel';
import { VerifyStatus } from './verifyStatus';

/** Context key true while a verification runs (the palette offers Cancel Verification). */
const VERIFYING_CONTEXT_KEY = 'profileFirst.verifying';

/** The verification in progress: asking for its commands, or running them. */
interface ActiveVerification {
  readonly controller: AbortController;
  /** "asking" while the input boxes are open, then the last progress ("run 7/20"). */
  state: string;
}

/**
 * `Profile First: Verify Change…`: runs a baseline and a candidate command alternately through
 * core's verifyChange, with progress in the status bar and a notification (both cancel), then
 * shows the verdict panel and writes the text report to the log. One verification at a time;
 * nothing runs in an untrusted workspace.
 */
export class VerifyController implements vscode.Disposable {
  private active: ActiveVerification | undefined;
  private readonly status = new VerifyStatus();

  constructor(
    private readonly panel: VerificationPanel,
    private readonly log: Log,
  ) {}

  /** Runs a verification; `arg` is `{ baseline, candidate }` from another command, or undefined to ask. */
  async verify(arg: unknown): Promise<void> {
    if (!this.mayRun()) return;
    const given = parseVerifyRequest(arg);
    const active: ActiveVerification = { controller: new AbortController(), state: 'asking' };
    this.active = active;
    try {
      const script = activePythonFile();
      const cwd = workingFolder(script);
      const env = process.env;
      // The measuring helper (python/measure_run.py) runs with the interpreter the user selected,
      // picked the same way a recording picks it.
      const python = await resolvePython(await selectedInterpreter(script, readRecordSettings(this.log).pythonPath, this.log), { env, cwd });
      const commands = given ?? (await askCommands(script, python, cwd));
      if (commands === undefined) return;
      await this.run(active, commands, { cwd, env, python });
    } finally {
      this.active = undefined;
    }
  }

  /** Cancels the running verification (status bar item, palette). */
  cancel(): void {
    if (this.active === undefined) {
      void vscode.window.showInformationMessage('Profile First is not verifying a change.');
      return;
    }
    this.active.controller.abort();
  }

  private mayRun(): boolean {
    if (!vscode.workspace.isTrusted) {
      void vscode.window.showWarningMessage(
        'Profile First does not run commands in Restricted Mode, so it cannot verify a change. Trust this workspace to verify; opening saved profiles still works.',
      );
      return false;
    }
    if (process.platform === 'win32') {
      // python/measure_run.py measures CPU time and peak RSS with os.wait4, which Windows lacks.
      void vscode.window.showWarningMessage('Verify Change needs Linux or macOS: it measures each run with os.wait4, which Windows does not have.');
      return false;
    }
    if (this.active !== undefined) {
      const what = this.active.state === 'asking' ? 'is waiting for its command lines' : `is running (${this.active.state})`;
      void vscode.window.showWarningMessage(`A verification ${what}. Only one runs at a time: wait for it, or cancel it from its status bar item.`);
      return false;
    }
    return true;
  }

  private async run(active: ActiveVerification, commands: VerifyCommands, where: { cwd: string; env: NodeJS.ProcessEnv; python: string }): Promise<void> {
    const { runs, warmup } = readVerifySettings();
    this.log.info(
      `Verifying a change in ${where.cwd}: ${runs} runs each after ${warmup} warm-up, measured with ${where.python}.\n` +
        `  baseline:  ${commands.baseline}\n  candidate: ${commands.candidate}`,
    );
    void vscode.commands.executeCommand('setContext', VERIFYING_CONTEXT_KEY, true);
    const started = Date.now();
    try {
      const { result } = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Profile First: verifying the change', cancellable: true },
        (progress, token) => {
          token.onCancellationRequested(() => active.controller.abort());
          return verifyChange({
            ...commands,
            runs,
            warmup,
            ...where,
            signal: active.controller.signal,
            onProgress: (p) => {
              active.state = formatProgress(p);
              this.status.update(active.state);
              progress.report({ message: active.state });
            },
          });
        },
      );
      this.log.info(`Verification finished in ${((Date.now() - started) / 1000).toFixed(1)} s.\n${formatVerifyText(result, commands)}`);
      this.panel.show(result, commands);
    } catch (err) {
      this.failed(err);
    } finally {
      this.status.clear();
      void vscode.commands.executeCommand('setContext', VERIFYING_CONTEXT_KEY, false);
    }
  }

  private failed(err: unknown): void {
    if (err instanceof VerifyCancelledError) {
      this.log.info(err.message);
      void vscode.window.showInformationMessage(err.message);
      return;
    }
    if (err instanceof RunFailedError) {
      // The notification has the command and the end of its stderr; the log has all of it.
      this.log.error(err.message);
      if (err.stderr.trim() !== '') this.log.error(err.stderr.trimEnd());
      void vscode.window.showErrorMessage(runFailureMessage(err), 'Show Log').then((choice) => {
        if (choice === 'Show Log') this.log.show(true);
      });
      return;
    }
    showError(err, this.log);
  }

  dispose(): void {
    // Aborting kills the measured command's process group (measureRun), so nothing outlives us.
    this.active?.controller.abort();
    this.status.dispose();
  }
}

/** The active editor's Python file on disk, if any: the default baseline runs it. */
function activePythonFile(): vscode.Uri | undefined {
  const doc = vscode.window.activeTextEditor?.document;
  return doc !== undefined && doc.languageId === 'python' && doc.uri.scheme === 'file' ? doc.uri : undefined;
}

/** The workspace folder of the script (else the first one): the commands run there. */
function workingFolder(script: vscode.Uri | undefined): string {
  const folder = (script !== undefined ? vscode.workspace.getWorkspaceFolder(script) : undefined) ?? vscode.workspace.workspaceFolders?.[0];
  if (folder !== undefined) return folder.uri.fsPath;
  if (script !== undefined) return path.dirname(script.fsPath);
  throw new ProfileFirstError('Verify Change runs the commands in the workspace folder, and none is open. Open a folder, or a Python file, first.');
}

/** Asks for both command lines; undefined when the user dismisses a box. */
async function askCommands(script: vscode.Uri | undefined, python: string, cwd: string): Promise<VerifyCommands | undefined> {
  const defaultBaseline = script !== undefined ? quoteCommandLine([python, scriptArgument(script.fsPath, cwd)]) : '';
  const where = `Runs in ${cwd}, without a shell (quote arguments as in a POSIX shell).`;
  const baseline = await vscode.window.showInputBox({
    title: 'Profile First: Verify Change (1/2): baseline',
    prompt: `The command before your change. ${where}`,
    placeHolder: 'python3 bench.py',
    value: defaultBaseline,
    ignoreFocusOut: true,
    validateInput: validateCommandLine,
  });
  if (baseline === undefined) return undefined;
  const candidate = await vscode.window.showInputBox({
    title: 'Profile First: Verify Change (2/2): candidate',
    prompt: `The command after your change (e.g. another script, or the same one after you changed the code). ${where}`,
    placeHolder: 'python3 bench_fast.py',
    value: baseline,
    ignoreFocusOut: true,
    validateInput: validateCommandLine,
  });
  if (candidate === undefined) return undefined;
  return { baseline, candidate };
}

/** The script relative to the working folder when it is inside it (shorter, and what a person types). */
function scriptArgument(script: string, cwd: string): string {
  const relative = path.relative(cwd, script);
  return relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative) ? relative : script;
}

/** Input box validation: the same checks the argument and the command-line splitter make. */
function validateCommandLine(line: string): string | undefined {
  const problem = commandLineProblem(line);
  if (problem !== undefined) return problem;
  try {
    splitCommandLine(line);
    return undefined;
  } catch (err) {
    if (err instanceof CommandLineError) return err.message;
    throw err;
  }
}
