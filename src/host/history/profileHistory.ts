import * as path from 'node:path';
import * as vscode from 'vscode';
import { HISTORY_INDEX_NAME, HistoryStore, type HistoryEntry } from '../../core/history';
import type { Log } from '../log';

/** Bursts of file events (a recording writes its profile, sidecar and the index) become one refresh. */
const REFRESH_DEBOUNCE_MS = 300;

/**
 * The run history as the host sees it: the HistoryStore of the current recordings folder,
 * created on first use (activation reads no files), a watcher on that folder so recordings
 * made elsewhere (another window, the CLI) or deleted outside show up, and a change event for
 * the Profiles view.
 */
export class ProfileHistory implements vscode.Disposable {
  private store: HistoryStore | undefined;
  private watcher: vscode.FileSystemWatcher | undefined;
  private timer: NodeJS.Timeout | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the list may have changed. */
  readonly onDidChange = this.changed.event;
  private readonly configListener: vscode.Disposable;

  constructor(
    /** The current recordings folder (read from the settings each time: the user may change it). */
    private readonly folder: () => string,
    private readonly log: Log,
  ) {
    this.configListener = vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('profileFirst.outputDirectory')) this.refresh();
    });
  }

  /** The recordings of the current folder, newest first (a damaged index is repaired on the way). */
  async entries(): Promise<HistoryEntry[]> {
    return this.currentStore().list();
  }

  /** Adds a kept recording to the history of its own folder. A failure is logged, never shown: the recording itself is safe. */
  async register(profilePath: string): Promise<void> {
    try {
      const store = this.storeFor(path.dirname(profilePath));
      const entry = await store.addProfile(profilePath);
      if (entry !== undefined) this.log.info(`Added ${entry.id} to the history of ${store.dir}.`);
    } catch (err) {
      this.log.warn(`Could not add ${profilePath} to the history: ${(err as Error).message}`);
    }
    this.changed.fire();
  }

  /** Deletes a recording and its companion files (the caller has asked the user). */
  async remove(entry: HistoryEntry): Promise<void> {
    try {
      await this.storeFor(path.dirname(entry.profilePath)).remove(entry.id);
      this.log.info(`Deleted the recording ${entry.profilePath} and its companion files.`);
    } finally {
      this.changed.fire();
    }
  }

  /** Re-reads the folder (after the setting changed, or on the view's Refresh). */
  refresh(): void {
    if (this.store !== undefined && this.store.dir !== path.resolve(this.folder())) {
      this.store = undefined;
      this.watcher?.dispose();
      this.watcher = undefined;
    }
    this.changed.fire();
  }

  private currentStore(): HistoryStore {
    const dir = path.resolve(this.folder());
    if (this.store === undefined || this.store.dir !== dir) {
      this.store = new HistoryStore(dir, (line) => this.log.warn(line));
      this.watch(dir);
    }
    return this.store;
  }

  private storeFor(dir: string): HistoryStore {
    const current = this.currentStore();
    return path.resolve(dir) === current.dir ? current : new HistoryStore(dir, (line) => this.log.warn(line));
  }

  private watch(dir: string): void {
    this.watcher?.dispose();
    const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dir), '*'));
    const onEvent = (uri: vscode.Uri): void => {
      const name = path.basename(uri.fsPath);
      // Our own index writes (and the temporary files of any writer) are not news.
      if (name === HISTORY_INDEX_NAME || name.includes('.tmp-')) return;
      if (this.timer !== undefined) clearTimeout(this.timer);
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.changed.fire();
      }, REFRESH_DEBOUNCE_MS);
    };
    watcher.onDidCreate(onEvent);
    watcher.onDidChange(onEvent);
    watcher.onDidDelete(onEvent);
    this.watcher = watcher;
  }

  dispose(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.watcher?.dispose();
    this.configListener.dispose();
    this.changed.dispose();
  }
}
