import * as vscode from 'vscode';
import type { HotLinesController } from './hotLines';

/** Status bar item naming the profile whose numbers the editor shows (and the zoom); click to switch. */
export class ProfileStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('profileFirst.shownProfile', vscode.StatusBarAlignment.Left, 99);
  private readonly subscription: vscode.Disposable;

  constructor(private readonly hotLines: HotLinesController) {
    this.item.name = 'Profile First Profile';
    this.item.command = 'profileFirst.switchProfile';
    this.subscription = hotLines.onDidChange(() => this.update());
  }

  private update(): void {
    const view = this.hotLines.view;
    if (view === undefined) {
      this.item.hide();
      return;
    }
    const zoom = view.zoomedTo !== undefined ? ` · zoomed: ${view.zoomedTo}` : '';
    this.item.text = `$(flame) ${view.loaded.title}${zoom}`;
    this.item.tooltip =
      view.zoomedTo !== undefined
        ? `Line hints show shares of the samples under ${view.zoomedTo} (reset the zoom in the flame graph to see the whole profile). Click to switch profiles.`
        : `Line hints show ${view.loaded.path}. Click to switch between recent profiles.`;
    this.item.show();
  }

  dispose(): void {
    this.subscription.dispose();
    this.item.dispose();
  }
}
