import { basename } from 'node:path';
import * as vscode from 'vscode';
import { allocationCountProfile, type MemoryProfile } from '../core/formats/memrayModel';
import { readProfileFile, type ReadProfileOptions } from '../core/formats/readProfileFile';
import { statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { buildFlameGraphData } from '../core/model/callTree';
import type { FlameGraphData, MemoryViewMode } from '../core/model/flameTree';
import { ProfileFirstError } from '../core/errors';
import type { MemrayCapture } from '../core/formats/memrayModel';
import { buildMemoryView } from '../core/view/memoryView';
import { readMemrayCapture } from '../core/formats/memrayRead';
import { sniffFormat } from '../core/formats/sniff';
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
  /** A memray capture's peak and leaks, so the panel can switch without reading it again. */
  readonly capture?: MemrayCapture;
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
  async open(path: string, title = basename(path), memoryMode?: MemoryViewMode): Promise<LoadedProfile | undefined> {
    try {
      const started = Date.now();
      const loaded = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `Profile First: reading ${basename(path)}` },
        async () => ((await isMemrayCapture(path)) ? this.readCapture(path, title, memoryMode) : this.readProfile(path, title)),
      );
      this.log.info(
        `Loaded ${path}: ${loaded.profile.stacks.length} stacks, ${loaded.data.nodeCount} tree nodes (${loaded.data.shownNodeCount} drawn) in ${Date.now() - started} ms.`,
      );
      this.show(loaded);
      return loaded;
    } catch (err) {
      showError(err, this.log);
      return undefined;
    }
  }

  /** Shows the current memray capture in the other mode (peak ⇄ leaks) without reading it again. */
  switchMemoryMode(mode: MemoryViewMode): void {
    const current = this.current;
    if (current?.capture === undefined) return;
    const profile = mode === 'leaks' ? current.capture.leaks : current.capture.peak;
    if (profile === undefined) return;
    this.show(this.memoryLoaded(current.path, current.title, current.capture, mode, current.recordedAt));
  }

  private async readProfile(path: string, title: string): Promise<LoadedProfile> {
    const read = await readProfileFile(path, this.readOptions());
    const profile = readMemorySettings(this.log).mode === 'allocations' && isMemoryProfile(read) ? byAllocationCount(read) : read;
    const data = buildFlameGraphData(profile, { title, minFramePercent: readMinFramePercent() });
    return { path, title, profile, data, recordedAt: statSync(path).mtimeMs };
  }

  /** A memray capture: both peak and leaks are read once, with the memory over time for the chart. */
  private async readCapture(path: string, title: string, mode: MemoryViewMode | undefined): Promise<LoadedProfile> {
    const capture = await readMemrayCapture(path, { mode: 'both', useRecordedInterpreter: vscode.workspace.isTrusted });
    for (const w of capture.warnings) this.log.warn(`${basename(path)}: ${w}`);
    const wanted = mode ?? (readMemorySettings(this.log).mode === 'leaks' ? 'leaks' : 'peak');
    return this.memoryLoaded(path, title, capture, wanted, statSync(path).mtimeMs);
  }

  private memoryLoaded(path: string, title: string, capture: MemrayCapture, wanted: MemoryViewMode, recordedAt: number): LoadedProfile {
    const availableModes = (['peak', 'leaks'] as const).filter((m) => capture[m] !== undefined);
    const mode: MemoryViewMode = availableModes.includes(wanted) ? wanted : (availableModes[0] ?? 'peak');
    const chosen = capture[mode];
    if (chosen === undefined) throw new ProfileFirstError(`${path}: the capture has neither peak nor leak records to show.`);
    const profile: Profile = readMemorySettings(this.log).mode === 'allocations' ? byAllocationCount(chosen) : chosen;
    const data: FlameGraphData = {
      ...buildFlameGraphData(profile, { title: `${title} · ${mode === 'peak' ? 'memory at peak' : 'leaked memory'}`, minFramePercent: readMinFramePercent() }),
      memory: buildMemoryView(capture, mode),
    };
    return { path, title, profile, data, recordedAt, capture };
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

/** True when the file starts like a memray capture (plain or LZ4-compressed). */
async function isMemrayCapture(path: string): Promise<boolean> {
  try {
    const handle = await open(path, 'r');
    try {
      const head = Buffer.alloc(4096);
      const { bytesRead } = await handle.read(head, 0, head.length, 0);
      return sniffFormat(head.subarray(0, bytesRead)).format === 'memray';
    } finally {
      await handle.close();
    }
  } catch {
    return false;
  }
}
