import * as vscode from 'vscode';
import type { VerifyResult } from '../../core/verify/result';
import type { VerifyCommands } from '../../core/verify/textReport';
import { buildVerdictHtml, VERIFICATION_TITLE } from '../../core/view/verdictHtml';

/**
 * The "Profile First: Verification" panel: one panel, reused for each verification shown. The
 * page is static HTML built in core (verdictHtml) with scripts disabled, so nothing in it can
 * run, and it sends no messages.
 */
export class VerificationPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** Shows a result, creating the panel beside the active editor if needed. */
  show(result: VerifyResult, commands: VerifyCommands): void {
    const panel = this.ensurePanel();
    const webview = panel.webview;
    webview.html = buildVerdictHtml({
      result,
      commands,
      cspSource: webview.cspSource,
      styleUri: webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'verification-panel.css')).toString(),
    });
    panel.reveal(panel.viewColumn ?? vscode.ViewColumn.Beside, true);
  }

  private ensurePanel(): vscode.WebviewPanel {
    if (this.panel !== undefined) return this.panel;
    const panel = vscode.window.createWebviewPanel(
      'profileFirst.verification',
      VERIFICATION_TITLE,
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: false, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(this.extensionUri, 'media')] },
    );
    panel.onDidDispose(() => {
      this.panel = undefined;
    });
    this.panel = panel;
    return panel;
  }

  dispose(): void {
    this.panel?.dispose();
  }
}
