import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { AsyncFinding, AsyncLinter, AwaitEvidenceLookup, PythonVersion } from '../../core/asyncLint';
import { targetPythonFromPyproject } from '../../core/asyncLint/pythonVersion';
import { awaitEvidenceLookup, type AwaitTimings } from '../../core/awaitTiming';
import { createPathMapper } from '../../core/editor/pathMapper';
import { aggregateLines } from '../../core/model/aggregate';
import { profileTotal } from '../../core/model/profile';
import { weightToSeconds } from '../../core/model/units';
import type { Log } from '../log';
import { loadLintEngine } from './loadLintEngine';
import type { ProfileViewer } from '../profileViewer';
import { readEditorSettings, readLintSettings } from '../settings';

/** Diagnostics source shown in the Problems panel. */
export const LINT_SOURCE = 'Profile First';
/** Re-lint this long after the last keystroke. */
const DEBOUNCE_MS = 400;

/**
 * Sequential-await diagnostics (PF101–PF103) for open Python files, re-run on edits (debounced)
 * and when a new profile arrives (profile evidence raises Information to Warning). The
 * WebAssembly parser is loaded on first use, not at activation.
 */
export class AsyncDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('profileFirst.async');
  private readonly findings = new Map<string, AsyncFinding[]>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly disposables: vscode.Disposable[] = [];
  private linter: Promise<AsyncLinter> | undefined;
  private targetPython: PythonVersion | undefined;

  constructor(
    private readonly viewer: ProfileViewer,
    private readonly log: Log,
  ) {
    this.disposables.push(
      vscode.workspace.onDidOpenTextDocument((d) => this.schedule(d, 0)),
      vscode.workspace.onDidChangeTextDocument((e) => this.schedule(e.document, DEBOUNCE_MS)),
      vscode.workspace.onDidCloseTextDocument((d) => this.forget(d.uri)),
      vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('profileFirst.lint') && this.relintOpen()),
      viewer.onDidLoad(() => this.relintOpen()),
    );
    void this.readTargetPython().then(() => this.relintOpen());
  }

  /** The findings last computed for a document (the code action provider reads them). */
  findingsFor(uri: vscode.Uri): readonly AsyncFinding[] {
    return this.findings.get(uri.toString()) ?? [];
  }

  /** The linter, loaded once. */
  getLinter(): Promise<AsyncLinter> {
    // The engine (parser, rules) is a bundle of its own, loaded at the first lint, not at activation.
    this.linter ??= Promise.resolve().then(() => loadLintEngine().AsyncLinter.create());
    return this.linter;
  }

  /** Lints one document now and publishes its diagnostics. */
  async lintDocument(document: vscode.TextDocument): Promise<AsyncFinding[]> {
    if (document.languageId !== 'python' || document.uri.scheme !== 'file') return [];
    const linter = await this.getLinter();
    const settings = readLintSettings();
    const found = linter.lint(document.getText(), {
      file: document.uri.fsPath,
      includeTests: settings.includeTests,
      concurrencySafe: settings.concurrencySafe,
      targetPython: this.targetPython,
      evidence: this.evidence([document.uri.fsPath]),
    });
    this.findings.set(document.uri.toString(), found);
    this.collection.set(document.uri, found.map(toDiagnostic));
    return found;
  }

  /** `Profile First: Scan Workspace for Sequential Awaits`: lints every Python file, opened or not. */
  async scanWorkspace(): Promise<void> {
    const uris = await vscode.workspace.findFiles('**/*.py', '{**/node_modules/**,**/.git/**,**/.venv/**,**/venv/**,**/site-packages/**}', 20_000);
    const linter = await this.getLinter();
    const settings = readLintSettings();
    const evidence = this.evidence(uris.map((u) => u.fsPath));
    let count = 0;
    let files = 0;
    await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: 'Profile First: scanning for sequential awaits', cancellable: true },
      async (progress, token) => {
        for (const [i, uri] of uris.entries()) {
          if (token.isCancellationRequested) break;
          if (i % 50 === 0) progress.report({ message: `${i} of ${uris.length} files`, increment: (50 / Math.max(1, uris.length)) * 100 });
          const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
          let text: string;
          try {
            text = open?.getText() ?? (await readFile(uri.fsPath, 'utf8'));
          } catch (err) {
            this.log.warn(`Could not read ${uri.fsPath}: ${String(err)}`);
            continue;
          }
          const found = linter.lint(text, {
            file: uri.fsPath,
            includeTests: settings.includeTests,
            concurrencySafe: settings.concurrencySafe,
            targetPython: this.targetPython,
            evidence,
          });
          this.findings.set(uri.toString(), found);
          this.collection.set(uri, found.map(toDiagnostic));
          if (found.length > 0) files++;
          count += found.length;
        }
      },
    );
    const summary =
      count === 0
        ? `Profile First found no sequential awaits in ${uris.length} Python files.`
        : `Profile First found ${count} sequential await${count === 1 ? '' : 's'} in ${files} of ${uris.length} Python files.`;
    const choice = await vscode.window.showInformationMessage(summary, ...(count > 0 ? ['Show Problems'] : []));
    if (choice === 'Show Problems') await vscode.commands.executeCommand('workbench.actions.view.problems');
  }

  private schedule(document: vscode.TextDocument, delay: number): void {
    if (document.languageId !== 'python' || document.uri.scheme !== 'file') return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => {
        this.timers.delete(key);
        this.lintDocument(document).catch((err: unknown) => this.log.warn(`Sequential-await lint failed on ${document.uri.fsPath}: ${String(err)}`));
      }, delay),
    );
  }

  private relintOpen(): void {
    for (const d of vscode.workspace.textDocuments) this.schedule(d, 0);
  }

  private forget(uri: vscode.Uri): void {
    this.findings.delete(uri.toString());
    this.collection.delete(uri);
  }

  /** TaskGroup fixes need to know the project's Python: `requires-python` in pyproject.toml. */
  private async readTargetPython(): Promise<void> {
    const folder = vscode.workspace.workspaceFolders?.[0];
    if (folder === undefined) return;
    try {
      this.targetPython = targetPythonFromPyproject(await readFile(path.join(folder.uri.fsPath, 'pyproject.toml'), 'utf8'));
    } catch {
      this.targetPython = undefined;
    }
  }

  /**
   * Evidence from the newest CPU profile. Preferred: the await timer's file beside it (the time
   * each awaiting line was suspended, and how many awaits it made). Otherwise the weight py-spy
   * recorded on the line, which only shows waiting that happened on a thread's stack (a
   * suspended coroutine has none), in seconds when the rate is known.
   */
  private evidence(files: readonly string[]): AwaitEvidenceLookup | undefined {
    const loaded = this.viewer.loaded;
    if (loaded === undefined || loaded.profile.meta.kind !== 'cpu') return undefined;
    if (loaded.awaits !== undefined) return this.timedEvidence(loaded.awaits, loaded.profile.meta.durationSec, files);
    const { profile } = loaded;
    const total = profileTotal(profile);
    if (!(total > 0) || weightToSeconds(total, profile.meta) === undefined) return undefined;
    const byLine = new Map<string, number>();
    for (const l of aggregateLines(profile)) byLine.set(`${l.file}\u0000${l.line}`, l.total);
    return (file, line) => {
      const weight = byLine.get(`${file}\u0000${line}`);
      if (weight === undefined) return undefined;
      return { seconds: weightToSeconds(weight, profile.meta) ?? 0, waitingShare: weight / total };
    };
  }

  /** Await timings, with recorded paths mapped to `files` the way the editor maps profile paths. */
  private timedEvidence(awaits: AwaitTimings, recordingSec: number | undefined, files: readonly string[]): AwaitEvidenceLookup {
    const roots = (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri.fsPath);
    const pathMappings: Record<string, string> = {};
    for (const [from, to] of Object.entries(readEditorSettings().pathMappings)) pathMappings[from] = to.replace(/\$\{workspaceFolder\}/g, roots[0] ?? '');
    const mapper = createPathMapper({ workspaceFiles: files, workspaceRoots: roots, pathMappings, platform: process.platform, fileExists: existsSync });
    return awaitEvidenceLookup(awaits, { localPath: (recorded) => mapper.map(recorded)?.localPath, recordingSec });
  }

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.collection.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

/** 1-based, end-exclusive finding range → VS Code range. */
export function findingRange(f: { line: number; column: number; endLine: number; endColumn: number }): vscode.Range {
  return new vscode.Range(f.line - 1, f.column - 1, f.endLine - 1, f.endColumn - 1);
}

function toDiagnostic(f: AsyncFinding): vscode.Diagnostic {
  // The message already says why no fix is offered when there is none.
  const message = f.message;
  const severity = f.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information;
  const d = new vscode.Diagnostic(findingRange(f), message, severity);
  d.source = LINT_SOURCE;
  d.code = f.rule;
  return d;
}
