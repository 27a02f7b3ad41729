/**
 * One recording in the run history: the profile file's name (its id inside the output folder),
 * its path, when it was recorded, and what its sidecar says about it. The sidecar is the
 * source of truth; the history index only caches it so the Profiles view opens without reading
 * every sidecar.
 */
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { readSidecar, sidecarFromValue, type ProfileSidecar } from '../formats/sidecar';

/** A recording listed in the history. */
export interface HistoryEntry extends ProfileSidecar {
  /** The profile's file name: unique within its output folder. */
  readonly id: string;
  /** Absolute path of the profile. */
  readonly profilePath: string;
  /** When it was recorded, ISO 8601: the sidecar's startedAt, else the file's modification time. */
  readonly recordedAt: string;
}

/**
 * True for a bare file name: history ids become paths we delete, so an id from a (possibly
 * tampered) index must never reach outside the folder.
 */
export function isPlainFileName(id: string): boolean {
  return id !== '' && id !== '.' && id !== '..' && !/[/\\\0]/.test(id) && path.basename(id) === id;
}

/** The entry for a profile on disk, from its sidecar (if any) and the file's times; undefined when the file is gone. */
export async function entryForProfile(profilePath: string): Promise<HistoryEntry | undefined> {
  const absolute = path.resolve(profilePath);
  const info = await fs.stat(absolute).catch(() => undefined);
  if (info === undefined || !info.isFile()) return undefined;
  const sidecar = (await readSidecar(absolute)) ?? {};
  return { ...sidecar, id: path.basename(absolute), profilePath: absolute, recordedAt: sidecar.startedAt ?? info.mtime.toISOString() };
}

/** An index entry read back from JSON in `dir`; undefined when its id or time is unusable. */
export function entryFromValue(value: unknown, dir: string): HistoryEntry | undefined {
  const sidecar = sidecarFromValue(value);
  if (sidecar === undefined) return undefined;
  const o = value as Record<string, unknown>;
  if (typeof o.id !== 'string' || !isPlainFileName(o.id)) return undefined;
  if (typeof o.recordedAt !== 'string' || !Number.isFinite(Date.parse(o.recordedAt))) return undefined;
  // The path is always derived from the folder, never trusted from the file: the folder may
  // have been moved, and an index must not point us at files elsewhere.
  return { ...sidecar, id: o.id, profilePath: path.join(dir, o.id), recordedAt: o.recordedAt };
}

/** Newest first; equal times by file name, descending (names end in a timestamp), so the order is total. */
export function compareNewestFirst(a: HistoryEntry, b: HistoryEntry): number {
  const byTime = Date.parse(b.recordedAt) - Date.parse(a.recordedAt);
  if (byTime !== 0) return byTime;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}
