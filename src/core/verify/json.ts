/**
 * The `verify --json` object, exactly as issue 7 specifies it: scripts depend on these keys,
 * so the internal result (which carries more, e.g. unadjusted p-values) is mapped explicitly.
 */
import type { Direction, MetricComparison, SideStatistics } from './compare';
import type { MetricName } from './metrics';
import type { VerifyResult } from './result';
import type { Verdict } from './verdict';

/** One side of one metric in `verify --json`. */
export interface VerifySideJson {
  readonly median: number;
  readonly p95: number;
  readonly p99: number;
  readonly values: readonly number[];
}

/** One metric in `verify --json`. */
export interface VerifyMetricJson {
  readonly baseline: VerifySideJson;
  readonly candidate: VerifySideJson;
  readonly ratio: number;
  readonly ci95: readonly [number, number];
  /** The p-value `significant` was decided on (Holm-adjusted across the metrics by default). */
  readonly pValue: number;
  readonly significant: boolean;
  readonly direction: Direction;
}

/** The object `profile-first verify --json` prints. */
export interface VerifyJson {
  readonly runs: number;
  readonly warmup: number;
  readonly metrics: Partial<Record<MetricName, VerifyMetricJson>>;
  readonly verdict: Verdict;
  readonly reasons: readonly string[];
}

/** Maps a result to the JSON contract; energyJ is present only when it was measured. */
export function toVerifyJson(result: VerifyResult): VerifyJson {
  const metrics: Partial<Record<MetricName, VerifyMetricJson>> = {};
  for (const m of result.metrics) metrics[m.metric] = metricJson(m);
  return { runs: result.runs, warmup: result.warmup, metrics, verdict: result.verdict, reasons: [...result.reasons] };
}

function metricJson(m: MetricComparison): VerifyMetricJson {
  return {
    baseline: sideJson(m.baseline),
    candidate: sideJson(m.candidate),
    ratio: m.ratio,
    ci95: [m.ci95[0], m.ci95[1]],
    pValue: m.pValue,
    significant: m.significant,
    direction: m.direction,
  };
}

function sideJson(s: SideStatistics): VerifySideJson {
  return { median: s.median, p95: s.p95, p99: s.p99, values: [...s.values] };
}
