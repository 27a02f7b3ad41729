/**
 * Files a recording leaves: the profile (moved into place atomically) and its sidecar
 * `<profile>.pfmeta.json`, which carries what the profile format cannot (the sample rate and
 * wall-clock duration for sure, the command line) to the parsers.
 */
import { mkdirSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { RunFailedError } from '../errors';
import type { GitState } from '../formats/sidecar';

/** Contents of `<profile>.pfmeta.json`. */
export interface RecordingSidecar {
  readonly tool: 'py-spy';
  readonly kind: 'cpu';
  /** Samples per second asked of py-spy. */
  readonly sampleRate: number;
  /** Wall-clock seconds from start to py-spy's exit (speedscope's endValue counts only kept samples). */
  readonly durationSec: number;
  /** The profiled program's command line, shell-quoted for display. */
  readonly commandLine: string;
  readonly script?: string;
  readonly args?: readonly string[];
  readonly interpreter?: string;
  /** The workspace's commit and dirty flag when it is a git repository. */
  readonly git?: GitState;
  /** ISO 8601. */
  readonly startedAt: string;
  /** The profiled program's PID (the attach target, or the launched program when seen). */
  readonly pid?: number;
  readonly mode: 'launch' | 'attach';
  /** The py-spy command line that made the profile. */
  readonly recordedWith: string;
}

/** The sidecar's path for a profile. */
export function sidecarPathFor(profileFile: string): string {
  return `${profileFile}.pfmeta.json`;
}

/** The temporary name py-spy writes to; renamed to `finalFile` once py-spy has finished. */
export function temporaryProfilePath(finalFile: string, pid = process.pid): string {
  return `${finalFile}.tmp-${pid}.json`;
}

let counter = 0;

/** Writes a file atomically: to a temporary name beside it, then rename (readers never see half a file). */
export async function writeFileAtomic(file: string, data: string): Promise<void> {
  const tmp = `${file}.tmp-${process.pid}-${++counter}`;
  try {
    await fs.writeFile(tmp, data, { flag: 'wx' });
    await fs.rename(tmp, file);
  } catch (err) {
    await fs.rm(tmp, { force: true });
    throw err;
  }
}

/** Writes the sidecar for `profileFile`. */
export async function writeRecordingSidecar(profileFile: string, sidecar: RecordingSidecar): Promise<string> {
  const file = sidecarPathFor(profileFile);
  await writeFileAtomic(file, `${JSON.stringify(sidecar, null, 2)}\n`);
  return file;
}

/** Reads a sidecar if present and well-formed; undefined otherwise (profiles without one still open). */
export async function readRecordingSidecar(profileFile: string): Promise<Partial<RecordingSidecar> | undefined> {
  try {
    const value: unknown = JSON.parse(await fs.readFile(sidecarPathFor(profileFile), 'utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Partial<RecordingSidecar>) : undefined;
  } catch {
    return undefined;
  }
}

/** Creates the folder `outputFile` goes in, before anything runs; throws a RunFailedError saying so when it cannot. */
export function createOutputFolder(outputFile: string): void {
  try {
    mkdirSync(path.dirname(outputFile), { recursive: true });
  } catch (err) {
    throw new RunFailedError(`Cannot create the folder for ${outputFile}: ${(err as Error).message}. Choose another output folder.`);
  }
}

/** A recording's command line as the user would re-run it: the final output name instead of the temporary one. */
export function withFinalName(commandLine: readonly string[], temporaryFile: string, outputFile: string): string[] {
  return commandLine.map((a) => (a === temporaryFile ? outputFile : a));
}

/** The script as an absolute path (the history groups recordings by it); `-m`/`-c` forms stay as given. */
export function absoluteScript(script: string, cwd: string | undefined): string {
  return script.startsWith('-') ? script : path.resolve(cwd ?? process.cwd(), script);
}

/** Local time as `YYYYMMDD-HHMMSS`: sortable, and legal in file names everywhere (no colons). */
export function fileTimestamp(date: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}${p(date.getMonth() + 1)}${p(date.getDate())}-${p(date.getHours())}${p(date.getMinutes())}${p(date.getSeconds())}`;
}

/** `profile-<script>-<timestamp>.speedscope.json` (attach: `profile-pid<PID>-…`), the contract's default name. */
export function defaultProfileName(scriptOrPid: string | number, date: Date): string {
  const label = typeof scriptOrPid === 'number' ? `pid${scriptOrPid}` : path.basename(scriptOrPid).replace(/\.pyw?$/i, '').replace(/[^\w.-]+/g, '_') || 'python';
  return `profile-${label}-${fileTimestamp(date)}.speedscope.json`;
}

/** A path in `dir` named `name` that does not exist yet (adds -2, -3 … before the extension). */
export async function unusedPath(dir: string, name: string): Promise<string> {
  const ext = name.endsWith('.speedscope.json') ? '.speedscope.json' : path.extname(name);
  const stem = name.slice(0, name.length - ext.length);
  for (let i = 1; ; i++) {
    const candidate = path.join(dir, i === 1 ? name : `${stem}-${i}${ext}`);
    try {
      await fs.access(candidate);
    } catch {
      return candidate;
    }
  }
}
