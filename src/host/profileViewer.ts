import { basename } from 'node:path';
import * as vscode from 'vscode';
import { allocationCountProfile, type MemoryProfile } from '../core/formats/memrayModel';
import { readProfileFile, type ReadProfileOptions } from '../core/formats/readProfileFile';
import { statSync } from 'node:fs';
import { buildFlameGraphData } from '../core/model/callTree';
import type { FlameGraphData } from '../core/model/flameTree';
import type { Profile } from '../core/model/profile';
import type { FlameGraphPanel } from './flameGraphPanel';
import type { Log } from './log';
import { showError } from './notify';
import { readMemorySettings, readMinFramePercent } from './settings';

/** A profile that is loaded and shown. */
export interface LoadedProfile {
  readonly path: string;
  readonly title: string;
  readonly profile: Profile;
  /** The tree drawn in the panel (pruned; ids shared with zoom messages). */
  readonly data: FlameGraphData;
  /** When the recording was made (ms since epoch): the file's modification time. */
  readonly recordedAt: number;
}

/** How many loaded profiles the status bar offers to switch between. */
const RECENT_LIMIT = 10;

/**
 * Opens profile files: parses them in core, builds the pruned tree, shows the panel, and keeps
 * the newest loaded profile for the editor surfaces.
 */
export class ProfileViewer implements vscode.Disposable {
  private current: LoadedProfile | undefined;
  private readonly recentList: LoadedProfile[] = [];
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
      const read = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `Profile First: reading ${basename(path)}` },
        () => readProfileFile(path, this.readOptions()),
      );
      const profile = readMemorySettings(this.log).mode === 'allocations' && isMemoryProfile(read) ? byAllocationCount(read) : read;
      const data = buildFlameGraphData(profile, { title, minFramePercent: readMinFramePercent() });
      this.log.info(`Loaded ${path}: ${profile.stacks.length} stacks, ${data.nodeCount} tree nodes (${data.shownNodeCount} drawn) in ${Date.now() - started} ms.`);
      const loaded: LoadedProfile = { path, title, profile, data, recordedAt: statSync(path).mtimeMs };
      this.show(loaded);
      return loaded;
    } catch (err) {
      showError(err, this.log);
      return undefined;
    }
  }

  /** memray captures: the chosen view, and (untrusted workspace) never the interpreter a sidecar names. */
  private readOptions(): ReadProfileOptions {
    const mode = readMemorySettings(this.log).mode;
    return { memoryMode: mode === 'leaks' ? 'leaks' : 'peak', memray: { useRecordedInterpreter: vscode.workspace.isTrusted } };
  }

  /** Profiles loaded in this window, newest first. */
  get recent(): readonly LoadedProfile[] {
    return this.recentList;
  }

  /** Shows an already loaded profile (the newest, or one picked from the recent list). */
  show(loaded: LoadedProfile): void {
    this.panel.show(loaded.data);
    const i = this.recentList.findIndex((r) => r.path === loaded.path);
    if (i >= 0) this.recentList.splice(i, 1);
    this.recentList.unshift(loaded);
    this.recentList.length = Math.min(this.recentList.length, RECENT_LIMIT);
    this.current = loaded;
    this.loadedEmitter.fire(loaded);
  }

  /** Shows the current profile again (after its panel was closed). */
  reveal(): void {
    if (this.current !== undefined) this.panel.show(this.current.data);
  }

  dispose(): void {
    this.loadedEmitter.dispose();
  }
}

/** memray profiles carry allocation counts beside their bytes. */
function isMemoryProfile(p: Profile): p is MemoryProfile {
  return p.meta.tool === 'memray' && Array.isArray((p as Partial<MemoryProfile>).allocations);
}

/** The peak's stacks weighted by allocation count; the unit is a count, never shown as bytes. */
function byAllocationCount(p: MemoryProfile): Profile {
  const counted = allocationCountProfile(p);
  return { ...counted, meta: { ...counted.meta, unit: 'samples', sampleRate: undefined, details: { ...counted.meta.details, weight: 'allocations' } } };
}
