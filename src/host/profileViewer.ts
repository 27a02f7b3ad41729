import { basename, join } from 'node:path';
import * as vscode from 'vscode';
import { statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { buildFlameGraphData } from '../core/model/callTree';
import { loadForViewInWorker } from '../core/load/loadInWorker';
import { byAllocationCount, loadForView, type ViewLoad, type ViewLoadRequest } from '../core/load/viewLoad';
import { buildComparisonData } from '../core/model/diff/comparisonData';
import { verifyComparisonRequest, type VerifyComparisonRequest } from '../core/model/diff/verifyRequest';
import { readSidecar } from '../core/formats/sidecar';
import type { FlameGraphData, MemoryViewMode } from '../core/model/flameTree';
import { ProfileFirstError } from '../core/errors';
import type { MemrayCapture } from '../core/formats/memrayModel';
import { buildMemoryView } from '../core/view/memoryView';
import { readMemrayCapture } from '../core/formats/memrayRead';
import { sniffFormat } from '../core/formats/sniff';
import { recordingTitle } from '../core/history';
import type { LinesAndFunctions } from '../core/model/aggregate';
import type { Profile } from '../core/model/profile';
import { awaitsPath, readAwaitTimings, type AwaitTimings } from '../core/awaitTiming';
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
  /** The whole profile's line and function totals, when the reader computed them (the parse worker does, off this thread). */
  readonly aggregates?: LinesAndFunctions;
  /** When the recording was made (ms since epoch): the file's modification time. */
  readonly recordedAt: number;
  /** A memray capture's peak and leaks, so the panel can switch without reading it again. */
  readonly capture?: MemrayCapture;
  /** The await timer's results beside a CPU profile (`<profile>.awaits.json`): where the program waited. */
  readonly awaits?: AwaitTimings;
  /** A comparison: `path` and `profile` are the candidate's, this is the baseline. */
  readonly comparison?: LoadedComparison;
}

/** The baseline side of a shown comparison, and how to verify it with repeated runs. */
export interface LoadedComparison {
  readonly baselinePath: string;
  readonly baseline: Profile;
  /** The two command lines from the sidecars, or why the comparison cannot be re-run. */
  readonly verify: VerifyComparisonRequest;
}

