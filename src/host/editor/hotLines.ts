import { existsSync, statSync } from 'node:fs';
import * as vscode from 'vscode';
import {
  applyStaleness,
  buildComparisonLineHints,
  buildFileLineHints,
  createPathMapper,
  isLibraryPath,
  restrictToNodeInSlices,
  staleness,
  ZOOM_STACKS_PER_SLICE,
  type LineHint,
  type PathMapper,
} from '../../core/editor';
import { nextTurn } from '../../core/load/packedProfile';
import { aggregateLinesAndFunctions, aggregateLinesAndFunctionsInSlices, type FunctionStat, type LinesAndFunctions } from '../../core/model/aggregate';
import { diffRows } from '../../core/model/diff/diffRows';
import type { FlameNode } from '../../core/model/flameTree';
import { isMemoryProfile } from '../../core/load/viewLoad';
import { profileTotal, type Profile, type ProfileKind } from '../../core/model/profile';
import { combineHints, withMemoryText } from '../../core/editor/combinedHints';
import { aggregateLineAllocations, type MemoryProfile } from '../../core/formats/memrayModel';
import type { Log } from '../log';
import type { LoadedProfile } from '../profileViewer';
import { readEditorSettings, type EditorSettings } from '../settings';
import { HeatDecorations } from './heatDecorations';

/** Cap on workspace files the path mapper indexes (suffix matching for recordings made elsewhere). */
const MAX_WORKSPACE_FILES = 50_000;

/** What the editor surfaces show for one profile, possibly restricted to a zoomed frame. */
export interface HotLinesView {
  readonly loaded: LoadedProfile;
  /** The profile the numbers come from: the whole one, or the samples under the zoomed frame. */
  readonly profile: Profile;
  readonly total: number;
  /** Name of the zoomed frame, when zoomed. */
  readonly zoomedTo?: string;
  /** Local path → its hot lines (sorted by line). */
  readonly hints: ReadonlyMap<string, readonly LineHint[]>;
  /** Local path → recorded path, for hover look-ups in the profile. */
  readonly recordedPath: ReadonlyMap<string, string>;
  /** Local path → functions recorded in it. */
  readonly functions: ReadonlyMap<string, readonly FunctionStat[]>;
  /** The profile's line and function totals the hints were made from (kept for a settings change). */
  readonly aggregates: LinesAndFunctions;
}

/**
 * Puts the newest profile's cost on the source lines of every visible editor: inline hint text,
 * heat background and overview ruler mark. Follows the flame graph's zoom (shares of the zoomed
 * total) and is cleared on request. Hover and CodeLens read `view`.
 */
export class HotLinesController implements vscode.Disposable {
  private readonly decorations = new HeatDecorations();
  private readonly disposables: vscode.Disposable[] = [];
  private readonly changed = new vscode.EventEmitter<void>();
  /** Fires when the shown numbers change (new profile, zoom, clear, settings). */
  readonly onDidChange = this.changed.event;
  /** The newest CPU and the newest memory profile: a line shows both when both measured it. */
  private readonly shown = new Map<ProfileKind, { loaded: LoadedProfile; view: HotLinesView }>();
  /** The kind of the profile in the flame graph panel (the one zoom and hover links follow). */
  private focusKind: ProfileKind = 'cpu';
  /** Counts zoom requests, so a slow one finishing after a newer one is dropped. */
  private zoomGeneration = 0;
  private mapper: PathMapper | undefined;
  private settings: EditorSettings;

