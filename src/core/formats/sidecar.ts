import { readFile, stat } from 'node:fs/promises';

/**
 * The metadata file written beside a recording (`<profile>.pfmeta.json`) by the capture code.
 * py-spy's raw format carries no sampling rate or duration, and without the rate a sample
 * count can never be shown as seconds; the sidecar keeps the settings the recording used.
 */

/** Suffix appended to a profile's path to name its sidecar. */
export const SIDECAR_SUFFIX = '.pfmeta.json';

/** The workspace's git state when the recording started (absent when not a repository or git failed). */
export interface GitState {
  /** Full commit hash of HEAD. */
  readonly commit: string;
  /** True when `git status --porcelain` listed any change (the recording may not match the commit). */
  readonly dirty: boolean;
}

/** What a sidecar may say about its recording; every field is optional on reading. */
export interface ProfileSidecar {
  /** Samples per second py-spy was asked for (`--rate`). */
  readonly sampleRate?: number;
  /** Seconds the recording ran. */
  readonly durationSec?: number;
  /** The profiled program's command line, for display. */
  readonly commandLine?: string;
  readonly kind?: 'cpu' | 'memory';
  readonly tool?: 'py-spy' | 'memray';
  /** Absolute path of the launched script (absent for attach recordings). */
  readonly script?: string;
  /** The script's arguments. */
  readonly args?: readonly string[];
  /** Absolute path of the interpreter that ran the script (memray: the one that can read the capture). */
  readonly interpreter?: string;
  readonly git?: GitState;
  /** When the recording started, ISO 8601. */
  readonly startedAt?: string;
  /** The profiled program's PID (the attach target, or the launched program when seen). */
  readonly pid?: number;
  readonly mode?: 'launch' | 'attach';
}

/** Sidecars are tiny; anything bigger is not ours and is ignored. */
const MAX_SIDECAR_BYTES = 1024 * 1024;

/** The sidecar path for a profile path. */
export function sidecarPath(profilePath: string): string {
  return profilePath + SIDECAR_SUFFIX;
}

/**
 * Reads the fields of a sidecar's text that are well-formed and drops the rest; undefined
 * when the text is not a JSON object. A corrupt sidecar must never stop a profile opening.
 */
export function parseSidecar(text: string): ProfileSidecar | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  return sidecarFromValue(value);
}

/** The well-formed sidecar fields of a parsed JSON value (also used for history index entries). */
export function sidecarFromValue(value: unknown): ProfileSidecar | undefined {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  const out: Mutable<ProfileSidecar> = {};
  if (typeof o.sampleRate === 'number' && Number.isFinite(o.sampleRate) && o.sampleRate > 0) out.sampleRate = o.sampleRate;
  if (typeof o.durationSec === 'number' && Number.isFinite(o.durationSec) && o.durationSec >= 0) out.durationSec = o.durationSec;
  if (typeof o.commandLine === 'string') out.commandLine = o.commandLine;
  if (o.kind === 'cpu' || o.kind === 'memory') out.kind = o.kind;
  if (o.tool === 'py-spy' || o.tool === 'memray') out.tool = o.tool;
  if (typeof o.script === 'string' && o.script !== '') out.script = o.script;
  if (Array.isArray(o.args) && o.args.every((a) => typeof a === 'string')) out.args = o.args as string[];
  if (typeof o.interpreter === 'string' && o.interpreter !== '') out.interpreter = o.interpreter;
  const git = parseGitState(o.git);
  if (git !== undefined) out.git = git;
  if (typeof o.startedAt === 'string' && Number.isFinite(Date.parse(o.startedAt))) out.startedAt = o.startedAt;
  if (typeof o.pid === 'number' && Number.isInteger(o.pid) && o.pid > 0) out.pid = o.pid;
  if (o.mode === 'launch' || o.mode === 'attach') out.mode = o.mode;
  return out;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** A `{ commit, dirty }` object with a hex commit hash, else undefined. */
function parseGitState(value: unknown): GitState | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const g = value as Record<string, unknown>;
  if (typeof g.commit !== 'string' || !/^[0-9a-f]{7,64}$/.test(g.commit) || typeof g.dirty !== 'boolean') return undefined;
  return { commit: g.commit, dirty: g.dirty };
}

/** The sidecar beside `profilePath`, or undefined when there is none or it cannot be used. */
export async function readSidecar(profilePath: string): Promise<ProfileSidecar | undefined> {
  const file = sidecarPath(profilePath);
  try {
    const info = await stat(file);
    if (!info.isFile() || info.size > MAX_SIDECAR_BYTES) return undefined;
    return parseSidecar(await readFile(file, 'utf8'));
  } catch {
    return undefined;
  }
}
