import * as vscode from 'vscode';

/** The status bar item of a running recording: elapsed time; clicking it stops the recording. */
export class RecordingStatus implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('profileFirst.recording', vscode.StatusBarAlignment.Left, 100);
  private timer: NodeJS.Timeout | undefined;

  constructor() {
    this.item.name = 'Profile First Recording';
    this.item.command = 'profileFirst.stop';
    this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.warningBackground');
  }

  /** Shows the item and starts counting. */
  start(label: string): void {
    const started = Date.now();
    const render = () => {
      this.item.text = `$(record) Profiling ${label} ${formatElapsed((Date.now() - started) / 1000)}`;
    };
    this.item.tooltip = `Profile First is recording ${label}. Click to stop and see the flame graph.`;
    render();
    this.item.show();
    this.timer = setInterval(render, 1000);
  }

  /** Says that py-spy is writing its file. */
  stopping(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.item.text = '$(loading~spin) Profile First: writing the profile…';
  }

  clear(): void {
    if (this.timer !== undefined) clearInterval(this.timer);
    this.timer = undefined;
    this.item.hide();
  }

  dispose(): void {
    this.clear();
    this.item.dispose();
  }
}

/** "0:07", "12:34", "1:02:03". */
export function formatElapsed(sec: number): string {
  const s = Math.floor(sec);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}