  constructor(private readonly log: Log) {
    this.settings = readEditorSettings();
    this.disposables.push(
      vscode.window.onDidChangeVisibleTextEditors(() => this.renderAll()),
      vscode.workspace.onDidChangeTextDocument((e) => {
        if (e.contentChanges.length > 0 && this.views.some((v) => v.hints.has(e.document.uri.fsPath))) this.renderDocument(e.document);
      }),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('profileFirst')) return;
        this.settings = readEditorSettings();
        for (const entry of this.shown.values()) entry.view = this.buildView(entry.loaded, entry.view.profile, entry.view.zoomedTo, entry.view.aggregates);
        this.renderAll();
      }),
    );
  }

  /** The numbers of the profile shown in the panel, if any. */
  get view(): HotLinesView | undefined {
    return this.shown.get(this.focusKind)?.view ?? [...this.shown.values()][0]?.view;
  }

  /** Every profile whose numbers are on the lines (a CPU and a memory one at most). */
  get views(): HotLinesView[] {
    return [...this.shown.values()].map((s) => s.view);
  }

  /** Shows a newly loaded profile's hints, replacing the previous profile of the same kind. */
  async show(loaded: LoadedProfile): Promise<void> {
    const kind = loaded.profile.meta.kind;
    this.mapper = await this.createMapper();
    this.focusKind = kind;
    this.shown.set(kind, { loaded, view: this.buildView(loaded, loaded.profile, undefined) });
    this.renderAll();
  }

  /**
   * Restricts the panel profile's hints to the samples under a frame of the drawn tree (null:
   * whole profile). The restriction and its totals are made in slices between which the
   * extension host answers other events (a 10^6-stack profile took 0.6–1.3 s in one go); a newer
   * zoom, or a newer profile, makes an unfinished one stop.
   */
  async zoom(nodeId: number | null): Promise<void> {
    const entry = this.shown.get(this.focusKind);
    if (entry === undefined) return;
    const { loaded } = entry;
    // A comparison's hints are the change over the whole profiles; zooming does not restrict them.
    if (loaded.comparison !== undefined) return;
    const generation = ++this.zoomGeneration;
    const superseded = (): boolean => generation !== this.zoomGeneration || this.shown.get(loaded.profile.meta.kind) !== entry;
    if (nodeId === null || nodeId === loaded.data.root.id) {
      entry.view = this.buildView(loaded, loaded.profile, undefined);
    } else {
      const slices = { sliceSize: ZOOM_STACKS_PER_SLICE, pause: nextTurn, cancelled: superseded };
      const restricted = await restrictToNodeInSlices(loaded.profile, loaded.data.root, nodeId, slices);
      if (restricted === undefined || superseded()) return;
      const aggregates = await aggregateLinesAndFunctionsInSlices(restricted, slices);
      if (aggregates === undefined || superseded()) return;
      entry.view = this.buildView(loaded, restricted, findNode(loaded.data.root, nodeId)?.name, aggregates);
    }
    this.renderAll();
  }

  /** Removes every hint until the next profile is shown. */
  clear(): void {
    this.shown.clear();
    this.renderAll();
  }

  private async createMapper(): Promise<PathMapper> {
    const folders = vscode.workspace.workspaceFolders ?? [];
    let files: string[] = [];
    if (folders.length > 0) {
      const uris = await vscode.workspace.findFiles('**/*.{py,pyx,pyw}', '**/{node_modules,.git}/**', MAX_WORKSPACE_FILES);
      files = uris.map((u) => u.fsPath);
    }
    const roots = folders.map((f) => f.uri.fsPath);
    const mappings: Record<string, string> = {};
    for (const [from, to] of Object.entries(this.settings.pathMappings)) {
      mappings[from] = to.replace(/\$\{workspaceFolder\}/g, roots[0] ?? '');
    }
    return createPathMapper({ workspaceFiles: files, workspaceRoots: roots, pathMappings: mappings, platform: process.platform, fileExists: existsSync });
  }

  private buildView(loaded: LoadedProfile, profile: Profile, zoomedTo: string | undefined, computed?: LinesAndFunctions): HotLinesView {
    const started = performance.now();
    const mapper = this.mapper;
    const recordedPath = new Map<string, string>();
    const localPath = (recorded: string): string | undefined => {
      if (!this.settings.showLibraryCode && isLibraryPath(recorded)) return undefined;
      const local = mapper?.map(recorded)?.localPath;
      if (local !== undefined && !recordedPath.has(local)) recordedPath.set(local, recorded);
      return local;
    };
    const total = profileTotal(profile);
    // One pass over the stacks for both: at 10^6 stacks each pass costs about half a second,
    // which the reader already spent for the whole profile (off this thread for big files).
    const aggregates = computed ?? (profile === loaded.profile && loaded.aggregates !== undefined ? loaded.aggregates : aggregateLinesAndFunctions(profile));
    const rawHints = buildFileLineHints(aggregates.lines, {
      total,
      meta: profile.meta,
      mode: this.settings.lineHints,
      minLineShare: this.settings.minLinePercent / 100,
      localPath,
    });
    const hints =
      loaded.comparison !== undefined
        ? this.comparisonHints(loaded.comparison.baseline, profile, localPath)
        : isMemoryProfile(profile)
          ? this.memoryHints(profile, rawHints, localPath)
          : rawHints;
    const functions = new Map<string, FunctionStat[]>();
    for (const fn of aggregates.functions) {
      if (fn.file === null || fn.line === null) continue;
      const local = localPath(fn.file);
      if (local === undefined) continue;
      let list = functions.get(local);
      if (list === undefined) functions.set(local, (list = []));
      list.push(fn);
    }
    this.log.debug(`Line hints for ${hints.size} files built in ${(performance.now() - started).toFixed(1)} ms.`);
    return { loaded, profile, total, zoomedTo, hints, recordedPath, functions, aggregates };
  }

  /** While a comparison is shown, each line says how its share changed (`▼ 18.2 pts`); every line, not the panel's capped rows. */
  private comparisonHints(baseline: Profile, candidate: Profile, localPath: (recorded: string) => string | undefined): Map<string, LineHint[]> {
    if (this.settings.lineHints === 'off') return new Map();
    const changes = [];
    for (const row of diffRows(baseline, candidate).rows) {
      if (row.kind === 'line' && row.file !== undefined && row.line !== undefined) changes.push({ ...row, file: row.file, line: row.line });
    }
    return buildComparisonLineHints(changes, { minLinePercent: this.settings.minLinePercent, localPath });
  }

  /** Memory hints say bytes and allocation counts (`▇ 48.2 MiB at peak · 1,204 allocs`). */
  private memoryHints(
    profile: MemoryProfile,
    hints: Map<string, LineHint[]>,
    localPath: (recorded: string) => string | undefined,
  ): Map<string, LineHint[]> {
    const counts = new Map<string, Map<number, number>>();
    const byTotal = this.settings.lineHints === 'total';
    for (const stat of aggregateLineAllocations(profile)) {
      const local = localPath(stat.file);
      if (local === undefined) continue;
      let perLine = counts.get(local);
      if (perLine === undefined) counts.set(local, (perLine = new Map()));
      perLine.set(stat.line, (perLine.get(stat.line) ?? 0) + (byTotal ? stat.total : stat.self));
    }
    const mode = profile.meta.details?.mode === 'leaks' ? 'leaks' : 'peak';
    const out = new Map<string, LineHint[]>();
    for (const [file, list] of hints) out.set(file, withMemoryText(list, this.settings.lineHints, mode, counts.get(file) ?? new Map()));
    return out;
  }

  private renderAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.renderEditor(editor);
    this.changed.fire();
  }

  private renderDocument(document: vscode.TextDocument): void {
    for (const editor of vscode.window.visibleTextEditors) if (editor.document === document) this.renderEditor(editor);
  }

  private renderEditor(editor: vscode.TextEditor): void {
    if (editor.document.uri.scheme !== 'file') return;
    const file = editor.document.uri.fsPath;
    const cpu = this.shown.get('cpu');
    const memory = this.shown.get('memory');
    const hints = combineHints(cpu?.view.hints.get(file), memory?.view.hints.get(file), { heat: this.settings.heatDimension, mode: this.settings.lineHints });
    if (hints.length === 0) {
      this.decorations.apply(editor, []);
      return;
    }
    // Stale when the file changed after the older of the recordings shown on it.
    const recordedAt = Math.min(...[cpu, memory].filter((e) => e?.view.hints.has(file)).map((e) => e?.loaded.recordedAt ?? Infinity));
    this.decorations.apply(editor, this.withStaleness(editor.document, hints, recordedAt));
  }

  private withStaleness(document: vscode.TextDocument, hints: readonly LineHint[], recordedAt: number): LineHint[] {
    let mtime = 0;
    try {
      mtime = statSync(document.uri.fsPath).mtimeMs;
    } catch {
      // An unsaved or deleted file: judged by its dirty flag and length alone.
    }
    const result = staleness({ recordedAt, fileMtime: mtime, lineCount: document.lineCount, lines: hints.map((h) => h.line), isDirty: document.isDirty });
    return applyStaleness(hints, result);
  }

  dispose(): void {
    this.decorations.dispose();
    this.changed.dispose();
    for (const d of this.disposables) d.dispose();
  }
}

function findNode(root: FlameNode, id: number): FlameNode | undefined {
  const stack = [root];
  while (stack.length > 0) {
    const n = stack.pop() as FlameNode;
    if (n.id === id) return n;
    for (const c of n.children) stack.push(c);
  }
  return undefined;
}

