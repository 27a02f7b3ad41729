/**
 * One metric, baseline against candidate: the summaries of both sides, the ratio of medians with
 * its bootstrap interval, the Mann–Whitney p-value, and whether the change is significant.
 */
import type { MetricName } from './metrics';
import { bootstrapRatioOfMedians, type BootstrapOptions } from './stats/bootstrap';
import { mannWhitneyU, type MannWhitneyMethod } from './stats/mannWhitney';
import { summarize } from './stats/quantiles';

/** Direction of a significant change; lower is better for every metric. */
export type Direction = 'better' | 'worse' | 'none';

/** Significance level of the Mann–Whitney test (issue 7: p < 0.05 and the 95 % interval excludes 1). */
export const DEFAULT_ALPHA = 0.05;

/** One side's runs of one metric with their order statistics. */
export interface SideStatistics {
  readonly median: number;
  readonly p95: number;
  readonly p99: number;
  /** The measured values in run order. */
  readonly values: readonly number[];
  /** At least 20 runs; when false, p95 is close to the maximum. */
  readonly p95Reliable: boolean;
  /** At least 100 runs; when false, p99 is close to the maximum (state the run count with it). */
  readonly p99Reliable: boolean;
}

/** The comparison of one metric between baseline and candidate. */
export interface MetricComparison {
  readonly metric: MetricName;
  readonly baseline: SideStatistics;
  readonly candidate: SideStatistics;
  /** median(candidate) / median(baseline). */
  readonly ratio: number;
  /** Percentile-bootstrap 95 % interval of the ratio. */
  readonly ci95: readonly [number, number];
  /**
   * Two-sided Mann–Whitney U p-value on which `significant` is decided: Holm-adjusted across the
   * metrics of the verification (see compareSamples), or unadjusted for a lone comparison.
   */
  readonly pValue: number;
  /** The Mann–Whitney p-value of this metric alone, before any adjustment. */
  readonly pValueUnadjusted: number;
  /** Whether the p-value is exact or the normal approximation (ties or large samples). */
  readonly pMethod: MannWhitneyMethod;
  /** p < alpha and the interval excludes 1: both the rank test and the effect size agree. */
  readonly significant: boolean;
  /**
   * Which way a significant change went; `none` also for a significant change smaller than
   * MIN_MEANINGFUL_CHANGE (a 1 % RSS difference between two versions is real, and irrelevant).
   */
  readonly direction: Direction;
}

/** Settings of a comparison: significance level and bootstrap. */
export interface CompareOptions {
  readonly alpha?: number;
  readonly bootstrap?: BootstrapOptions;
}

/**
 * Compares one metric. Both conditions are required for significance: Mann–Whitney tests
 * whether one side tends to be larger (any shift of the distribution), the interval whether the
 * medians' ratio is away from 1; requiring both keeps the rule conservative when they disagree
 * (e.g. a shift in the tail only, or a median jump from a few tied values).
 */
export function compareMetric(
  metric: MetricName,
  baseline: readonly number[],
  candidate: readonly number[],
  options: CompareOptions = {},
): MetricComparison {
  const test = mannWhitneyU(candidate, baseline);
  const { ratio, ci } = bootstrapRatioOfMedians(baseline, candidate, options.bootstrap);
  return {
    metric,
    baseline: sideStatistics(baseline),
    candidate: sideStatistics(candidate),
    ratio,
    ci95: ci,
    pValueUnadjusted: test.pValue,
    pMethod: test.method,
    ...decide(test.pValue, ratio, ci, options.alpha ?? DEFAULT_ALPHA),
  };
}

/** The same comparison decided on another p-value (after a multiple-testing adjustment). */
export function withPValue(c: MetricComparison, pValue: number, alpha = DEFAULT_ALPHA): MetricComparison {
  return { ...c, ...decide(pValue, c.ratio, c.ci95, alpha) };
}

/**
 * The smallest change of a median that counts as better or worse: 2 %. Below it a significant
 * difference (many runs detect a 1 % RSS difference between two builds of the same program)
 * does not decide a verdict; the metric's row still shows its ratio, interval and p.
 */
export const MIN_MEANINGFUL_CHANGE = 0.02;

function decide(pValue: number, ratio: number, ci: readonly [number, number], alpha: number): Pick<MetricComparison, 'pValue' | 'significant' | 'direction'> {
  const below = ci[1] < 1;
  const above = ci[0] > 1;
  const significant = pValue < alpha && (below || above);
  // The side of 1 the interval lies on, not the point ratio: a percentile interval need not
  // contain the observed ratio when medians jump between a few discrete values.
  let direction: Direction = 'none';
  if (significant && Math.abs(ratio - 1) >= MIN_MEANINGFUL_CHANGE) direction = below ? 'better' : 'worse';
  return { pValue, significant, direction };
}

function sideStatistics(values: readonly number[]): SideStatistics {
  const s = summarize(values);
  return { median: s.median, p95: s.p95, p99: s.p99, values: [...values], p95Reliable: s.p95Reliable, p99Reliable: s.p99Reliable };
}