/** The button on the "cannot be re-run" message. */
const VERIFY_CHANGE_ACTION = 'Verify Change…';

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

  private readonly verifySubscription: vscode.Disposable;

  constructor(
    private readonly panel: FlameGraphPanel,
    private readonly log: Log,
  ) {
    this.verifySubscription = panel.onDidRequestVerifyComparison(() => void this.verifyComparison().catch((err: unknown) => showError(err, log)));
  }

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

  /**
   * Reads two profiles and shows how the candidate differs from the baseline ("A → B"): a
   * differential flame graph with the candidate's widths and a table of changes. Reports a
   * failure (unreadable file, profiles of different kinds) as a message.
   */
  async compare(baselinePath: string, candidatePath: string): Promise<void> {
    try {
      const started = Date.now();
      const loaded = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Window, title: `Profile First: comparing ${basename(baselinePath)} with ${basename(candidatePath)}` },
        () => this.readComparison(baselinePath, candidatePath),
      );
      this.log.info(
        `Compared ${baselinePath} → ${candidatePath}: ${loaded.data.nodeCount} tree nodes (${loaded.data.shownNodeCount} drawn), ${loaded.data.comparison?.rows.length ?? 0} rows in ${Date.now() - started} ms.`,
      );
      this.show(loaded);
    } catch (err) {
      showError(err, this.log);
    }
  }

  private async readComparison(baselinePath: string, candidatePath: string): Promise<LoadedProfile> {
    // Both sides read the same way as open() reads a single profile (memray captures: the configured view).
    const [baseline, candidate, baselineSidecar, candidateSidecar] = await Promise.all([
      this.readProfileOnly(baselinePath),
      this.readProfileOnly(candidatePath),
      readSidecar(baselinePath),
      readSidecar(candidatePath),
    ]);
    const baselineTitle = recordingTitle(basename(baselinePath), baselineSidecar);
    const candidateTitle = recordingTitle(basename(candidatePath), candidateSidecar);
    const data = buildComparisonData(baseline, candidate, { baselineTitle, candidateTitle, minFramePercent: readMinFramePercent() });
    const verify = verifyComparisonRequest({ title: baselineTitle, sidecar: baselineSidecar }, { title: candidateTitle, sidecar: candidateSidecar });
    return { path: candidatePath, title: data.title, profile: candidate, data, recordedAt: statSync(candidatePath).mtimeMs, comparison: { baselinePath, baseline, verify } };
  }

  /**
   * Runs `profileFirst.verifyChange` on the two programs of the shown comparison, or says why it
   * cannot (a side was not launched by Profile First).
   */
  async verifyComparison(): Promise<void> {
    const comparison = this.current?.comparison;
    if (comparison === undefined) return;
    const request = comparison.verify;
    if (!request.ok) {
      const choice = await vscode.window.showWarningMessage(request.message, VERIFY_CHANGE_ACTION);
      if (choice === VERIFY_CHANGE_ACTION) await vscode.commands.executeCommand('profileFirst.verifyChange');
      return;
    }
    await vscode.commands.executeCommand('profileFirst.verifyChange', { baseline: request.baseline, candidate: request.candidate });
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
    const { profile, data, aggregates } = await this.loadForView(path, title);
    const awaits = profile.meta.kind === 'cpu' ? await this.readAwaits(path) : undefined;
    return { path, title, profile, data, aggregates, recordedAt: statSync(path).mtimeMs, ...(awaits !== undefined && { awaits }) };
  }

  /**
   * Parses the file and builds its tree: a file over WORKER_MIN_BYTES in the parse worker
   * (dist/profileWorker.js), so the extension host's thread stays responsive (issue 8: 10^6
   * stacks took 4.8 s on it); smaller ones here, where a worker's start-up would cost more.
   */
  private loadForView(path: string, title: string): Promise<ViewLoad> {
    const memory = readMemorySettings(this.log).mode;
    const req: ViewLoadRequest = {
      path,
      title,
      minFramePercent: readMinFramePercent(),
      memoryMode: memory === 'leaks' ? 'leaks' : 'peak',
      useRecordedInterpreter: vscode.workspace.isTrusted,
      countAllocations: memory === 'allocations',
    };
    return fileSize(path) > WORKER_MIN_BYTES ? loadForViewInWorker({ file: join(__dirname, 'profileWorker.js') }, req) : loadForView(req);
  }

  /** The await timings beside a profile; a bad file is logged and ignored (the profile still opens). */
  private async readAwaits(path: string): Promise<AwaitTimings | undefined> {
    const read = await readAwaitTimings(path);
    if (read === undefined) return undefined;
    if ('problem' in read) {
      this.log.warn(`Ignoring ${awaitsPath(path)}: ${read.problem}. Profile again to measure await waiting times.`);
      return undefined;
    }
    if (read.error !== undefined) this.log.warn(`The await timer stopped early in this run (${read.error}); its times cover the run up to then.`);
    this.log.info(`Await timings: ${read.sites.length} awaiting lines over ${read.wallSec.toFixed(1)} s (Python ${read.python}).`);
    return read;
  }

  /**
   * A profile file as the views show it (memory: the configured view and weight), read the same
   * way as open() reads one: big files in the parse worker, off the extension host's thread.
   * The single-profile tree it also builds is small next to the parse.
   */
  private async readProfileOnly(path: string): Promise<Profile> {
    return (await this.loadForView(path, basename(path))).profile;
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

  /** Profiles loaded in this window, newest first. */
  get recent(): readonly LoadedProfile[] {
    return this.recentList;
  }

  /** Shows an already loaded profile (the newest, or one picked from the recent list). */
  show(loaded: LoadedProfile): void {
    this.panel.show(loaded.data);
    // A comparison and its candidate's own profile share a path; both stay in the list.
    const i = this.recentList.findIndex((r) => r.path === loaded.path && r.comparison?.baselinePath === loaded.comparison?.baselinePath);
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
    this.verifySubscription.dispose();
    this.loadedEmitter.dispose();
  }
}

/** Profiles larger than this are parsed in the worker (a worker starts in ~30 ms; 10 MB parses in ~100 ms). */
const WORKER_MIN_BYTES = 10 * 1024 * 1024;

/** The file's size, or 0 when it cannot be read (the parse then reports why). */
function fileSize(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
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
