import { readFile, stat } from 'node:fs/promises';

/**
 * The metadata file written beside a recording (`<profile>.pfmeta.json`) by the capture code.
 * py-spy's raw format carries no sampling rate or duration, and without the rate a sample
 * count can never be shown as seconds; the sidecar keeps the settings the recording used.
 */

/** Suffix appended to a profile's path to name its sidecar. */
export const SIDECAR_SUFFIX = '.pfmeta.json';

/** What a sidecar may say about its recording; every field is optional on reading. */
export interface ProfileSidecar {
  /** Samples per second py-spy was asked for (`--rate`). */
  readonly sampleRate?: number;
  /** Seconds the recording ran. */
  readonly durationSec?: number;
  /** The profiled program's command line, for display. */
  readonly commandLine?: string;
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
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const o = value as Record<string, unknown>;
  const out: { sampleRate?: number; durationSec?: number; commandLine?: string } = {};
  if (typeof o.sampleRate === 'number' && Number.isFinite(o.sampleRate) && o.sampleRate > 0) out.sampleRate = o.sampleRate;
  if (typeof o.durationSec === 'number' && Number.isFinite(o.durationSec) && o.durationSec >= 0) out.durationSec = o.durationSec;
  if (typeof o.commandLine === 'string') out.commandLine = o.commandLine;
  return out;
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
