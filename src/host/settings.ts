import * as vscode from 'vscode';
import type { Log } from './log';
import { workspaceSettingValues } from './workspaceSettingFiles';

/**
 * Reads Profile First's settings. Settings that name an executable or a path are read with
 * `inspect()` and only the user (global) or default value is used: a cloned repository's
 * `.vscode/settings.json` must not be able to choose what we run (shared/DESIGN.md, security).
 */

const SECTION = 'profileFirst';

/** Settings keys that name something we execute or write to; never taken from a workspace. */
export const MACHINE_SETTINGS = ['pyspyPath', 'pythonPath', 'programArgs', 'outputDirectory', 'memrayPath'] as const;
type MachineSetting = (typeof MACHINE_SETTINGS)[number];

/** All settings the recording commands need, resolved once per command. */
export interface RecordSettings {
  readonly pyspyPath: string;
  readonly pythonPath: string;
  readonly sampleRate: number;
  readonly durationSec: number;
  readonly idle: boolean;
  readonly gil: boolean;
  readonly native: boolean;
  readonly subprocesses: boolean;
  /** Time each await of a launched program (python/await_timing); not possible when attaching. */
  readonly awaitTiming: boolean;
  readonly programArgs: readonly string[];
  readonly outputDirectory: string;
}

/** Reads a machine-level setting: the user value, else the default; workspace values are ignored (and logged). */
export function readMachineSetting<T>(key: MachineSetting, log: Log): T | undefined {
  const info = vscode.workspace.getConfiguration(SECTION).inspect<T>(key);
  if (info === undefined) return undefined;
  const ignored = [info.workspaceValue, info.workspaceFolderValue].some((v) => v !== undefined);
  if (ignored) logIgnored(log, key, 'the workspace settings');
  // VS Code already drops machine-scoped values from workspace settings, so inspect() rarely
  // sees them: the files say what was ignored.
  for (const { file, value } of workspaceSettingValues(`${SECTION}.${key}`)) logIgnored(log, key, `${JSON.stringify(value)} in ${file}`);
  return info.globalValue ?? info.defaultValue;
}

/** Which ignored values were already logged (once each per session, not on every recording). */
const loggedIgnored = new Set<string>();

function logIgnored(log: Log, key: MachineSetting, what: string): void {
  const id = `${key}\0${what}`;
  if (loggedIgnored.has(id)) return;
  loggedIgnored.add(id);
  log.warn(`Ignored the workspace value of profileFirst.${key} (${what}): it names something Profile First runs or writes, so only your user settings may set it.`);
}

function readNumber(key: string, fallback: number, min: number, max: number): number {
  const v = vscode.workspace.getConfiguration(SECTION).get<number>(key, fallback);
  return typeof v === 'number' && Number.isFinite(v) ? Math.min(max, Math.max(min, v)) : fallback;
}

function readBool(key: string, fallback = false): boolean {
  const v = vscode.workspace.getConfiguration(SECTION).get<unknown>(key, fallback);
  return typeof v === 'boolean' ? v : fallback;
}

/** The settings a recording uses. */
export function readRecordSettings(log: Log): RecordSettings {
  const args = readMachineSetting<unknown>('programArgs', log);
  return {
    pyspyPath: stringOr(readMachineSetting<unknown>('pyspyPath', log)),
    pythonPath: stringOr(readMachineSetting<unknown>('pythonPath', log)),
    sampleRate: Math.round(readNumber('sampleRate', 100, 1, 10_000)),
    durationSec: readNumber('duration', 0, 0, 7 * 24 * 3600),
    idle: readBool('idle'),
    gil: readBool('gil'),
    native: readBool('native'),
    subprocesses: readBool('subprocesses'),
    awaitTiming: readBool('awaitTiming', true),
    programArgs: Array.isArray(args) ? args.filter((a): a is string => typeof a === 'string') : [],
    outputDirectory: stringOr(readMachineSetting<unknown>('outputDirectory', log)),
  };
}

/** The share below which flame graph frames are folded, in percent. */
export function readMinFramePercent(): number {
  return readNumber('flameGraph.minFramePercent', 0.1, 0, 10);
}

function stringOr(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

/** Settings of the editor surfaces (hints, CodeLens, path mapping). */
export interface EditorSettings {
  readonly lineHints: 'self' | 'total' | 'both' | 'off';
  /** Percent (0.5 = 0.5 %). */
  readonly minLinePercent: number;
  readonly codeLens: boolean;
  readonly showLibraryCode: boolean;
  readonly pathMappings: Readonly<Record<string, string>>;
  /** Which measurement the heat follows when a CPU and a memory profile are both shown. */
  readonly heatDimension: 'cpu' | 'memory';
}

/** Reads the editor-surface settings. */
export function readEditorSettings(): EditorSettings {
  const mode = readEnum('lineHints', ['self', 'total', 'both', 'off'] as const, 'self');
  const raw = readObject('pathMappings');
  const pathMappings: Record<string, string> = {};
  if (typeof raw === 'object' && raw !== null) {
    for (const [from, to] of Object.entries(raw as Record<string, unknown>)) if (typeof to === 'string' && from !== '') pathMappings[from] = to;
  }
  return {
    lineHints: mode,
    minLinePercent: readNumber('minLineShare', 0.5, 0, 100),
    codeLens: readBool('codeLens', true),
    showLibraryCode: readBool('showLibraryCode'),
    pathMappings,
    heatDimension: readEnum('heatDimension', ['cpu', 'memory'] as const, 'cpu'),
  };
}

function readEnum<T extends string>(key: string, values: readonly T[], fallback: T): T {
  const v = vscode.workspace.getConfiguration(SECTION).get<unknown>(key, fallback);
  return values.includes(v as T) ? (v as T) : fallback;
}

function readObject(key: string): unknown {
  return vscode.workspace.getConfiguration(SECTION).get<unknown>(key, {});
}

/** Settings of the sequential-await lint. */
export interface LintSettings {
  readonly includeTests: boolean;
  readonly concurrencySafe: readonly string[];
}

/** Reads the lint settings. */
export function readLintSettings(): LintSettings {
  const safe = readObject('lint.concurrencySafe');
  return {
    includeTests: readBool('lint.includeTests'),
    concurrencySafe: Array.isArray(safe) ? safe.filter((s): s is string => typeof s === 'string' && s.trim() !== '') : [],
  };
}

/** Settings of memory recordings (memray). */
export interface MemorySettings {
  readonly memrayPath: string;
  readonly native: boolean;
  readonly tracePythonAllocators: boolean;
  readonly followFork: boolean;
  readonly mode: 'peak' | 'leaks' | 'allocations';
}

/** Reads the memory-recording settings. */
export function readMemorySettings(log: Log): MemorySettings {
  return {
    memrayPath: stringOr(readMachineSetting<unknown>('memrayPath', log)),
    native: readBool('memory.native'),
    tracePythonAllocators: readBool('memory.tracePythonAllocators'),
    followFork: readBool('memory.followFork'),
    mode: readEnum('memory.mode', ['peak', 'leaks', 'allocations'] as const, 'peak'),
  };
}

/** Settings of Verify Change (repeated A/B runs). */
export interface VerifySettings {
  /** Measured runs per command. */
  readonly runs: number;
  /** Discarded runs per command before measuring. */
  readonly warmup: number;
}

/** Reads the verification settings (whole numbers within the ranges package.json declares). */
export function readVerifySettings(): VerifySettings {
  return {
    runs: Math.round(readNumber('verify.runs', 10, 2, 200)),
    warmup: Math.round(readNumber('verify.warmup', 1, 0, 20)),
  };
}
