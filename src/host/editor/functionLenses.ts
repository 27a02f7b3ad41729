import * as vscode from 'vscode';
import { lensText } from '../../core/editor';
import type { FunctionStat } from '../../core/model/aggregate';
import { readEditorSettings } from '../settings';
import { FOCUS_LINE_COMMAND, type FocusLineArgs } from './hotLineHover';
import type { HotLinesController } from './hotLines';

/** How far above its first recorded line a function's `def` is looked for. */
const DEF_SEARCH_LINES = 400;

/**
 * A CodeLens over each function that appears in the profile:
 * `Profile First: 12.3 % total · 0.8 s · 4.1 % self`; clicking it focuses the function in the
 * flame graph. The lens sits on the `def` line, found by searching upwards from the first line
 * the profile recorded inside the function (py-spy records executing lines, not definitions).
 */
export class FunctionLensProvider implements vscode.CodeLensProvider {
  readonly onDidChangeCodeLenses: vscode.Event<void>;

  constructor(private readonly hotLines: HotLinesController) {
    this.onDidChangeCodeLenses = hotLines.onDidChange;
  }

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const view = this.hotLines.view;
    if (view === undefined || !readEditorSettings().codeLens) return [];
    const functions = view.functions.get(document.uri.fsPath);
    if (functions === undefined) return [];
    const lenses: vscode.CodeLens[] = [];
    const seen = new Set<number>();
    for (const fn of functions) {
      if (fn.total / view.total < 0.001) continue;
      const defLine = findDefinition(document, fn);
      if (defLine === undefined || seen.has(defLine)) continue;
      seen.add(defLine);
      const args: FocusLineArgs = { file: fn.file ?? '', name: fn.name };
      lenses.push(
        new vscode.CodeLens(document.lineAt(defLine).range, {
          title: lensText(fn, view.total, view.profile.meta),
          tooltip: `Focus ${fn.name} in the flame graph`,
          command: FOCUS_LINE_COMMAND,
          arguments: [args],
        }),
      );
    }
    return lenses;
  }
}

/** The 0-based line of `def NAME` (or `class NAME` for `<module>`-less names) at or above the recorded line. */
function findDefinition(document: vscode.TextDocument, fn: FunctionStat): number | undefined {
  if (fn.line === null) return undefined;
  // py-spy names methods `Class.method` and nested functions `outer.<locals>.inner`: the last part is the def.
  const simple = fn.name.split('.').pop() ?? fn.name;
  if (simple === '<module>') return undefined;
  const escaped = simple.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^\\s*(async\\s+)?def\\s+${escaped}\\s*[(\\[]`);
  const start = Math.min(fn.line - 1, document.lineCount - 1);
  for (let line = start; line >= 0 && line >= start - DEF_SEARCH_LINES; line--) {
    if (pattern.test(document.lineAt(line).text)) return line;
  }
  return undefined;
}
