import * as vscode from 'vscode';

/** Command the status bar item runs: cancels the running verification. */
export const CANCEL_VERIFICATION_COMMAND = 'profileFirst.cancelVerification';

/** The status bar item of a running verification: `$(sync~spin) Verify: run 7/20`; clicking it cancels. */
export class VerifyStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('profileFirst.verification', vscode.StatusBarAlignment.Left, 99);

  constructor() {
    this.item.name = 'Profile First Verification';
    this.item.command = CANCEL_VERIFICATION_COMMAND;
    this.item.tooltip = 'Profile First is running the baseline and candidate commands alternately. Click to cancel the verification.';
  }

  /** Shows the item with the phase and run, e.g. "run 7/20" or "warm-up 1/2". */
  update(progress: string): void {
    this.item.text = `$(sync~spin) Verify: ${progress}`;
    this.item.show();
  }

  clear(): void {
    this.item.hide();
  }

  dispose(): void {
    this.item.dispose();
  }
}
