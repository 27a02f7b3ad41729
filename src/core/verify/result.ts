/**
 * From measured runs to the result of a verification: every metric compared, and the verdict.
 * Pure: the same samples and seed always give the same result (the history can recompute it).
 */
import { compareMetric, DEFAULT_ALPHA, withPValue, type CompareOptions, type MetricComparison } from './compare';
import type { RunMeasurement, VerifySamples } from './measurement';
import { METRIC_NAMES, type MetricName } from './metrics';
import { holm } from './stats/multipleTesting';
import { decideVerdict, formatP, type Verdict } from './verdict';

/** The outcome of a verification. */
export interface VerifyResult {
  readonly runs: number;
  readonly warmup: number;
  /** Compared metrics in METRIC_NAMES order; energy only when every run measured it. */
  readonly metrics: readonly MetricComparison[];
  readonly verdict: Verdict;
  readonly reasons: readonly string[];
  /** How the p-values were adjusted across the metrics (see VerifyStatsOptions.familywise). */
  readonly pAdjustment: 'holm' | 'none';
  /** Why energy is missing, when it is. */
  readonly energyUnavailable?: string;
}

/** Settings of a verification's statistics. */
export interface VerifyStatsOptions extends CompareOptions {
  /**
   * Multiple-testing control across the metrics (default `holm`). The verdict says "changed" if
   * any of 3–4 metrics changed; with each tested separately at 5 %, simulated A/A comparisons of
   * realistic runs called a change in 5.5–7.1 % of trials (test/unit/verify/calibration.test.ts
   * and 1000-trial runs of it), above the 5 % issue 7 allows; Holm bounds the family-wise rate
   * by 5 % under any dependence (measured: 2.5 %). `none` decides each metric on its own p.
   */
  readonly familywise?: 'holm' | 'none';
}

/** Compares every metric the runs measured and decides the verdict. */
export function compareSamples(samples: VerifySamples, options: VerifyStatsOptions = {}): VerifyResult {
  const alpha = options.alpha ?? DEFAULT_ALPHA;
  const raw: MetricComparison[] = [];
  for (const metric of METRIC_NAMES) {
    const b = valuesOf(samples.baseline.runs, metric);
    const c = valuesOf(samples.candidate.runs, metric);
    if (b === undefined || c === undefined) continue;
    raw.push(compareMetric(metric, b, c, options));
  }
  const useHolm = (options.familywise ?? 'holm') === 'holm';
  let metrics = raw;
  if (useHolm) {
    const adjusted = holm(raw.map((c) => c.pValueUnadjusted));
    metrics = raw.map((c, i) => withPValue(c, adjusted[i], alpha));
  }
  const decision = decideVerdict(metrics, useHolm ? { alpha, holmAcross: metrics.length } : { alpha });
  const reasons = [...decision.reasons];
  // Holm multiplies the smallest p-value by the number of metrics.
  const factor = useHolm ? Math.max(1, metrics.length) : 1;
  const floor = Math.min(1, factor * smallestPossibleP(samples.baseline.runs.length, samples.candidate.runs.length));
  if (floor >= alpha) {
    const after = factor > 1 ? ` after the Holm adjustment across ${factor} metrics` : '';
    reasons.push(
      `with ${samples.baseline.runs.length} and ${samples.candidate.runs.length} runs the smallest p-value Mann–Whitney can give${after} is ${formatP(floor)}, ` +
        `so no change can be significant: use 5 or more runs per side`,
    );
  }
  return {
    runs: samples.runs,
    warmup: samples.warmup,
    metrics,
    verdict: decision.verdict,
    reasons,
    pAdjustment: useHolm ? 'holm' : 'none',
    ...(samples.energyUnavailable === undefined ? {} : { energyUnavailable: samples.energyUnavailable }),
  };
}

/** A metric's values in run order, or undefined when any run lacks it (energy without RAPL). */
function valuesOf(runs: readonly RunMeasurement[], metric: MetricName): number[] | undefined {
  const values: number[] = [];
  for (const run of runs) {
    const v = run[metric];
    if (v === undefined) return undefined;
    values.push(v);
  }
  return values.length > 0 ? values : undefined;
}

/**
 * The exact two-sided p-value of completely separated samples, 2 / C(n1 + n2, n1): no data can
 * do better. With 3 + 3 runs it is 2/20 = 0.1; with 4 + 4 it is 2/70 = 0.029, which Holm across
 * 3 metrics raises to 0.086; 5 + 5 gives 2/252 = 0.0079 (×4 = 0.032), the least that can work.
 */
export function smallestPossibleP(n1: number, n2: number): number {
  let combinations = 1;
  for (let k = 1; k <= n1; k++) combinations = (combinations * (n2 + k)) / k;
  return Math.min(1, 2 / combinations);
}
