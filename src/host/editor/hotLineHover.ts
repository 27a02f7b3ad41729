import * as vscode from 'vscode';
import { hoverMarkdown, lineNeighbours } from '../../core/editor';
import type { HotLinesController } from './hotLines';

/** The command the hover link and the CodeLens run to focus a location in the flame graph. */
export const FOCUS_LINE_COMMAND = 'profileFirst.focusLine';

/** Arguments of the focus command (a recorded path, as in the profile). */
export interface FocusLineArgs {
  readonly file: string;
  readonly line?: number;
  readonly name?: string;
}

/** A `command:` link to the focus command with its arguments encoded. */
export function focusCommandLink(args: FocusLineArgs): string {
  return `command:${FOCUS_LINE_COMMAND}?${encodeURIComponent(JSON.stringify([args]))}`;
}

/**
 * Hover on a hot line: self and total (samples, %, seconds), top callers and callees, and a
 * link that focuses the line's frame in the flame graph. Rendered with HTML off and only our
 * own focus command trusted, because the text contains profile strings.
 */
export class HotLineHoverProvider implements vscode.HoverProvider {
  constructor(private readonly hotLines: HotLinesController) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const local = document.uri.fsPath;
    const line = position.line + 1;
    // A CPU and a memory profile may both have measured this line: show both.
    const parts: string[] = [];
    for (const view of this.hotLines.views) {
      const hint = view.hints.get(local)?.find((h) => h.line === line);
      const recorded = view.recordedPath.get(local);
      if (hint === undefined || recorded === undefined) continue;
      parts.push(
        hoverMarkdown({
          file: local,
          line,
          self: hint.self,
          total: hint.total,
          profileTotal: view.total,
          meta: view.profile.meta,
          neighbours: lineNeighbours(view.profile, recorded, line, { top: 5 }),
          focusLink: focusCommandLink({ file: recorded, line }),
          zoomedTo: view.zoomedTo,
          stale: hint.stale,
        }),
      );
    }
    if (parts.length === 0) return undefined;
    const text = parts.join('\n\n---\n\n');
    const md = new vscode.MarkdownString(text);
    md.supportHtml = false;
    md.isTrusted = { enabledCommands: [FOCUS_LINE_COMMAND] };
    return new vscode.Hover(md, document.lineAt(position.line).range);
  }
}
