import * as vscode from 'vscode';
import type { AsyncDiagnostics } from './asyncDiagnostics';
import { findingRange, LINT_SOURCE } from './asyncDiagnostics';

/**
 * Quick fixes for PF101–PF103: each safe rewrite variant (gather, bounded gather, TaskGroup)
 * as a code action on its diagnostic. Edits come from the lint's byte-exact ranges; nothing is
 * ever applied on save (these are plain quick fixes, chosen by the user).
 */
export class AsyncQuickFixes implements vscode.CodeActionProvider {
  static readonly kinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: AsyncDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const actions: vscode.CodeAction[] = [];
    const findings = this.diagnostics.findingsFor(document.uri);
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== LINT_SOURCE) continue;
      const finding = findings.find((f) => f.rule === diagnostic.code && findingRange(f).isEqual(diagnostic.range));
      if (finding === undefined) continue;
      for (const fix of finding.fixes) {
        const action = new vscode.CodeAction(fix.title, vscode.CodeActionKind.QuickFix);
        action.diagnostics = [diagnostic];
        action.isPreferred = fix.preferred;
        const edit = new vscode.WorkspaceEdit();
        for (const e of fix.edits) {
          edit.replace(document.uri, new vscode.Range(document.positionAt(e.start), document.positionAt(e.end)), e.newText);
        }
        action.edit = edit;
        actions.push(action);
      }
    }
    return actions;
  }
}
