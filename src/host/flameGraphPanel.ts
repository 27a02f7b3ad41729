import { existsSync } from 'node:fs';
import * as vscode from 'vscode';
import type { FlameGraphData, MemoryViewMode } from '../core/model/flameTree';
import { assertNever, parseFromWebview, type ToWebview } from '../core/protocol';
import { buildPanelHtml, createNonce } from '../core/view/panelHtml';
import type { Log } from './log';

/**
 * The flame graph panel beside the editor. One panel, reused for each profile shown. The webview
 * is untrusted: every inbound message is validated (`parseFromWebview`), and "open this location"
 * only opens a file that appears in the profile being shown.
 */
export class FlameGraphPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  private data: FlameGraphData | undefined;
  private ready = false;
  private readonly pending: ToWebview[] = [];
  private readonly zoomEmitter = new vscode.EventEmitter<number | null>();
  /** Fires when the user zooms in the graph (node id) or resets (null). */
  readonly onDidZoom = this.zoomEmitter.event;
  private readonly memoryModeEmitter = new vscode.EventEmitter<MemoryViewMode>();
  /** Fires when the user switches a memory profile between peak and leaks. */
  readonly onDidRequestMemoryMode = this.memoryModeEmitter.event;
  private readonly mallocRerunEmitter = new vscode.EventEmitter<void>();
  /** Fires when the user asks to re-run a leaks recording with PYTHONMALLOC=malloc. */
  readonly onDidRequestMallocRerun = this.mallocRerunEmitter.event;
  private readonly verifyComparisonEmitter = new vscode.EventEmitter<void>();
  /** Fires when the user asks to verify the shown comparison with repeated runs. */
  readonly onDidRequestVerifyComparison = this.verifyComparisonEmitter.event;

  constructor(
    private readonly extensionUri: vscode.Uri,
    private readonly log: Log,
  ) {}

  /** Shows a profile, creating the panel beside the active editor if needed. */
  show(data: FlameGraphData): void {
    this.data = data;
    const panel = this.ensurePanel();
    panel.title = `Flame Graph: ${data.title}`;
    panel.reveal(panel.viewColumn ?? vscode.ViewColumn.Beside, true);
    this.post({ type: 'showProfile', data });
  }

  /** Zooms the graph to the widest frame at a source location. */
  focusLocation(file: string, line?: number, name?: string): void {
    if (this.panel === undefined) return;
    this.panel.reveal(undefined, true);
    this.post({ type: 'focusLocation', file, line, name });
  }

  /** True while the panel is open. */
  get isOpen(): boolean {
    return this.panel !== undefined;
  }

  private ensurePanel(): vscode.WebviewPanel {
    if (this.panel !== undefined) return this.panel;
    const dist = vscode.Uri.joinPath(this.extensionUri, 'dist');
    const media = vscode.Uri.joinPath(this.extensionUri, 'media');
    const panel = vscode.window.createWebviewPanel(
      'profileFirst.flameGraph',
      'Flame Graph',
      { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
      { enableScripts: true, enableCommandUris: false, retainContextWhenHidden: true, localResourceRoots: [dist, media] },
    );
    const webview = panel.webview;
    webview.html = buildPanelHtml({
      cspSource: webview.cspSource,
      nonce: createNonce(),
      scriptUri: webview.asWebviewUri(vscode.Uri.joinPath(dist, 'webview.js')).toString(),
      styleUris: [webview.asWebviewUri(vscode.Uri.joinPath(media, 'flamegraph-panel.css')).toString()],
      title: 'Flame Graph',
    });
    webview.onDidReceiveMessage((raw: unknown) => this.onMessage(raw));
    panel.onDidDispose(() => {
      this.panel = undefined;
      this.ready = false;
      this.pending.length = 0;
    });
    this.panel = panel;
    return panel;
  }

  private post(message: ToWebview): void {
    if (!this.ready || this.panel === undefined) {
      // Only the newest profile matters before the page is ready.
      if (message.type === 'showProfile') this.pending.length = 0;
      this.pending.push(message);
      return;
    }
    void this.panel.webview.postMessage(message);
  }

  private onMessage(raw: unknown): void {
    const msg = parseFromWebview(raw);
    if (msg === undefined) {
      this.log.warn('Ignored a malformed message from the flame graph panel.');
      return;
    }
    switch (msg.type) {
      case 'ready':
        this.ready = true;
        // A reloaded page says `ready` again and has lost what it showed: send the profile again.
        if (this.data !== undefined && !this.pending.some((m) => m.type === 'showProfile')) {
          this.pending.unshift({ type: 'showProfile', data: this.data });
        }
        for (const m of this.pending.splice(0)) void this.panel?.webview.postMessage(m);
        return;
      case 'openLocation':
        void this.openLocation(msg.file, msg.line);
        return;
      case 'zoomed':
        this.zoomEmitter.fire(msg.nodeId);
        return;
      case 'switchMemoryMode':
        this.memoryModeEmitter.fire(msg.mode);
        return;
      case 'rerunWithMalloc':
        this.mallocRerunEmitter.fire();
        return;
      case 'verifyComparison':
        // Only meaningful while a comparison is shown; a stale page's click is ignored.
        if (this.data?.comparison !== undefined) this.verifyComparisonEmitter.fire();
        return;
      default:
        assertNever(msg);
    }
  }

  private async openLocation(file: string, line: number): Promise<void> {
    if (this.data === undefined || !this.data.files.includes(file)) {
      this.log.warn(`The flame graph asked to open ${file}, which is not in the profile shown; ignored.`);
      return;
    }
    if (!existsSync(file)) {
      void vscode.window.showWarningMessage(
        `${file} is not on this machine, so Profile First cannot open it. The profile may have been recorded elsewhere (a container or another computer).`,
      );
      return;
    }
    const position = new vscode.Position(Math.max(0, line - 1), 0);
    await vscode.window.showTextDocument(vscode.Uri.file(file), {
      viewColumn: vscode.ViewColumn.One,
      selection: new vscode.Range(position, position),
      preserveFocus: false,
    });
  }

  dispose(): void {
    this.panel?.dispose();
    this.zoomEmitter.dispose();
    this.memoryModeEmitter.dispose();
    this.mallocRerunEmitter.dispose();
    this.verifyComparisonEmitter.dispose();
  }
}
