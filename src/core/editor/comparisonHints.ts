import { heatLevel } from './heat';
import type { LineHint } from './lineHints';

/**
 * While a comparison is shown, each line's inline hint says how its share changed from the
 * baseline to the candidate (`▼ 18.2 pts`: 18.2 percentage points less of the candidate's total
 * than of the baseline's). Only lines whose change reaches the hint floor (`minLinePercent`,
 * read as points) get one: an unchanged hot line is not news in a comparison. The heat level
 * follows the size of the change.
 */

/** A line's change between two profiles; `ComparisonRow` of kind `line` satisfies it. */
export interface LineChange {
  /** The path as recorded. */
  readonly file: string;
  /** 1-based. */
  readonly line: number;
  /** Percent of each profile's total. */
  readonly before: number;
  readonly after: number;
  /** after − before, in percentage points. */
  readonly changePoints: number;
  /** The candidate's inclusive weight of the line. */
  readonly candidateWeight: number;
}

/** `▼ 18.2 pts` (shrank) or `▲ 3.1 pts` (grew), one decimal. */
export function comparisonHintText(changePoints: number): string {
  const text = Math.abs(changePoints).toFixed(1);
  return `${changePoints < 0 && text !== '0.0' ? '▼' : '▲'} ${text} pts`;
}

/** Change hints per local file, each file's hints sorted by line. */
export function buildComparisonLineHints(
  changes: readonly LineChange[],
  options: { readonly minLinePercent: number; readonly localPath?: (recordedFile: string) => string | undefined },
): Map<string, LineHint[]> {
  const floor = Math.max(0, options.minLinePercent);
  // Two recorded paths can name one local file: their changes on one line add up.
  const byFile = new Map<string, Map<number, { change: number; after: number; weight: number }>>();
  const mapped = new Map<string, string | undefined>();
  for (const c of changes) {
    if (!Number.isInteger(c.line) || c.line < 1) continue;
    let local: string | undefined = c.file;
    if (options.localPath !== undefined) {
      if (mapped.has(c.file)) local = mapped.get(c.file);
      else mapped.set(c.file, (local = options.localPath(c.file)));
    }
    if (local === undefined) continue;
    let lines = byFile.get(local);
    if (lines === undefined) byFile.set(local, (lines = new Map()));
    const sum = lines.get(c.line) ?? { change: 0, after: 0, weight: 0 };
    lines.set(c.line, { change: sum.change + c.changePoints, after: sum.after + c.after, weight: sum.weight + c.candidateWeight });
  }
  const out = new Map<string, LineHint[]>();
  for (const [file, lines] of byFile) {
    const hints: LineHint[] = [];
    for (const [line, { change, after, weight }] of [...lines.entries()].sort((a, b) => a[0] - b[0])) {
      const size = Math.abs(change);
      if (size === 0 || size < floor) continue;
      const share = after / 100;
      hints.push({ line, self: weight, total: weight, selfShare: share, totalShare: share, level: Math.max(1, heatLevel(size / 100, 0)), text: comparisonHintText(change), stale: false });
    }
    if (hints.length > 0) out.set(file, hints);
  }
  return out;
}
