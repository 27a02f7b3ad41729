import type { ProfileMeta } from '../model/profile';
import { formatPercent, formatWeight, weightToSeconds } from '../model/units';
import { heatLevel } from './heat';

/**
 * The inline hints of hot lines, per local file, as plain data: the host turns each into a
 * decoration of its heat level's type with the text in `renderOptions`. Text formats (all
 * shares are of `total`, the profile's or the zoomed total):
 *
 * - `self`:  `▇ 23.4 % · 1.21 s`  the line's self share and self time
 * - `total`: `▇ 40.1 % · 2.05 s`  the line's total share and total time
 * - `both`:  `▇ self 23.4 % (1.21 s) · total 40.1 % (2.05 s)`
 *
 * The weight is shown when it has a meaning worth reading: seconds when the recording says how
 * to get them (its unit, or its sampling rate), bytes for memory; a bare sample count is left
 * to the hover. The heat level follows the share the mode shows (`both`: the total, which is
 * never smaller than self, so every line with text also has a heat level).
 */

/** `profileFirst.lineHints`: which cost the inline text shows. */
export type LineHintMode = 'self' | 'total' | 'both' | 'off';

/** A line's cost as aggregated from a profile; `LineStat` from model/aggregate satisfies it. */
export interface LineCost {
  /** The path as recorded. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  readonly self: number;
  readonly total: number;
}

/** How hints are built. */
export interface LineHintOptions {
  /** The total the shares are of: the profile's, or the zoomed node's. */
  readonly total: number;
  readonly meta: ProfileMeta;
  readonly mode: LineHintMode;
  /** A fraction (0.005 = 0.5 %): lines whose shown share is below it get no hint. */
  readonly minLineShare: number;
  /** Recorded path → local path, undefined to hide (unmapped, or library code). Default: unchanged. */
  readonly localPath?: (recordedFile: string) => string | undefined;
}

/** One hot line's hint. */
export interface LineHint {
  /** 1-based. */
  readonly line: number;
  readonly self: number;
  readonly total: number;
  readonly selfShare: number;
  readonly totalShare: number;
  /** 1..HEAT_LEVELS; 0 only for a stale hint (see staleness.ts). */
  readonly level: number;
  readonly text: string;
  /** True when the file changed since the recording and `text` says so instead of numbers. */
  readonly stale: boolean;
}

/** The glyph in front of every hint, so a hint is recognisable without colour. */
export const HINT_GLYPH = '▇';

/** Hot lines per local file, each file's hints sorted by line; empty when the mode is `off`. */
export function buildFileLineHints(stats: readonly LineCost[], options: LineHintOptions): Map<string, LineHint[]> {
  const result = new Map<string, LineHint[]>();
  const { total, mode } = options;
  if (mode === 'off' || !(total > 0)) return result;
  const costs = groupByLocalLine(stats, options.localPath);
  const showWeight = weightIsReadable(options.meta);
  for (const [file, lines] of costs) {
    const hints: LineHint[] = [];
    for (const [line, cost] of lines) {
      const selfShare = cost.self / total;
      const totalShare = cost.total / total;
      const level = heatLevel(mode === 'self' ? selfShare : Math.max(selfShare, totalShare), options.minLineShare);
      if (level === 0) continue;
      const text = hintText(mode, cost.self, cost.total, total, options.meta, showWeight);
      hints.push({ line, self: cost.self, total: cost.total, selfShare, totalShare, level, text, stale: false });
    }
    if (hints.length === 0) continue;
    hints.sort((a, b) => a.line - b.line);
    result.set(file, hints);
  }
  return result;
}

/** True when a weight means something at a glance: seconds (known unit or rate) or bytes, not a bare sample count. */
export function weightIsReadable(meta: ProfileMeta): boolean {
  return meta.unit === 'bytes' || weightToSeconds(1, meta) !== undefined;
}

interface MutableCost {
  self: number;
  total: number;
}

/**
 * Sums costs per (local file, line). Two recorded paths can name one local file (`/app/x.py`
 * and `x.py` in one profile): their self weights come from different samples, so they add up;
 * their totals add up too, which overcounts only a sample that has both spellings on its stack.
 */
function groupByLocalLine(stats: readonly LineCost[], localPath: LineHintOptions['localPath']): Map<string, Map<number, MutableCost>> {
  const byFile = new Map<string, Map<number, MutableCost>>();
  // The mapper is called once per recorded file, not once per line.
  const mapped = new Map<string, string | undefined>();
  for (const s of stats) {
    if (!Number.isInteger(s.line) || s.line < 1) continue;
    let local: string | undefined;
    if (localPath === undefined) local = s.file;
    else if (mapped.has(s.file)) local = mapped.get(s.file);
    else {
      local = localPath(s.file);
      mapped.set(s.file, local);
    }
    if (local === undefined) continue;
    let lines = byFile.get(local);
    if (lines === undefined) byFile.set(local, (lines = new Map()));
    const cost = lines.get(s.line);
    if (cost === undefined) lines.set(s.line, { self: s.self, total: s.total });
    else {
      cost.self += s.self;
      cost.total += s.total;
    }
  }
  return byFile;
}

function hintText(mode: Exclude<LineHintMode, 'off'>, self: number, lineTotal: number, total: number, meta: ProfileMeta, showWeight: boolean): string {
  if (mode === 'both') {
    const weight = (w: number) => (showWeight ? ` (${formatWeight(w, meta)})` : '');
    return `${HINT_GLYPH} self ${formatPercent(self, total)}${weight(self)} · total ${formatPercent(lineTotal, total)}${weight(lineTotal)}`;
  }
  const value = mode === 'self' ? self : lineTotal;
  return `${HINT_GLYPH} ${formatPercent(value, total)}${showWeight ? ` · ${formatWeight(value, meta)}` : ''}`;
}
