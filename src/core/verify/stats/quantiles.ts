/**
 * Order statistics of one sample of run measurements. Quantiles use Hyndman & Fan (1996)
 * type 7 — linear interpolation between order statistics at h = (n − 1)·p — which is R's
 * default, NumPy's `method="linear"` and Excel's PERCENTILE.INC, so users can reproduce them.
 */

/** Quantile p (0 ≤ p ≤ 1) of values already sorted ascending; type 7. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) throw new RangeError('quantile of an empty sample');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`quantile level must be in [0, 1], not ${p}`);
  const h = (n - 1) * p;
  const lo = Math.floor(h);
  const hi = Math.min(lo + 1, n - 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Quantile p of values in any order; type 7. */
export function quantile(values: readonly number[], p: number): number {
  return quantileSorted(sortedCopy(values), p);
}

/** The median (type 7 at p = 0.5: the mean of the two middle values when n is even). */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/**
 * Smallest sample size at which the p-quantile is estimated from data on both sides: with
 * n < 1/(1 − p) fewer than one observation is expected above it, so type 7 only interpolates
 * between the two largest values (p99 with 10 runs is 91 % of the way from the 2nd largest to the
 * maximum). p95 needs 20 runs, p99 needs 100.
 */
export function minSampleSizeForQuantile(p: number): number {
  // The epsilon absorbs 1 − 0.99 = 0.010000000000000009 in binary floating point.
  return Math.ceil(1 / (1 - p) - 1e-9);
}

/** Median, p95 and p99 of one side, with whether the sample is large enough for each tail. */
export interface SampleSummary {
  readonly n: number;
  readonly median: number;
  readonly p95: number;
  readonly p99: number;
  /** n ≥ 20: at least one run is expected above p95. */
  readonly p95Reliable: boolean;
  /** n ≥ 100: at least one run is expected above p99; below that p99 is close to the maximum. */
  readonly p99Reliable: boolean;
}

/** Summarises one sample: median, p95, p99 (type 7) and their reliability flags. */
export function summarize(values: readonly number[]): SampleSummary {
  const sorted = sortedCopy(values);
  const n = sorted.length;
  return {
    n,
    median: quantileSorted(sorted, 0.5),
    p95: quantileSorted(sorted, 0.95),
    p99: quantileSorted(sorted, 0.99),
    p95Reliable: n >= minSampleSizeForQuantile(0.95),
    p99Reliable: n >= minSampleSizeForQuantile(0.99),
  };
}

/** Ascending copy as a Float64Array (numeric sort, no comparator call per pair). */
export function sortedCopy(values: ArrayLike<number>): Float64Array {
  const out = Float64Array.from(values);
  for (const v of out) if (Number.isNaN(v)) throw new RangeError('sample contains NaN');
  return out.sort();
}
