import type { LineHint } from './lineHints';

/**
 * Whether a file on disk is still the one that was recorded. Numbers from an older version of a
 * file land on the wrong lines, so a changed file shows a "stale" mark instead of numbers.
 */

/**
 * Slack when comparing modification times: FAT and exFAT store them in 2-second steps, so a
 * file saved just before the recording started can look up to 2 s newer than it is.
 */
export const MTIME_TOLERANCE_MS = 2000;

/** What is known about the file and the recording. */
export interface StalenessInput {
  /** When the recording started, ms since the epoch (for an opened profile file: its mtime). */
  readonly recordedAt: number;
  /** The file's modification time, ms since the epoch. */
  readonly fileMtime: number;
  /** Lines in the file as it is now (in the editor). */
  readonly lineCount: number;
  /** The 1-based lines that would get hints. */
  readonly lines: readonly number[];
  /** The editor holds unsaved changes: the text differs from what was recorded. */
  readonly isDirty?: boolean;
}

/** Which hinted lines can still be trusted. */
export interface Staleness {
  /** The file was modified (or has unsaved edits) after the recording started. */
  readonly fileNewer: boolean;
  /** The file is not the recorded version: newer, or a recorded line lies past its end. */
  readonly changed: boolean;
  /** Lines inside the file whose numbers may belong to another line (all of them when `changed`). */
  readonly stale: readonly number[];
  /** Lines past the end of the file (or below 1): they cannot be shown at all. */
  readonly pastEnd: readonly number[];
}

/** Decides which lines are stale or past the end, and whether the whole file is newer than the recording. */
export function staleness(input: StalenessInput): Staleness {
  const fileNewer = input.isDirty === true || input.fileMtime > input.recordedAt + MTIME_TOLERANCE_MS;
  const inside: number[] = [];
  const pastEnd: number[] = [];
  for (const line of input.lines) (line >= 1 && line <= input.lineCount ? inside : pastEnd).push(line);
  // A recorded line past the end proves this is not the recorded file, even with an older
  // mtime (a checkout on another machine); then no line of it can be trusted.
  const changed = fileNewer || pastEnd.length > 0;
  return { fileNewer, changed, stale: changed ? inside : [], pastEnd };
}

/** The text a stale line shows instead of numbers. */
export const STALE_HINT_TEXT = '⚠ stale: file changed since the recording';

/** Drops hints past the end and replaces the numbers of stale lines with the stale mark (level 0). */
export function applyStaleness(hints: readonly LineHint[], result: Staleness): LineHint[] {
  if (!result.changed) return hints.slice();
  const pastEnd = new Set(result.pastEnd);
  const stale = new Set(result.stale);
  const out: LineHint[] = [];
  for (const h of hints) {
    if (pastEnd.has(h.line)) continue;
    out.push(stale.has(h.line) ? { ...h, level: 0, text: STALE_HINT_TEXT, stale: true } : h);
  }
  return out;
}
