import * as vscode from 'vscode';
import { HEAT_LEVELS, type LineHint } from '../../core/editor';

/**
 * The decoration types of the inline hints: one per heat level plus one for stale hints, created
 * once; each line's text goes through `renderOptions` (creating a type per line is what makes
 * other profilers' hints slow). Colours come from `contributes.colors` so themes can change them.
 */
export class HeatDecorations implements vscode.Disposable {
  private readonly levels: vscode.TextEditorDecorationType[] = [];
  private readonly stale: vscode.TextEditorDecorationType;

  constructor() {
    const after = { color: new vscode.ThemeColor('profileFirst.hintForeground'), margin: '0 0 0 2.5em', fontStyle: 'normal' };
    for (let level = 1; level <= HEAT_LEVELS; level++) {
      this.levels.push(
        vscode.window.createTextEditorDecorationType({
          isWholeLine: true,
          backgroundColor: new vscode.ThemeColor(`profileFirst.heat${level}Background`),
          overviewRulerColor: new vscode.ThemeColor('profileFirst.heatOverviewRuler'),
          overviewRulerLane: vscode.OverviewRulerLane.Right,
          after,
        }),
      );
    }
    this.stale = vscode.window.createTextEditorDecorationType({
      isWholeLine: true,
      after: { ...after, color: new vscode.ThemeColor('editorWarning.foreground') },
    });
  }

  /** Replaces an editor's hints (an empty list clears them). */
  apply(editor: vscode.TextEditor, hints: readonly LineHint[]): void {
    const byLevel: vscode.DecorationOptions[][] = this.levels.map(() => []);
    const stale: vscode.DecorationOptions[] = [];
    const lineCount = editor.document.lineCount;
    for (const hint of hints) {
      if (hint.line < 1 || hint.line > lineCount) continue;
      const line = hint.line - 1;
      const option: vscode.DecorationOptions = {
        range: new vscode.Range(line, 0, line, Number.MAX_SAFE_INTEGER),
        renderOptions: { after: { contentText: hint.text } },
      };
      if (hint.stale || hint.level < 1) stale.push(option);
      else byLevel[Math.min(HEAT_LEVELS, hint.level) - 1].push(option);
    }
    this.levels.forEach((type, i) => editor.setDecorations(type, byLevel[i]));
    editor.setDecorations(this.stale, stale);
  }

  dispose(): void {
    for (const t of this.levels) t.dispose();
    this.stale.dispose();
  }
}
