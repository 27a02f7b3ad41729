import { benjaminiHochberg } from '../../verify/stats/multipleTesting';
import { twoProportionZTest } from '../../verify/stats/proportions';
import { aggregateFunctions, aggregateLines } from '../aggregate';
import type { ComparisonRow, RowPresence } from '../comparison';
import { profileTotal, type Profile, type ProfileMeta } from '../profile';
import { weightToSeconds } from '../units';
import { sharePercent } from './diffTree';

/**
 * The comparison table: every function and every source line of either profile, with its share
 * of each profile's total before and after, the change in points (and seconds when both rates
 * are known), and a two-proportion test per row with Benjamini–Hochberg across all rows.
 *
 * The test needs counts: a CPU profile's weights are sample counts (or seconds that a known rate
 * turns back into counts). Memory profiles weigh bytes (or allocations), which are not
 * independent draws out of a number of samples, so no p-value is given for them.
 */

/** The false discovery rate a row's adjusted p must be under to be called significant. */
export const FALSE_DISCOVERY_RATE = 0.05;

/** Rows sorted by absolute change (largest first), and whether they carry p-values. */
export interface DiffRows {
  readonly rows: ComparisonRow[];
  readonly testApplies: boolean;
  readonly testNote: string;
}

interface Side {
  readonly weight: number;
  readonly file?: string;
  readonly line?: number;
  readonly name: string;
}

/** Functions (by name and file) and lines (by file and line) of both profiles, compared. */
export function diffRows(baseline: Profile, candidate: Profile): DiffRows {
  const baseTotal = profileTotal(baseline);
  const candTotal = profileTotal(candidate);
  const counts = { base: countScale(baseline.meta), cand: countScale(candidate.meta) };
  const testApplies = counts.base !== undefined && counts.cand !== undefined && baseTotal > 0 && candTotal > 0;
  const rows: (Omit<ComparisonRow, 'pAdjusted' | 'significant'> & { pValue?: number })[] = [];
  const add = (kind: ComparisonRow['kind'], before: Side | undefined, after: Side | undefined): void => {
    const any = (after ?? before) as Side;
    const baselineWeight = before?.weight ?? 0;
    const candidateWeight = after?.weight ?? 0;
    const beforeShare = sharePercent(baselineWeight, baseTotal);
    const afterShare = sharePercent(candidateWeight, candTotal);
    const baseSec = weightToSeconds(baselineWeight, baseline.meta);
    const candSec = weightToSeconds(candidateWeight, candidate.meta);
    const presence: RowPresence = before === undefined ? 'candidate-only' : after === undefined ? 'baseline-only' : 'both';
    const label = kind === 'function' ? any.name : `${any.file ?? ''}:${any.line ?? ''}`;
    let pValue: number | undefined;
    if (testApplies && counts.base !== undefined && counts.cand !== undefined) {
      const n1 = Math.round(baseTotal * counts.base);
      const n2 = Math.round(candTotal * counts.cand);
      // Rounding seconds back to counts must not push a count past its total.
      const x1 = Math.min(n1, Math.round(baselineWeight * counts.base));
      const x2 = Math.min(n2, Math.round(candidateWeight * counts.cand));
      if (n1 > 0 && n2 > 0) pValue = twoProportionZTest(x1, n1, x2, n2).pValue;
    }
    rows.push({
      kind,
      label,
      ...(any.file !== undefined ? { file: any.file } : {}),
      ...(any.line !== undefined ? { line: any.line } : {}),
      baselineWeight,
      candidateWeight,
      before: beforeShare,
      after: afterShare,
      changePoints: afterShare - beforeShare,
      ...(baseSec !== undefined && candSec !== undefined ? { changeSeconds: candSec - baseSec } : {}),
      ...(pValue !== undefined ? { pValue } : {}),
      presence,
    });
  };
  joinBy(
    aggregateFunctions(baseline).map((f) => ({ name: f.name, file: f.file ?? undefined, line: f.line ?? undefined, weight: f.total })),
    aggregateFunctions(candidate).map((f) => ({ name: f.name, file: f.file ?? undefined, line: f.line ?? undefined, weight: f.total })),
    (s) => `${s.name}\u0000${s.file === undefined ? '\u0001' : `\u0002${s.file}`}`,
    (b, c) => add('function', b, c),
  );
  joinBy(
    aggregateLines(baseline).map((l) => ({ name: '', file: l.file, line: l.line, weight: l.total })),
    aggregateLines(candidate).map((l) => ({ name: '', file: l.file, line: l.line, weight: l.total })),
    (s) => `${s.line ?? ''}\u0000${s.file ?? ''}`,
    (b, c) => add('line', b, c),
  );
  const tested = rows.map((r, i) => ({ p: r.pValue, i })).filter((t): t is { p: number; i: number } => t.p !== undefined);
  const adjusted = benjaminiHochberg(tested.map((t) => t.p));
  const pAdjusted = new Map<number, number>();
  tested.forEach((t, k) => pAdjusted.set(t.i, adjusted[k]));
  const out: ComparisonRow[] = rows.map((r, i) => {
    const adj = pAdjusted.get(i);
    return { ...r, ...(adj !== undefined ? { pAdjusted: adj } : {}), significant: adj !== undefined && adj < FALSE_DISCOVERY_RATE };
  });
  out.sort(
    (a, b) =>
      Math.abs(b.changePoints) - Math.abs(a.changePoints) ||
      Math.max(b.before, b.after) - Math.max(a.before, a.after) ||
      (a.kind === b.kind ? 0 : a.kind === 'function' ? -1 : 1) ||
      compareText(a.label, b.label),
  );
  return { rows: out, testApplies, testNote: testNote(baseline.meta, candidate.meta, testApplies) };
}

/**
 * Factor that turns a weight into a count of samples, or undefined when the weights are not
 * sample counts: CPU profiles in samples, or in seconds with a known rate.
 */
function countScale(meta: ProfileMeta): number | undefined {
  if (meta.kind !== 'cpu') return undefined;
  if (meta.unit === 'samples') return 1;
  if (meta.unit === 'seconds' && meta.sampleRate !== undefined && meta.sampleRate > 0) return meta.sampleRate;
  return undefined;
}

function testNote(base: ProfileMeta, cand: ProfileMeta, applies: boolean): string {
  if (applies) {
    return `Significant: a two-proportion z-test per row on the sample counts, with the Benjamini–Hochberg correction across all rows (false discovery rate ${FALSE_DISCOVERY_RATE}).`;
  }
  if (base.kind === 'memory' || cand.kind === 'memory') {
    return 'No significance test: memory profiles weigh bytes or allocations, not independent samples, so a two-proportion test does not apply.';
  }
  return 'No significance test: the sample counts are not known (the profiles are in seconds without a sampling rate, or empty).';
}

/** Calls `visit` once per key of either list, with the entry from each side (undefined when absent). */
function joinBy<T>(base: readonly T[], cand: readonly T[], key: (t: T) => string, visit: (b: T | undefined, c: T | undefined) => void): void {
  const byKey = new Map<string, T>();
  for (const b of base) byKey.set(key(b), b);
  for (const c of cand) {
    const k = key(c);
    visit(byKey.get(k), c);
    byKey.delete(k);
  }
  for (const b of byKey.values()) visit(b, undefined);
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
