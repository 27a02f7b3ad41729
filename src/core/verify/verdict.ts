/**
 * The verdict of a verification across all metrics at once (never one dimension alone): a change
 * that is faster but uses more memory is a trade-off, and the reasons say which metric went where.
 */
import { DEFAULT_ALPHA, MIN_MEANINGFUL_CHANGE, type MetricComparison } from './compare';

/** Overall outcome of a verification. */
export type Verdict = 'better' | 'worse' | 'trade-off' | 'no-difference';

/** Verdict and the sentences that justify it, one per significant metric. */
export interface VerdictDecision {
  readonly verdict: Verdict;
  readonly reasons: readonly string[];
}

/**
 * `better`: some metric significantly better and none significantly worse; `worse`: the
 * opposite; `trade-off`: both; `no-difference`: no metric changed significantly by at least
 * MIN_MEANINGFUL_CHANGE.
 */
export function decideVerdict(comparisons: readonly MetricComparison[], rule: DecisionRule = {}): VerdictDecision {
  const better = comparisons.filter((c) => c.direction === 'better');
  const worse = comparisons.filter((c) => c.direction === 'worse');
  const names = (list: readonly MetricComparison[]) => list.map((c) => c.metric).join(', ');
  const details = [...better, ...worse].map(describeChange);
  if (better.length > 0 && worse.length > 0) {
    return { verdict: 'trade-off', reasons: [`trade-off: better ${names(better)}; worse ${names(worse)}`, ...details] };
  }
  if (better.length > 0) return { verdict: 'better', reasons: details };
  if (worse.length > 0) return { verdict: 'worse', reasons: details };
  return {
    verdict: 'no-difference',
    reasons: [`no metric changed enough to count (${describeRule(rule)}): ${comparisons.map(describeRatio).join('; ')}`],
  };
}

/** How significance was decided, for the no-difference sentence. */
export interface DecisionRule {
  /** Default 0.05. */
  readonly alpha?: number;
  /** Number of metrics the p-values were Holm-adjusted across; absent when unadjusted. */
  readonly holmAcross?: number;
}

function describeRule(rule: DecisionRule): string {
  const alpha = rule.alpha ?? DEFAULT_ALPHA;
  const holm = rule.holmAcross !== undefined && rule.holmAcross > 1 ? ` (Holm-adjusted across ${rule.holmAcross} metrics)` : '';
  return `a change needs p < ${alpha}${holm}, a 95 % CI of the ratio excluding 1 and medians at least ${MIN_MEANINGFUL_CHANGE * 100} % apart`;
}

/** "wallSec better: 0.49× baseline (95 % CI 0.47–0.51), p = 0.00001". */
export function describeChange(c: MetricComparison): string {
  return `${c.metric} ${c.direction}: ${describeRatio(c).slice(c.metric.length + 1)}`;
}

function describeRatio(c: MetricComparison): string {
  return `${c.metric} ${formatRatio(c.ratio)}× baseline (95 % CI ${formatRatio(c.ci95[0])}–${formatRatio(c.ci95[1])}), p = ${formatP(c.pValue)}`;
}

/** Three significant digits: "0.493", "1.00", "12.4". */
export function formatRatio(r: number): string {
  if (!Number.isFinite(r)) return r > 0 ? '∞' : String(r);
  return r.toPrecision(3);
}

/** p-values: "0.023", "0.00012", "< 1e-15" — two significant digits, as precise as the test is. */
export function formatP(p: number): string {
  if (p < 1e-15) return '< 1e-15';
  if (p >= 0.001) return p.toPrecision(2);
  return p.toExponential(1);
}
