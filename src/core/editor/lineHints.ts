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
  const { total, mode, meta, minLineShare } = options;
  if (mode === 'off' || !(total > 0)) return result;
  const showWeight = weightIsReadable(meta);
  const texts = new HintTexts(total, meta);
  for (const [file, costs] of groupByLocalFile(stats, options.localPath)) {
    const hints: LineHint[] = [];
    forEachLine(costs, (line, self, lineTotal) => {
      const selfShare = self / total;
      const totalShare = lineTotal / total;
      const level = heatLevel(mode === 'self' ? selfShare : Math.max(selfShare, totalShare), minLineShare);
      if (level === 0) return;
      const text = texts.hint(mode, self, lineTotal, showWeight);
      hints.push({ line, self, total: lineTotal, selfShare, totalShare, level, text, stale: false });
    });
    if (hints.length > 0) result.set(file, hints);
  }
  return result;
}

/** True when a weight means something at a glance: seconds (known unit or rate) or bytes, not a bare sample count. */
export function weightIsReadable(meta: ProfileMeta): boolean {
  return meta.unit === 'bytes' || weightToSeconds(1, meta) !== undefined;
}

/** One local file's line costs, as columns (no object per line: a 10,000-line file must stay cheap). */
interface FileCosts {
  readonly lines: number[];
  readonly self: number[];
  readonly total: number[];
}

function groupByLocalFile(stats: readonly LineCost[], localPath: LineHintOptions['localPath']): Map<string, FileCosts> {
  const byFile = new Map<string, FileCosts>();
  // The mapper is called once per recorded file, not once per line.
  const mapped = new Map<string, string | undefined>();
  for (const s of stats) {
    if (!Number.isInteger(s.line) || s.line < 1) continue;
    let local: string | undefined = s.file;
    if (localPath !== undefined) {
      if (mapped.has(s.file)) local = mapped.get(s.file);
      else mapped.set(s.file, (local = localPath(s.file)));
    }
    if (local === undefined) continue;
    let costs = byFile.get(local);
    if (costs === undefined) byFile.set(local, (costs = { lines: [], self: [], total: [] }));
    costs.lines.push(s.line);
    costs.self.push(s.self);
    costs.total.push(s.total);
  }
  return byFile;
}

/**
 * Calls `visit` once per distinct line, in line order, with the summed costs of that line. Two
 * recorded paths can name one local file (`/app/x.py` and `x.py` in one profile): their self
 * weights come from different samples, so they add up; their totals add up too, which
 * overcounts only a sample that has both spellings on its stack.
 */
function forEachLine(costs: FileCosts, visit: (line: number, self: number, total: number) => void): void {
  const n = costs.lines.length;
  let maxLine = 0;
  for (let i = 0; i < n; i++) if (costs.lines[i] > maxLine) maxLine = costs.lines[i];
  // Line numbers are small and dense, so one slot per line sums and orders them in O(n + maxLine)
  // with no sort (measured: several times faster than sorting 10,000 entries). A malformed
  // profile with a huge line number must not allocate that much: then sort the distinct lines.
  if (maxLine > 4 * n + 65_536) return forEachSparseLine(costs, visit);
  const { self, total, seen } = scratch(maxLine + 1);
  for (let i = 0; i < n; i++) {
    const line = costs.lines[i];
    self[line] += costs.self[i];
    total[line] += costs.total[i];
    seen[line] = 1;
  }
  for (let line = 1; line <= maxLine; line++) if (seen[line] === 1) visit(line, self[line], total[line]);
}

/**
 * Per-line sums, reused between updates and zeroed on use: allocating three typed arrays per
 * file per update made the garbage collector the largest cost of a 10,000-line update.
 * (`visit` never re-enters buildFileLineHints, so one set is enough.)
 */
let sums = { self: new Float64Array(0), total: new Float64Array(0), seen: new Uint8Array(0) };

function scratch(size: number): typeof sums {
  // Kept only up to 131,072 lines (2.2 MB): a rare huge file gets arrays of its own.
  if (size > 131_072) return { self: new Float64Array(size), total: new Float64Array(size), seen: new Uint8Array(size) };
  if (sums.seen.length < size) {
    const capacity = Math.min(131_072, Math.max(size, 2 * sums.seen.length));
    sums = { self: new Float64Array(capacity), total: new Float64Array(capacity), seen: new Uint8Array(capacity) };
  } else {
    sums.self.fill(0, 0, size);
    sums.total.fill(0, 0, size);
    sums.seen.fill(0, 0, size);
  }
  return sums;
}

function forEachSparseLine(costs: FileCosts, visit: (line: number, self: number, total: number) => void): void {
  const sums = new Map<number, [number, number]>();
  costs.lines.forEach((line, i) => {
    const sum = sums.get(line);
    if (sum === undefined) sums.set(line, [costs.self[i], costs.total[i]]);
    else {
      sum[0] += costs.self[i];
      sum[1] += costs.total[i];
    }
  });
  for (const line of [...sums.keys()].sort((a, b) => a - b)) {
    const [self, total] = sums.get(line) as [number, number];
    visit(line, self, total);
  }
}

function hintText(mode: Exclude<LineHintMode, 'off'>, self: number, lineTotal: number, texts: HintTexts, showWeight: boolean): string {
  if (mode === 'both') {
    if (!showWeight) return `${HINT_GLYPH} self ${texts.percent(self)} · total ${texts.percent(lineTotal)}`;
    return `${HINT_GLYPH} self ${texts.percent(self)} (${texts.weight(self)}) · total ${texts.percent(lineTotal)} (${texts.weight(lineTotal)})`;
  }
  const value = mode === 'self' ? self : lineTotal;
  return showWeight ? `${HINT_GLYPH} ${texts.percent(value)} · ${texts.weight(value)}` : `${HINT_GLYPH} ${texts.percent(value)}`;
}

/**
 * The texts of one build, by value: line costs repeat a lot (the long tail is mostly 1, 2, 3…
 * samples), and formatting them again, and the garbage of the strings, was most of a
 * 10,000-line update. A whole hint is reused for the same (self, total) pair.
 */
class HintTexts {
  private readonly percents = new Map<number, string>();
  private readonly weights = new Map<number, string>();
  /** self → total → hint text (a map of maps: no key string to build per lookup). */
  private readonly hints = new Map<number, Map<number, string>>();

  constructor(
    private readonly total: number,
    private readonly meta: ProfileMeta,
  ) {}

  hint(mode: Exclude<LineHintMode, 'off'>, self: number, lineTotal: number, showWeight: boolean): string {
    let byTotal = this.hints.get(self);
    if (byTotal === undefined) this.hints.set(self, (byTotal = new Map()));
    let text = byTotal.get(lineTotal);
    if (text === undefined) byTotal.set(lineTotal, (text = hintText(mode, self, lineTotal, this, showWeight)));
    return text;
  }

  percent(value: number): string {
    let text = this.percents.get(value);
    if (text === undefined) this.percents.set(value, (text = formatPercent(value, this.total)));
    return text;
  }

  weight(value: number): string {
    let text = this.weights.get(value);
    if (text === undefined) this.weights.set(value, (text = formatWeight(value, this.meta)));
    return text;
  }
}
