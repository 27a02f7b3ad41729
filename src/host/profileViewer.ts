import { basename } from 'node:path';
import * as vscode from 'vscode';
import { readProfileFile } from '../core/formats/readProfileFile';
import { buildFlameGraphData } from '../core/model/callTree';
import type { Profile } from '../core/model/profile';
import type { FlameGraphPanel } from './flameGraphPanel';
import type { Log } from './log';
import { showError } from './notify';
import { readMinFramePercent } from './settings';

/** A profile that is loaded and shown. */
export interface LoadedProfile {
  readonly path: string;
  readonly title: string;
  readonly profile: Profile;
}

/**
 * Opens profile files: parses them in core, builds the pruned tree, shows the panel, and keeps
 * the newest loaded profile for the editor surfaces.
 */
export class ProfileViewer implements vscode.Disposable {
  private current: LoadedProfile | undefined;
  private readonly loadedEmitter = new vscode.EventEmitter<LoadedProfile>();
  /** Fires after a profile has been loaded and shown. */
  readonly onDidLoad = this.loadedEmitter.event;

  constructor(
    private readonly panel: FlameGraphPanel,
    private readonly log: Log,
  ) {}

  /** The newest loaded profile, if any. */
  get loaded(): LoadedProfile | undefined {
    return this.current;
  }

  /** Reads and shows a profile file; reports a failure as a message and returns undefined. */
  async open(path: string, title = basename(path)): Promise<LoadedProfile | undefined> {
    try {
      const started = Date.now();
      const profile = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `Profile First: reading ${basename(path)}` },
        () => readProfileFile(path),
      );
      const data = buildFlameGraphData(profile, { title, minFramePercent: readMinFramePercent() });
      this.log.info(`Loaded ${path}: ${profile.stacks.length} stacks, ${data.nodeCount} tree nodes (${data.shownNodeCount} drawn) in ${Date.now() - started} ms.`);
      this.panel.show(data);
      this.current = { path, title, profile };
      this.loadedEmitter.fire(this.current);
      return this.current;
    } catch (err) {
      showError(err, this.log);
      return undefined;
    }
  }

  dispose(): void {
    this.loadedEmitter.dispose();
  }
}
